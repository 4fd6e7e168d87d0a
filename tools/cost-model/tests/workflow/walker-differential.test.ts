/**
 * The walker against a reference implementation: aws-local-stepfunctions (the engine the local
 * cloud runs) executes the synthesized onboarding definition under every scenario the cost model
 * enumerates, with the same faults; both must enter the same states, retry as often, and end the
 * same way. A second, synthetic definition covers the JSONPath features the onboarding does not
 * use (Map, Wait, Choice operators, intrinsics).
 */
import { join } from 'node:path';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { loadStacks, readCostAssembly } from '../../src/assembly/read-assemblies';
import { allStates, enumerateScenarios, faultRunner, type Fault } from '../../src/workflow/scenarios';
import { walkExecution, type TaskAttempt, type TaskOutcome } from '../../src/workflow/walker';

const appsDir = join(__dirname, '../../../../apps');

/** Task answers both engines get: a Lambda payload derived from the state name, or PutEvents' answer. */
function answerFor(attempt: { stateName: string; resource: string }): unknown {
  if (attempt.resource.includes('events:putEvents')) return { Entries: [{ EventId: `event-${attempt.stateName}` }], FailedEntryCount: 0 };
  return { StatusCode: 200, Payload: { userId: 'u-1', messageId: 'm-1', bucket: 'b', prefix: 'p/', delivered: true, value: attempt.stateName } };
}

interface ReferenceRun {
  entered: string[];
  retried: number;
  status: 'SUCCEEDED' | 'FAILED';
  error?: string;
}

const CONTEXT = { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:onboarding:signup-1', Name: 'signup-1' } };

async function runReference(definition: Record<string, unknown>, input: unknown, faults: Fault[]): Promise<ReferenceRun> {
  const attempts = new Map<string, number>();
  const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  const waitTimeOverrides: Record<string, number> = {};
  for (const [name, state] of allStates(definition)) {
    if (state['Retry']) retryIntervalOverrides[name] = 0;
    if (state['Type'] === 'Wait') waitTimeOverrides[name] = 0;
    if (state['Type'] !== 'Task') continue;
    taskResourceLocalHandlers[name] = async () => {
      const n = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, n);
      const fault = faults.find((f) => f.state === name && (f.times === 'always' || n <= f.times));
      if (fault) throw Object.assign(new Error('injected'), { name: fault.error });
      return answerFor({ stateName: name, resource: String(state['Resource']) });
    };
  }
  const execution = new StateMachine(definition as unknown as StateMachineDefinition).run(input as never, {
    overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides, waitTimeOverrides },
    context: CONTEXT,
  });
  const events: { type: string; state?: { name: string } }[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) events.push(event as never);
  })();
  let status: ReferenceRun['status'] = 'SUCCEEDED';
  let error: string | undefined;
  try {
    await execution.result;
  } catch (e) {
    if (!(e instanceof ExecutionError)) throw e;
    status = 'FAILED';
    error = (e.cause as Error).name;
  }
  await collecting;
  return { entered: events.filter((e) => e.type === 'StateEntered').map((e) => e.state?.name ?? '?'), retried: events.filter((e) => e.type === 'StateRetried').length, status, ...(error ? { error } : {}) };
}

async function runWalker(definition: Record<string, unknown>, input: unknown, faults: Fault[]) {
  const succeed = (attempt: TaskAttempt): TaskOutcome => ({ ok: true, result: answerFor(attempt), durationMs: 0 });
  return walkExecution({ definition, input, context: CONTEXT, runTask: faultRunner(faults, succeed) });
}

const sorted = (names: string[]) => [...names].sort();

describe('the walker agrees with aws-local-stepfunctions', () => {
  const assembly = readCostAssembly(loadStacks(appsDir));
  const onboarding = assembly.stateMachines.find((m) => m.app === 'orchestration');
  const input = { version: '1', signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70', tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' };

  it('finds the synthesized onboarding state machine', () => {
    expect(onboarding).toBeDefined();
  });

  it('on every path of the synthesized onboarding definition', async () => {
    const definition = (onboarding as NonNullable<typeof onboarding>).definition;
    const scenarios = await enumerateScenarios({ definition, input, succeed: (a) => ({ ok: true, result: answerFor(a), durationMs: 0 }) });
    expect(scenarios.length).toBeGreaterThan(20);

    for (const { scenario } of scenarios) {
      const [reference, walk] = await Promise.all([runReference(definition, input, scenario.faults), runWalker(definition, input, scenario.faults)]);

      const context = `scenario ${scenario.key}`;
      expect({ context, entered: sorted(walk.visited) }).toEqual({ context, entered: sorted(reference.entered) });
      expect({ context, retries: walk.transitions - walk.visited.length }).toEqual({ context, retries: reference.retried });
      expect({ context, status: walk.status, error: walk.error }).toEqual({ context, status: reference.status, error: reference.error });
    }
  }, 60_000);

  it('on a definition with Map, Wait, Choice operators and intrinsics', async () => {
    const definition = {
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', Parameters: { 'items.$': 'States.ArrayRange(1, 4, 1)', 'label.$': "States.Format('n={}', $.n)", 'n.$': '$.n' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'item.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 2 }], End: true } } },
          ResultPath: '$.results',
          Next: 'Pause',
        },
        Pause: { Type: 'Wait', Seconds: 3, Next: 'Route' },
        Route: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Variable: '$.label', StringMatches: 'n=*' }], Next: 'Big' },
            { Variable: '$.n', NumericLessThanEquals: 1, Next: 'Small' },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Fail', Error: 'TooSmall' },
      },
    };

    for (const [n, faults] of [
      [5, []],
      [1, []],
      [5, [{ state: 'Work', error: 'Busy', times: 2 }]],
      [5, [{ state: 'Work', error: 'Busy', times: 'always' }]],
    ] as [number, Fault[]][]) {
      const [reference, walk] = await Promise.all([runReference(definition, { n }, faults), runWalker(definition, { n }, faults)]);

      expect(sorted(walk.visited)).toEqual(sorted(reference.entered));
      expect(walk.transitions - walk.visited.length).toBe(reference.retried);
      expect({ status: walk.status, error: walk.error }).toEqual({ status: reference.status, error: reference.error });
    }
  });
});
