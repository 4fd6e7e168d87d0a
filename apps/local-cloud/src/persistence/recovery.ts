/**
 * Recovery at boot with `--data-dir`: whatever the previous process accepted and did not finish is
 * done now, once.
 *
 * 1. Executions RUNNING in the store were interrupted (SIGKILL, a crash, or a stop that suspended
 *    them). Each runs again from its input under its own ARN, with a new history. Running a whole
 *    execution again is safe because every step is idempotent on the signupId: a step that had
 *    completed answers from its idempotency record without repeating its effect, a step that had
 *    not runs now. The execution thus completes (or compensates) exactly once.
 * 2. Bus events with deliveries still owed are delivered again (same event id) to those targets.
 * 3. Asynchronous invocations still owed run again (same request id), with their retries.
 *
 * A delivery whose target no longer exists (the templates changed in between) becomes a dead letter
 * rather than vanishing.
 */
import type { DeadLetterStore } from '../boot/dead-letter-store';
import type { EventBridgeService } from '../eventbridge';
import type { AsyncInvoker } from '../lambda/async-invoker';
import type { StepFunctionsService } from '../stepfunctions';
import type { FileExecutionStore } from './file-execution-store';
import type { WorkJournal } from './work-journal';

/** What recovery did, for the boot banner and `GET <console>/api/resilience`. */
export interface RecoveryReport {
  executionsResumed: string[];
  eventsRedelivered: number;
  invocationsRerun: number;
  /** Owed work that could not be resumed (and became a dead letter or a failed execution), with why. */
  unrecoverable: string[];
}

export interface RecoveryDeps {
  executions: FileExecutionStore;
  work: WorkJournal;
  stepfunctions: StepFunctionsService;
  eventbridge: EventBridgeService;
  asyncInvoker: AsyncInvoker;
  deadLetters: DeadLetterStore;
}

/** Resumes everything the journals say is owed. */
export async function recover(deps: RecoveryDeps): Promise<RecoveryReport> {
  const report: RecoveryReport = { executionsResumed: [], eventsRedelivered: 0, invocationsRerun: 0, unrecoverable: [] };

  for (const record of deps.executions.interrupted()) {
    await deps.executions.resetHistory(record.executionArn);
    try {
      deps.stepfunctions.resumeExecution(record);
      report.executionsResumed.push(record.executionArn);
    } catch (error) {
      const cause = `Interrupted and not resumable: ${(error as Error).message}`;
      await deps.executions.put({ ...record, status: 'FAILED', error: 'States.Runtime', cause, stopDate: new Date() });
      report.unrecoverable.push(`${record.executionArn}: ${cause}`);
    }
  }

  for (const owed of deps.work.owedEvents()) {
    const queued = await deps.eventbridge.redeliver(owed.event, owed.eventBusName, owed.targets);
    report.eventsRedelivered += 1;
    for (const target of owed.targets.filter((t) => !queued.includes(t))) {
      deps.deadLetters.add(`events:${target}`, `events:${target}`, {
        event: { ...owed.event, eventBusName: owed.eventBusName },
        ruleName: target.slice(0, target.lastIndexOf('/')),
        targetId: target.slice(target.lastIndexOf('/') + 1),
        errorName: 'TargetNotFound',
        errorMessage: 'The rule or target no longer exists or no longer matches: the event was accepted before a restart',
        attempts: 0,
      });
      deps.work.eventSettled(owed.event.id, target, true);
      report.unrecoverable.push(`event ${owed.event.id} for ${target}: target no longer exists (dead-lettered)`);
    }
  }

  for (const owed of deps.work.owedInvocations()) {
    try {
      deps.asyncInvoker.invokeAsync(owed.functionName, owed.payload, { requestId: owed.requestId, acceptedAt: owed.acceptedAt });
      report.invocationsRerun += 1;
    } catch (error) {
      deps.deadLetters.add(`lambda-async:${owed.functionName}`, `lambda:${owed.functionName}`, {
        version: '1.0',
        timestamp: new Date().toISOString(),
        requestContext: { requestId: owed.requestId, condition: 'FunctionNotFound', approximateInvokeCount: 0 },
        requestPayload: owed.payload,
        responsePayload: { errorType: (error as Error).name, errorMessage: (error as Error).message },
      });
      deps.work.invocationSettled(owed.requestId, true);
      report.unrecoverable.push(`invocation ${owed.requestId} of ${owed.functionName}: ${(error as Error).message} (dead-lettered)`);
    }
  }
  return report;
}

/** One line for the boot progress output. */
export function describeRecovery(report: RecoveryReport): string | undefined {
  const parts: string[] = [];
  if (report.executionsResumed.length > 0) parts.push(`${report.executionsResumed.length} interrupted execution(s) restarted`);
  if (report.eventsRedelivered > 0) parts.push(`${report.eventsRedelivered} accepted event(s) re-delivered`);
  if (report.invocationsRerun > 0) parts.push(`${report.invocationsRerun} asynchronous invocation(s) re-run`);
  if (report.unrecoverable.length > 0) parts.push(`${report.unrecoverable.length} not resumable (see /api/resilience)`);
  return parts.length > 0 ? `Recovered from the data directory: ${parts.join(', ')}` : undefined;
}
