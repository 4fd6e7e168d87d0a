/**
 * Replay: re-drives what did not finish, on a running local cloud. Safe to run at any time and
 * more than once, because every step is idempotent on the signupId and what was replayed is removed
 * (dead letters) or recorded (notifications).
 *
 * - failed executions: the latest execution of a signup FAILED, TIMED_OUT or ABORTED starts again
 *   from the same input under a new name that still contains the signupId, `signup-<id>-r<n>`
 *   (Step Functions keeps a used name for 90 days, so the original name cannot be reused).
 *   A compensated signup is re-driven too: the steps that compensation undoes (CreateUser,
 *   CreateUserStorage) and the compensations themselves key their idempotency records by signupId
 *   and execution name, so the new execution does the undone work again, while the steps nothing
 *   undoes (SendWelcomeEmail, NotifyTeam) stay keyed by signupId alone and are not repeated.
 * - dead letters: a bus delivery that failed for good is delivered again to its rule's target,
 *   with the same event id; a failed asynchronous invocation (e.g. StartOnboarding after its
 *   retries) is invoked again asynchronously with the same event. Replayed letters leave the list.
 * - missed notifications: a signup whose latest execution SUCCEEDED with `notification.delivered`
 *   false (the UserOnboarded event said `teamNotified: false`) gets its NotifyTeam step invoked
 *   again with the exact parameters of the last attempt, read from the execution history.
 *
 * Filters: `tenant` and `signup` limit every kind to that tenant or signup.
 */
import type { DeadLetterRecord, DeadLetterStore } from '../boot/dead-letter-store';
import type { EventBridgeService } from '../eventbridge';
import type { EventEnvelope } from '../eventbridge/target-input';
import type { AsyncInvoker } from '../lambda/async-invoker';
import type { LambdaRuntime } from '../lambda/lambda-runtime';
import type { CloudModel } from '../model';
import type { ExecutionDescription, StepFunctionsService } from '../stepfunctions';
import { eventsOfState } from './history-states';
import type { ReplayLedger } from './replay-ledger';

/** What to replay. With none of `failed`, `deadLetters`, `notifications` set, all three. */
export interface ReplayOptions {
  tenant?: string;
  signup?: string;
  failed?: boolean;
  deadLetters?: boolean;
  notifications?: boolean;
}

/** What a replay did, item by item. */
export interface ReplayReport {
  redriven: { signupId: string; tenantId?: string; from: string; fromStatus: string; executionArn: string }[];
  deadLetters: { id?: string; source: string; signupId?: string; action: 'redelivered' | 'reinvoked'; target: string }[];
  notifications: { signupId: string; tenantId?: string; executionArn: string; outcome: 'delivered' | 'failed'; error?: string }[];
  skipped: { signupId?: string; what: string; reason: string }[];
}

/** The parts of a running local cloud a replay uses. */
export interface ReplayableCloud {
  model: CloudModel;
  stepfunctions: StepFunctionsService;
  eventbridge: EventBridgeService;
  asyncInvoker: AsyncInvoker;
  runtime: LambdaRuntime;
  deadLetters: DeadLetterStore;
  resilience: { ledger: ReplayLedger };
}

/** A replay request that cannot be carried out as asked. */
export class InvalidReplayRequestError extends Error {
  override readonly name = 'InvalidReplayRequestError';
}

/** The Task state that tells the team, and where its outcome lands in the state data. */
const NOTIFY_STATE = 'NotifyTeam';
const FAILED_STATUSES = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);
const REDRIVE_SUFFIX = /-r(\d+)$/;

interface SignupExecution extends ExecutionDescription {
  signupId: string;
  tenantId?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every execution of every state machine, described, with the signup it belongs to (from its input). */
async function signupExecutions(cloud: ReplayableCloud): Promise<SignupExecution[]> {
  const all: SignupExecution[] = [];
  for (const machine of cloud.model.stateMachines) {
    let nextToken: string | undefined;
    do {
      const page = await cloud.stepfunctions.listExecutions({ stateMachineArn: machine.arn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
      for (const item of page.executions) {
        const execution = await cloud.stepfunctions.describeExecution(item.executionArn);
        const input = parseJson(execution.input);
        if (!isObject(input) || typeof input['signupId'] !== 'string') continue;
        all.push({ ...execution, signupId: input['signupId'], ...(typeof input['tenantId'] === 'string' ? { tenantId: input['tenantId'] } : {}) });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return all;
}

function bySignup(executions: SignupExecution[]): Map<string, SignupExecution[]> {
  const groups = new Map<string, SignupExecution[]>();
  for (const e of executions) {
    let group = groups.get(e.signupId);
    if (!group) groups.set(e.signupId, (group = []));
    group.push(e);
  }
  // Oldest first; the last one is the signup's current state.
  for (const group of groups.values()) group.sort((a, b) => a.startDate.getTime() - b.startDate.getTime() || (a.name < b.name ? -1 : 1));
  return groups;
}

function nextRedriveName(signupId: string, group: SignupExecution[]): string {
  let highest = 0;
  for (const e of group) {
    const match = REDRIVE_SUFFIX.exec(e.name);
    if (match && e.name.includes(signupId)) highest = Math.max(highest, Number(match[1]));
  }
  return `signup-${signupId}-r${highest + 1}`;
}

/** The signup and tenant a dead letter is about (read from the event it carries). */
function signupOfLetter(letter: DeadLetterRecord): { signupId?: string; tenantId?: string } {
  const body = isObject(letter.body) ? letter.body : {};
  const candidates = [isObject(body['event']) ? body['event']['detail'] : undefined, isObject(body['requestPayload']) ? body['requestPayload']['detail'] : undefined, body['requestPayload']];
  for (const candidate of candidates) {
    if (isObject(candidate) && typeof candidate['signupId'] === 'string') {
      return { signupId: candidate['signupId'], ...(typeof candidate['tenantId'] === 'string' ? { tenantId: candidate['tenantId'] } : {}) };
    }
  }
  return {};
}

function matchesFilter(options: ReplayOptions, signupId: string | undefined, tenantId: string | undefined): boolean {
  if (options.signup !== undefined && signupId !== options.signup) return false;
  if (options.tenant !== undefined && tenantId !== options.tenant) return false;
  return true;
}

async function redriveFailed(cloud: ReplayableCloud, groups: Map<string, SignupExecution[]>, options: ReplayOptions, report: ReplayReport): Promise<void> {
  for (const [signupId, group] of groups) {
    const latest = group[group.length - 1] as SignupExecution;
    if (!matchesFilter(options, signupId, latest.tenantId) || !FAILED_STATUSES.has(latest.status)) continue;
    const name = nextRedriveName(signupId, group);
    const started = await cloud.stepfunctions.startExecution(latest.stateMachineArn, name, latest.input);
    report.redriven.push({ signupId, ...(latest.tenantId ? { tenantId: latest.tenantId } : {}), from: latest.executionArn, fromStatus: latest.status, executionArn: started.executionArn });
  }
}

async function replayDeadLetters(cloud: ReplayableCloud, options: ReplayOptions, report: ReplayReport): Promise<void> {
  const replayed: string[] = [];
  for (const letter of cloud.deadLetters.list()) {
    const { signupId, tenantId } = signupOfLetter(letter);
    if (!matchesFilter(options, signupId, tenantId)) continue;
    const body = isObject(letter.body) ? letter.body : {};
    if (letter.source.startsWith('lambda:') && 'requestPayload' in body) {
      const functionName = letter.source.slice('lambda:'.length);
      if (!cloud.runtime.find(functionName)) {
        report.skipped.push({ ...(signupId ? { signupId } : {}), what: `dead letter ${letter.id ?? letter.receivedAt}`, reason: `function ${functionName} no longer exists` });
        continue;
      }
      await cloud.asyncInvoker.invokeAsync(functionName, body['requestPayload']).durable;
      report.deadLetters.push({ ...(letter.id ? { id: letter.id } : {}), source: letter.source, ...(signupId ? { signupId } : {}), action: 'reinvoked', target: functionName });
    } else if (letter.source.startsWith('events:') && isObject(body['event']) && typeof body['ruleName'] === 'string' && typeof body['targetId'] === 'string') {
      const { eventBusName, matchedRules: _matchedRules, ...envelope } = body['event'] as Record<string, unknown>;
      const target = `${body['ruleName']}/${body['targetId']}`;
      const queued = await cloud.eventbridge.redeliver(envelope as unknown as EventEnvelope, typeof eventBusName === 'string' ? eventBusName : 'default', [target]);
      if (queued.length === 0) {
        report.skipped.push({ ...(signupId ? { signupId } : {}), what: `dead letter ${letter.id ?? letter.receivedAt}`, reason: `rule target ${target} no longer exists or no longer matches the event` });
        continue;
      }
      report.deadLetters.push({ ...(letter.id ? { id: letter.id } : {}), source: letter.source, ...(signupId ? { signupId } : {}), action: 'redelivered', target });
    } else {
      // A message a rule delivered to a queue on purpose (the queue is a list here): not a failure.
      continue;
    }
    if (letter.id) replayed.push(letter.id);
    else report.skipped.push({ ...(signupId ? { signupId } : {}), what: `dead letter of ${letter.receivedAt}`, reason: 'kept before dead letters had ids: replayed, but it stays listed' });
  }
  await cloud.deadLetters.remove(replayed);
}

/** The parameters (FunctionName, Payload) of the last NotifyTeam attempt of an execution, from its history. */
async function lastNotifyParameters(cloud: ReplayableCloud, executionArn: string): Promise<{ FunctionName: string; Payload: unknown } | undefined> {
  const { events } = await cloud.stepfunctions.history(executionArn);
  let last: { FunctionName: string; Payload: unknown } | undefined;
  for (const event of eventsOfState(events, NOTIFY_STATE)) {
    if (event.type !== 'TaskScheduled') continue;
    const parameters = parseJson(String(event.taskScheduledEventDetails?.['parameters'] ?? ''));
    if (isObject(parameters) && typeof parameters['FunctionName'] === 'string') last = { FunctionName: parameters['FunctionName'], Payload: parameters['Payload'] };
  }
  return last;
}

async function replayNotifications(cloud: ReplayableCloud, groups: Map<string, SignupExecution[]>, options: ReplayOptions, report: ReplayReport): Promise<void> {
  for (const [signupId, group] of groups) {
    const latest = group[group.length - 1] as SignupExecution;
    if (!matchesFilter(options, signupId, latest.tenantId) || latest.status !== 'SUCCEEDED') continue;
    const output = parseJson(latest.output);
    const notification = isObject(output) ? output['notification'] : undefined;
    if (!isObject(notification) || notification['delivered'] !== false) continue;
    if (cloud.resilience.ledger.notification(signupId)) continue;
    const parameters = await lastNotifyParameters(cloud, latest.executionArn);
    if (!parameters) {
      report.skipped.push({ signupId, what: `notification of ${latest.executionArn}`, reason: `its history has no ${NOTIFY_STATE} attempt to repeat` });
      continue;
    }
    const base = { signupId, ...(latest.tenantId ? { tenantId: latest.tenantId } : {}), executionArn: latest.executionArn };
    let result;
    try {
      result = await cloud.runtime.invoke(parameters.FunctionName, parameters.Payload);
    } catch (error) {
      report.notifications.push({ ...base, outcome: 'failed', error: `${(error as Error).name}: ${(error as Error).message}` });
      continue;
    }
    if (result.FunctionError) {
      const payload = isObject(result.Payload) ? result.Payload : {};
      report.notifications.push({ ...base, outcome: 'failed', error: String(payload['errorType'] ?? 'Unhandled') });
      continue;
    }
    await cloud.resilience.ledger.recordNotification({ signupId, tenantId: latest.tenantId ?? '', executionArn: latest.executionArn, at: new Date().toISOString() });
    report.notifications.push({ ...base, outcome: 'delivered' });
  }
}

/**
 * Replays failed executions, dead letters and missed notifications (see the file header).
 * @throws InvalidReplayRequestError when a filter is blank
 */
export async function replay(cloud: ReplayableCloud, options: ReplayOptions = {}): Promise<ReplayReport> {
  if (options.signup !== undefined && options.signup.trim() === '') throw new InvalidReplayRequestError('signup must not be blank');
  if (options.tenant !== undefined && options.tenant.trim() === '') throw new InvalidReplayRequestError('tenant must not be blank');
  const all = !options.failed && !options.deadLetters && !options.notifications;
  const report: ReplayReport = { redriven: [], deadLetters: [], notifications: [], skipped: [] };
  if (all || options.deadLetters) await replayDeadLetters(cloud, options, report);
  if (all || options.failed || options.notifications) {
    const groups = bySignup(await signupExecutions(cloud));
    if (all || options.failed) await redriveFailed(cloud, groups, options, report);
    if (all || options.notifications) await replayNotifications(cloud, groups, options, report);
  }
  return report;
}

/** Replays everything owed for one signup: the console's "replay" button. */
export function replaySignup(cloud: ReplayableCloud, signupId: string): Promise<ReplayReport> {
  return replay(cloud, { signup: signupId });
}
