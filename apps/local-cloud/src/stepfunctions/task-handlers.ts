/**
 * The local side of the Task integrations the runner cannot call itself. aws-local-stepfunctions
 * takes one handler per Task state name; the handlers here call the local Lambda runtime and the
 * local bus, and answer as the AWS integrations do:
 *
 * - `arn:aws:states:::lambda:invoke`: the Lambda Invoke response (`StatusCode`, `Payload`,
 *   `ExecutedVersion`, `SdkHttpMetadata`, `SdkResponseMetadata`), so `ResultSelector`/`OutputPath`
 *   on `$.Payload` work. A function error fails the task with Error = the error's `errorType` and
 *   Cause = the JSON of the error payload; a function that failed without an error type fails with
 *   `Lambda.Unknown`; the Lambda service failing fails with `Lambda.<ExceptionName>`.
 * - a Lambda function ARN as the resource: the function's return value itself, same errors.
 * - `arn:aws:states:::events:putEvents`: each entry's `Detail` object is sent as JSON text, the
 *   execution and state machine ARNs are appended to `Resources`, and `FailedEntryCount > 0`
 *   fails the task with `EventBridge.FailedEntry`.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeFunction, InvokeResult, PutEvents, PutEventsEntry } from '../model';
import { EVENTS_PUT_EVENTS, LAMBDA_INVOKE } from './check-definition';
import type { ExecutionHistory, TaskKind } from './execution-history';

/** How a Task state is run, worked out once per state machine. */
export interface TaskSpec {
  kind: TaskKind;
  /** The Resource field. */
  resource: string;
  /** The state's TimeoutSeconds, for the history. */
  timeoutSeconds?: number;
}

/** Works out the spec of a Task state (the definition passed checkDefinition). */
export function taskSpecOf(state: Record<string, unknown>): TaskSpec {
  const resource = state['Resource'] as string;
  const kind: TaskKind = resource === LAMBDA_INVOKE ? 'lambda-invoke' : resource === EVENTS_PUT_EVENTS ? 'put-events' : 'lambda-function';
  const timeoutSeconds = typeof state['TimeoutSeconds'] === 'number' ? state['TimeoutSeconds'] : undefined;
  return { kind, resource, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) };
}

/** A task failure, matched by the state's Retry/Catch on its name (the Error). */
export class TaskFailure extends Error {
  override readonly name: string;
  constructor(error: string, cause: string) {
    // The runner reports `message` as the Cause (in Catch output and in StateFailed events).
    super(cause);
    this.name = error;
  }
}

/** What the handlers of one execution need. */
export interface TaskContext {
  executionArn: string;
  stateMachineArn: string;
  history: ExecutionHistory;
  invokeFunction: InvokeFunction;
  putEvents: PutEvents;
}

type Handler = (input: unknown) => Promise<unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Lets the history consumer catch up with what the runner logged before this task started. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The task error of a function that failed (an unhandled error, a time-out, a crash). */
export function functionErrorOf(result: InvokeResult): TaskFailure {
  const payload = result.Payload;
  const errorType = isObject(payload) && typeof payload['errorType'] === 'string' && payload['errorType'] ? payload['errorType'] : undefined;
  const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
  if (!errorType) return new TaskFailure('Lambda.Unknown', `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payloadText}`);
  return new TaskFailure(errorType, payloadText);
}

/** The task error when the Lambda service itself failed the call (unknown function, runtime down). */
export function invocationErrorOf(error: unknown): TaskFailure {
  const name = (error as Error)?.name;
  const message = (error as Error)?.message ?? String(error);
  if (typeof name === 'string' && name.startsWith('Lambda.')) return new TaskFailure(name, message);
  const known = typeof name === 'string' && /^[A-Z][A-Za-z]*Exception$/.test(name) ? name : 'ServiceException';
  return new TaskFailure(`Lambda.${known}`, message);
}

function invokeResponse(result: InvokeResult): Record<string, unknown> {
  const requestId = randomUUID();
  const date = new Date().toUTCString();
  const headers = { 'Content-Type': 'application/json', Date: date, 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId };
  return {
    ExecutedVersion: '$LATEST',
    Payload: result.Payload === undefined ? null : result.Payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: result.StatusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: result.StatusCode,
  };
}

async function runLambda(stateName: string, spec: TaskSpec, input: unknown, ctx: TaskContext): Promise<unknown> {
  let functionName: string;
  let payload: unknown;
  let invocationType = 'RequestResponse';
  if (spec.kind === 'lambda-invoke') {
    const parameters = isObject(input) ? input : {};
    if (typeof parameters['FunctionName'] !== 'string') throw new TaskFailure('States.Runtime', `Task ${stateName}: Parameters.FunctionName must be a string`);
    functionName = parameters['FunctionName'];
    payload = parameters['Payload'] === undefined ? {} : parameters['Payload'];
    if (typeof parameters['InvocationType'] === 'string') invocationType = parameters['InvocationType'];
  } else {
    functionName = spec.resource;
    payload = input;
  }
  const attempt = ctx.history.taskStarted(stateName, spec.kind, spec.resource, input, spec.timeoutSeconds);
  if (invocationType === 'Event') {
    // Asynchronous invocation: Lambda accepts the event and the task goes on without the result.
    ctx.invokeFunction(functionName, payload).catch(() => undefined);
    const accepted = invokeResponse({ StatusCode: 202, Payload: '', durationMs: 0, coldStart: false });
    ctx.history.taskSucceeded(attempt, accepted);
    return accepted;
  }
  let result: InvokeResult;
  try {
    result = await ctx.invokeFunction(functionName, payload);
  } catch (error) {
    const failure = invocationErrorOf(error);
    ctx.history.taskFailed(attempt, failure.name, failure.message);
    throw failure;
  }
  if (result.FunctionError) {
    const failure = functionErrorOf(result);
    ctx.history.taskFailed(attempt, failure.name, failure.message);
    throw failure;
  }
  const output = spec.kind === 'lambda-invoke' ? invokeResponse(result) : result.Payload === undefined ? null : result.Payload;
  ctx.history.taskSucceeded(attempt, output);
  return output;
}

async function runPutEvents(stateName: string, spec: TaskSpec, input: unknown, ctx: TaskContext): Promise<unknown> {
  const attempt = ctx.history.taskStarted(stateName, spec.kind, spec.resource, input, spec.timeoutSeconds);
  const fail = (failure: TaskFailure): never => {
    ctx.history.taskFailed(attempt, failure.name, failure.message);
    throw failure;
  };
  const entries = isObject(input) ? input['Entries'] : undefined;
  if (!Array.isArray(entries)) return fail(new TaskFailure('States.Runtime', `Task ${stateName}: Parameters.Entries must be an array`));
  const requestEntries: PutEventsEntry[] = entries.map((entry) => {
    const e = isObject(entry) ? entry : {};
    const detail = e['Detail'];
    const resources = Array.isArray(e['Resources']) ? (e['Resources'] as string[]) : [];
    return {
      ...(e as PutEventsEntry),
      ...(detail !== undefined ? { Detail: typeof detail === 'string' ? detail : JSON.stringify(detail) } : {}),
      Resources: [...resources, ctx.executionArn, ctx.stateMachineArn],
    };
  });
  let response: Awaited<ReturnType<PutEvents>>;
  try {
    response = await ctx.putEvents(requestEntries);
  } catch (error) {
    const name = (error as Error)?.name;
    return fail(new TaskFailure(`EventBridge.${typeof name === 'string' && name !== 'Error' ? name : 'EventBridgeException'}`, (error as Error)?.message ?? String(error)));
  }
  if (response.FailedEntryCount > 0) return fail(new TaskFailure('EventBridge.FailedEntry', JSON.stringify(response)));
  const output = { Entries: response.Entries.map((entry) => ({ EventId: entry.EventId })), FailedEntryCount: 0 };
  ctx.history.taskSucceeded(attempt, output);
  return output;
}

/** The runner's `taskResourceLocalHandlers` for one execution. */
export function createTaskHandlers(tasks: ReadonlyMap<string, TaskSpec>, ctx: TaskContext): Record<string, Handler> {
  const handlers: Record<string, Handler> = {};
  for (const [stateName, spec] of tasks) {
    handlers[stateName] = async (input) => {
      await yieldToEventLoop();
      return spec.kind === 'put-events' ? runPutEvents(stateName, spec, input, ctx) : runLambda(stateName, spec, input, ctx);
    };
  }
  return handlers;
}
