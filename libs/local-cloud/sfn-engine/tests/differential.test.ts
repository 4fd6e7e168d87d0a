/**
 * Differential tests against the reference implementations there are:
 * - aws-local-stepfunctions 3.0.0 (JSONPath only) runs every conformance case it can run (no
 *   JSONata, no variables, no callbacks or time-outs); where it disagrees with the developer guide
 *   the case is listed below with the reason, and the test checks it still disagrees, so the list
 *   stays exact.
 * - asl-validator 4 judges every definition of the table; the definitions it judges differently
 *   from Step Functions are listed, which is why the engine validates with its own checks.
 */
import { conformanceCases } from '../conformance';
import type { ConformanceCase } from '../conformance/types';
import { deepEqual } from '../src/json';
import { runOnReference } from './reference/aws-local-stepfunctions';

const aslValidator = require('asl-validator') as (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => { isValid: boolean };

/** Cases where aws-local-stepfunctions departs from the developer guide, and how. */
const REFERENCE_DIVERGENCES: Record<string, string> = {
  'data-flow/result-path-match-failure-is-catchable': 'replaces a number on the ResultPath with an object instead of raising States.ResultPathMatchFailure',
  'context/execution-fields': 'its context object lacks Execution.StartTime, RoleArn and RedriveCount',
  'context/state-and-state-machine-fields': 'its context object lacks State and StateMachine',
  'context/retry-count-counts-retries': 'its context object lacks State.RetryCount',
  'intrinsics/string-to-json-not-json': 'fails with the JavaScript error name SyntaxError, not States.Runtime',
  'intrinsics/string-split-several-delimiters': 'splits on the whole delimiter string, not on each of its characters',
  'intrinsics/context-argument': 'its context object lacks State.Name',
  'intrinsics/fail-cause-path': 'does not evaluate intrinsic functions in CausePath',
  'choice/numeric-on-string-is-false': 'compares a numeric string with a number instead of answering false',
  'choice/is-present-false-for-missing': 'IsPresent false does not match an absent field',
  'map/tolerated-failure-count': 'has no ToleratedFailureCount',
  'map/exceed-tolerated-failure-count': 'has no ToleratedFailureCount (fails with the iteration error)',
  'map/tolerated-failure-percentage': 'has no ToleratedFailurePercentage',
  'map/exceed-tolerated-failure-percentage': 'has no ToleratedFailurePercentage (fails with the iteration error)',
  'wait/seconds-path-not-a-number-fails': 'waits on a SecondsPath value that is not a number instead of failing',
  'errors/branch-failed-matches-branch-errors': 'States.BranchFailed does not match an error raised in a branch',
  'map/items-path-object-runs-per-pair': 'ItemsPath must select an array; it does not iterate over a JSON object',
};

/** Definitions asl-validator 4 judges differently from Step Functions. */
const ASL_VALIDATOR_REJECTS_VALID = ['jsonata/expression-in-array', 'variables/assign-and-read-later', 'choice/jsonata-condition'];
const ASL_VALIDATOR_ACCEPTS_INVALID = [
  'validation/jsonpath-state-in-jsonata-machine',
  'validation/invalid-resource',
  'validation/heartbeat-not-below-timeout',
  'validation/states-all-not-alone',
  'validation/states-all-not-last',
  'validation/backoff-rate-below-one',
  'validation/unknown-jitter-strategy',
  'validation/custom-error-with-states-prefix',
  'validation/nested-rule-with-next',
  'validation/invalid-variable-name',
  'validation/variable-sub-path',
  'validation/reserved-variable-states',
  'validation/variable-name-too-long',
  'validation/inner-scope-assigns-outer-variable',
  'validation/machine-timeout-not-positive',
];

/** Whether the reference can run a case at all: JSONPath only, no variables, no callbacks or hanging tasks. */
function referenceCanRun(c: ConformanceCase): boolean {
  if (!c.expect || (c.expect.status !== 'SUCCEEDED' && c.expect.status !== 'FAILED')) return false;
  const text = JSON.stringify(c.definition);
  if (text.includes('JSONata') || text.includes('"Assign"') || text.includes('waitForTaskToken')) return false;
  if (/"\$[A-Za-z_]/.test(text)) return false;
  if (JSON.stringify(c.mocks ?? {}).includes('Hang')) return false;
  return true;
}

function agrees(c: ConformanceCase, outcome: { status: string; output?: unknown; error?: string }): boolean {
  const expect = c.expect as NonNullable<ConformanceCase['expect']>;
  if (outcome.status !== expect.status) return false;
  if (expect.output !== undefined && !deepEqual(outcome.output, expect.output)) return false;
  if (expect.error !== undefined && outcome.error !== expect.error) return false;
  return true;
}

const runnable = conformanceCases.filter(referenceCanRun);

describe('differential: aws-local-stepfunctions 3.0.0', () => {
  it('runs a large share of the table', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(100);
  });

  it.each(runnable.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const outcome = await runOnReference(c);
    if (REFERENCE_DIVERGENCES[id]) {
      expect(agrees(c, outcome)).toBe(false);
    } else {
      expect(outcome).toEqual(expect.objectContaining({ status: c.expect?.status }));
      expect(agrees(c, outcome)).toBe(true);
    }
  });

  it('lists only divergences of cases it runs', () => {
    const ids = new Set(runnable.map((c) => c.id));
    expect(Object.keys(REFERENCE_DIVERGENCES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('differential: asl-validator 4', () => {
  // asl-validator compiles its JSON schemas on every call (a tenth of a second or more each), so it
  // judges the validation cases and the JSONata ones, where its schemas are newest.
  const judged = conformanceCases.filter((c) => typeof c.definition !== 'string' && (c.validation !== undefined || JSON.stringify(c.definition).includes('JSONata')));

  it('agrees with Step Functions except where listed', () => {
    const rejectsValid: string[] = [];
    const acceptsInvalid: string[] = [];
    for (const c of judged) {
      const valid = c.expect !== undefined || c.validation?.result === 'OK';
      // It writes QueryLanguage into the states it is given: give it a copy.
      const { isValid } = aslValidator(structuredClone(c.definition), { checkPaths: true, checkArn: false });
      if (valid && !isValid) rejectsValid.push(c.id);
      if (!valid && isValid) acceptsInvalid.push(c.id);
    }
    expect(rejectsValid).toEqual(ASL_VALIDATOR_REJECTS_VALID);
    expect(acceptsInvalid).toEqual(ASL_VALIDATOR_ACCEPTS_INVALID);
  }, 180_000);
});
