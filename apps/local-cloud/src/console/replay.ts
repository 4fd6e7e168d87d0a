/**
 * Replaying a failed signup from the console. When the local cloud provides a replay (the
 * resilience work's `replaySignup(cloud, signupId)`), the console calls it; otherwise it re-drives
 * the failed execution itself: a new execution of the same state machine with the same input,
 * named `<name>-r<n>` (the name still contains the signupId, and Step Functions refuses to reuse
 * a name). Running the steps again is safe, a compensated signup included: the steps a compensation
 * undoes key their idempotency by signupId and execution, so the new execution does them again,
 * while the others (the welcome email, the team message) answer from their first record.
 */
import { ConflictError } from './errors';
import type { ConsoleStepFunctions, ExecutionIndex } from './execution-index';
import { signupOf } from './execution-index';

/**
 * A replay provided by the local cloud (src/replay's `replaySignup`): re-drives one signup and
 * resolves with its report, whose `redriven` entries name the executions it started.
 */
export type ReplaySignup = (signupId: string) => Promise<{ redriven: { executionArn: string }[]; skipped?: { what: string; reason: string }[] }>;

export interface ReplayResult {
  executionArn: string;
  /** `replaySignup` when the local cloud's replay ran, `new-execution` for the console's own. */
  via: 'replaySignup' | 'new-execution';
}

const REPLAYABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);
const REPLAY_SUFFIX = /-r(\d+)$/;
const MAX_NAME_ATTEMPTS = 5;

/**
 * Replays the signup of a failed execution.
 * @throws NotFoundError for an unknown execution
 * @throws ConflictError when the execution is running or succeeded (there is nothing to replay)
 */
export async function replayExecution(executionArn: string, deps: { sfn: ConsoleStepFunctions; index: ExecutionIndex; replaySignup?: ReplaySignup }): Promise<ReplayResult> {
  const failed = await deps.index.describe(executionArn);
  if (!REPLAYABLE.has(failed.status)) throw new ConflictError(`Execution ${failed.name} is ${failed.status}: only a failed, timed out or aborted signup is replayed`);
  const { signupId } = signupOf(failed.name, failed.input);
  if (deps.replaySignup && signupId !== undefined) {
    const report = await deps.replaySignup(signupId);
    const started = report.redriven[0];
    // The local cloud's replay may decline (e.g. the signup's latest execution is not the failed one): say why.
    const reasons = (report.skipped ?? []).map((s) => s.reason);
    if (!started) throw new ConflictError(reasons.length > 0 ? `Not replayed: ${reasons.join('; ')}` : `There was nothing to replay for signup ${signupId} (its latest execution did not fail)`);
    return { executionArn: started.executionArn, via: 'replaySignup' };
  }

  const base = failed.name.replace(REPLAY_SUFFIX, '');
  const used = new Set<number>();
  let nextToken: string | undefined;
  do {
    const page = await deps.sfn.listExecutions({ stateMachineArn: failed.stateMachineArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    for (const execution of page.executions) {
      if (!execution.name.startsWith(`${base}-r`)) continue;
      const n = REPLAY_SUFFIX.exec(execution.name)?.[1];
      if (n !== undefined && execution.name === `${base}-r${n}`) used.add(Number(n));
    }
    nextToken = page.nextToken;
  } while (nextToken);

  let n = Math.max(0, ...used) + 1;
  for (let attempt = 0; ; attempt++) {
    try {
      const started = await deps.sfn.startExecution(failed.stateMachineArn, `${base}-r${n}`, failed.input);
      return { executionArn: started.executionArn, via: 'new-execution' };
    } catch (error) {
      // Another replay took this name a moment ago: take the next one.
      if ((error as Error).name !== 'ExecutionAlreadyExists' || attempt + 1 >= MAX_NAME_ATTEMPTS) throw error;
      n++;
    }
  }
}
