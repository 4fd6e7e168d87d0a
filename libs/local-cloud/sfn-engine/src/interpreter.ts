/**
 * Runs compiled states. One {@link Run} per execution holds what every path of it shares (history,
 * clock, task invoker, tokens); a {@link Frame} is one path (the machine, a Parallel branch, a Map
 * iteration) with its variable scope, history thread and abort signal.
 *
 * Order of work in a state, as the developer guide describes it:
 * - JSONPath: InputPath -> Parameters -> (task, branches or iterations) -> ResultSelector ->
 *   Assign (reading the selected result as `$`) -> ResultPath (into the raw input) -> OutputPath.
 * - JSONata: Arguments -> (work) -> Output and Assign, both reading `$states` and the variables as
 *   they were when the state was entered; the new variable values take effect after the state.
 * Errors raised by the work or by the fields after it go through Retry, then Catch.
 */
import type { Clock } from './clock';
import { FieldEvaluationError, type CatcherNode, type EvalEnv, type Graph, type RetrierNode, type Services, type StateNode } from './compile';
import type { ContextObject, ExecutionContext } from './context';
import { StatesError, TaskFailure } from './errors';
import { errorEqualsMatches, StatesErrors } from './error-names';
import type { HistoryEvent, HistoryEventType, HistoryRecorder, HistoryThread } from './history';
import { isObject, jsonByteLength, jsonText, toJson } from './json';
import { isTimestamp } from './jsonpath/choice-rules';
import { evaluatePath, NOT_FOUND, ResultPathError, setAt, type CompiledPath } from './jsonpath/path';
import type { ResourceDescription, TaskInvoker, TaskRequest } from './task-invoker';
import type { TaskTokenRegistry } from './task-tokens';
import type { VariableScope } from './variables';

/** AWS's quota of events in one execution's history. */
export const MAX_HISTORY_EVENTS = 25_000;
/** AWS's quota on a state's input or output and on a task result (256 KiB). */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Why a path of execution was aborted. */
export class AbortedError extends Error {
  constructor(readonly reason: 'stopped' | 'timed-out' | 'sibling-failed') {
    super(`aborted: ${reason}`);
    this.name = 'AbortedError';
  }
}

/** The data-flow stages TestState reports (InspectionData in the API model). */
export type InspectionStage = 'afterInputPath' | 'afterParameters' | 'afterArguments' | 'result' | 'afterResultSelector' | 'afterResultPath';

/** A retrier would retry this error: what TestState reports as RETRIABLE instead of retrying. */
export class RetriableError extends StatesError {
  constructor(readonly original: StatesError) {
    super(original.error, original.causeText, original.fromBranch);
    this.name = 'RetriableError';
  }
}

/** What every path of one execution shares. */
export interface Run {
  history: HistoryRecorder;
  clock: Clock;
  invoker: TaskInvoker;
  tokens: TaskTokenRegistry;
  services: Services;
  execution: ExecutionContext;
  region: string;
  /** State transitions so far (the interpreter yields to the event loop now and then). */
  transitions: number;
  /** TestState: receives each data-flow stage; errors a retrier matches are raised as RetriableError, not retried. */
  inspect?: (stage: InspectionStage | 'caught', value: unknown) => void;
}

/** One path of execution. */
export interface Frame {
  run: Run;
  scope: VariableScope;
  thread: HistoryThread;
  signal: AbortSignal;
}

const ABORTED_EVENT: Partial<Record<string, HistoryEventType>> = { Task: 'TaskStateAborted', Wait: 'WaitStateAborted', Map: 'MapStateAborted', Parallel: 'ParallelStateAborted' };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof AbortedError ? signal.reason : new AbortedError('stopped');
}

/** JSON text of a payload, refusing what AWS refuses (over 256 KiB). */
function payloadText(value: unknown, what: string): string {
  const text = jsonText(value);
  if (text.length > MAX_PAYLOAD_BYTES / 4 && jsonByteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new StatesError(StatesErrors.DataLimitExceeded, `The ${what} has a size of ${jsonByteLength(text)} bytes, over the limit of ${MAX_PAYLOAD_BYTES} bytes.`);
  }
  return text;
}

/** Runs a block of states from its start (or from `from`) to its end; returns the last output. */
export async function runGraph(graph: Graph, input: unknown, frame: Frame, from: string = graph.startAt): Promise<unknown> {
  let node = graph.states.get(from) as StateNode;
  let data = input;
  for (;;) {
    throwIfAborted(frame.signal);
    const run = frame.run;
    if (++run.transitions % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (run.history.lastId >= MAX_HISTORY_EVENTS) {
      throw new StatesError(StatesErrors.Runtime, `The execution reached the maximum number of events in its history (${MAX_HISTORY_EVENTS}).`);
    }
    const { output, next } = await runState(node, data, frame);
    if (next === undefined) return output;
    data = output;
    node = graph.states.get(next) as StateNode;
  }
}

export interface StateOutcome {
  output: unknown;
  next: string | undefined;
}

/** The work of a state's entry: what its fields read and how to report a failure. */
interface Entry {
  node: StateNode;
  frame: Frame;
  rawInput: unknown;
  enteredId: number;
  context: ContextObject;
}

function env(entry: Entry, input: unknown, extra: Partial<Pick<EvalEnv, 'result' | 'errorOutput' | 'context' | 'scope'>> = {}): EvalEnv {
  return { input, context: extra.context ?? entry.context, scope: extra.scope ?? entry.frame.scope, services: entry.frame.run.services, ...(extra.result !== undefined ? { result: extra.result } : {}), ...(extra.errorOutput !== undefined ? { errorOutput: extra.errorOutput } : {}) };
}

function runtimeCause(entry: Entry, message: string): string {
  return `An error occurred while executing the state '${entry.node.name}' (entered at the event id #${entry.enteredId}). ${message}`;
}

/**
 * Evaluates a field, turning its failure into the Step Functions error: JSONata failures are
 * `States.QueryEvaluationError` (with an EvaluationFailed event), JSONPath ones `States.Runtime`.
 */
async function evaluate(entry: Entry, source: (e: EvalEnv) => unknown, e: EvalEnv): Promise<unknown> {
  try {
    const value = source(e);
    return value instanceof Promise ? await value : value;
  } catch (error) {
    throw fieldFailure(entry, error);
  }
}

function fieldFailure(entry: Entry, error: unknown): unknown {
  if (!(error instanceof FieldEvaluationError)) return error;
  const cause = runtimeCause(entry, error.message);
  if (error.language === 'JSONata') {
    entry.frame.run.history.add('EvaluationFailed', { evaluationFailedEventDetails: { error: StatesErrors.QueryEvaluationError, cause, location: error.field, state: entry.node.name } }, entry.frame.thread);
    return new StatesError(StatesErrors.QueryEvaluationError, cause);
  }
  return new StatesError(StatesErrors.Runtime, cause);
}

function queryError(entry: Entry, field: string, message: string): StatesError {
  return fieldFailure(entry, new FieldEvaluationError(field, entry.node.language, message)) as StatesError;
}

function applyPath(entry: Entry, path: CompiledPath | null | undefined, value: unknown, field: string, e: EvalEnv): unknown {
  if (path === undefined) return value;
  if (path === null) return {};
  const out = evaluatePath(path, { input: value, context: e.context, variable: (name) => e.scope.get(name) });
  if (out === NOT_FOUND) throw new StatesError(StatesErrors.Runtime, runtimeCause(entry, `Invalid path '${path.text}' : No results for path: ${field} '${path.text}' in the input '${JSON.stringify(value)}'`));
  return out;
}

function applyResultPath(entry: Entry, steps: readonly (string | number)[] | null, rawInput: unknown, result: unknown): unknown {
  if (steps === null) return rawInput;
  try {
    return setAt(rawInput, steps, result);
  } catch (error) {
    if (error instanceof ResultPathError) {
      throw new StatesError(StatesErrors.ResultPathMatchFailure, runtimeCause(entry, `Unable to apply ResultPath '${entry.node.definition['ResultPath'] as string}' to the input '${JSON.stringify(rawInput)}': ${error.message}`));
    }
    throw error;
  }
}

function checkAssignment(entry: Entry, assigned: unknown): Record<string, unknown> {
  if (!isObject(assigned)) throw queryError(entry, 'Assign', 'The Assign field must evaluate to a JSON object');
  const text = JSON.stringify(assigned);
  if (text.length > MAX_PAYLOAD_BYTES / 4 && jsonByteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new StatesError(StatesErrors.DataLimitExceeded, runtimeCause(entry, `The variables assigned by the state are over the limit of ${MAX_PAYLOAD_BYTES} bytes.`));
  }
  return assigned;
}

/** Writes `...StateExited` (with the assigned variables) and applies the assignment. */
function exitState(entry: Entry, output: unknown, assigned: Record<string, unknown> | undefined, scope: VariableScope = entry.frame.scope): void {
  const text = payloadText(output, `output of the state '${entry.node.name}'`);
  const details: NonNullable<HistoryEvent['stateExitedEventDetails']> = { name: entry.node.name, output: text, outputDetails: { truncated: false } };
  if (assigned) {
    details.assignedVariables = Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, jsonText(v)]));
    details.assignedVariablesDetails = { truncated: false };
    scope.assign(assigned);
  }
  entry.frame.run.history.add(`${entry.node.type}StateExited` as HistoryEventType, { stateExitedEventDetails: details }, entry.frame.thread);
}

/** Runs one state: its events, its work, Retry and Catch; returns its output and the next state's name. */
export async function runState(node: StateNode, rawInput: unknown, frame: Frame): Promise<StateOutcome> {
  const run = frame.run;
  const inputText = payloadText(rawInput, `input of the state '${node.name}'`);
  const enteredId = run.history.add(`${node.type}StateEntered` as HistoryEventType, { stateEnteredEventDetails: { name: node.name, input: inputText, inputDetails: { truncated: false } } }, frame.thread);
  const context: ContextObject = { ...run.execution, State: { EnteredTime: iso(run.clock.now()), Name: node.name, RetryCount: 0 } };
  const entry: Entry = { node, frame, rawInput, enteredId, context };
  try {
    switch (node.type) {
      case 'Pass':
        return await passState(entry);
      case 'Wait':
        return await waitState(entry);
      case 'Choice':
        return await choiceState(entry);
      case 'Succeed':
        return await succeedState(entry);
      case 'Fail':
        return await failState(entry);
      case 'Task':
      case 'Parallel':
      case 'Map':
        return await withRetryAndCatch(entry);
      default:
        throw new StatesError(StatesErrors.Runtime, runtimeCause(entry, `The state type '${node.type}' is not supported`));
    }
  } catch (error) {
    if (error instanceof AbortedError) {
      const aborted = ABORTED_EVENT[node.type];
      if (aborted && error.reason === 'sibling-failed') run.history.add(aborted, undefined, frame.thread);
    }
    throw error;
  }
}

async function passState(entry: Entry): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  if (node.language === 'JSONata') {
    const e = env(entry, rawInput);
    const [output, assigned] = await Promise.all([node.output ? evaluate(entry, node.output, e) : rawInput, node.assign ? evaluate(entry, node.assign, e) : undefined]);
    exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
    return { output, next: node.next };
  }
  const e0 = env(entry, rawInput);
  const inspect = entry.frame.run.inspect;
  const effective = applyPath(entry, node.inputPath, rawInput, 'InputPath', e0);
  inspect?.('afterInputPath', effective);
  const parameters = node.parameters ? await evaluate(entry, node.parameters, env(entry, effective)) : effective;
  inspect?.('afterParameters', parameters);
  const result = node.result ? node.result.value : parameters;
  inspect?.('result', result);
  const assigned = node.assign ? checkAssignment(entry, await evaluate(entry, node.assign, env(entry, result))) : undefined;
  const placed = applyResultPath(entry, node.resultPath, rawInput, result);
  inspect?.('afterResultPath', placed);
  const output = applyPath(entry, node.outputPath, placed, 'OutputPath', e0);
  exitState(entry, output, assigned);
  return { output, next: node.next };
}

function checkNumber(entry: Entry, field: string, value: unknown, options: { min: number; integer?: boolean; max?: number }): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= options.min && (options.max === undefined || value <= options.max) && (!options.integer || Number.isInteger(value));
  if (!ok) {
    const what = `${options.integer ? 'an integer' : 'a number'} ${options.max !== undefined ? `between ${options.min} and ${options.max}` : `of at least ${options.min}`}`;
    throw queryError(entry, field, `The value ${JSON.stringify(value)} of the field '${field}' must be ${what}`);
  }
  return value as number;
}

async function waitState(entry: Entry): Promise<StateOutcome> {
  const { node, rawInput, frame } = entry;
  const jsonata = node.language === 'JSONata';
  const e0 = env(entry, rawInput);
  const effective = jsonata ? rawInput : applyPath(entry, node.inputPath, rawInput, 'InputPath', e0);
  const e = env(entry, effective);
  let ms = 0;
  if (node.seconds) {
    const field = node.definition['SecondsPath'] !== undefined ? 'SecondsPath' : 'Seconds';
    ms = checkNumber(entry, field, await evaluate(entry, node.seconds, e), { min: 0, integer: true, max: 99_999_999 }) * 1000;
  } else if (node.timestamp) {
    const field = node.definition['TimestampPath'] !== undefined ? 'TimestampPath' : 'Timestamp';
    const value = await evaluate(entry, node.timestamp, e);
    if (!isTimestamp(value)) throw queryError(entry, field, `The value ${JSON.stringify(value)} of the field '${field}' must be an RFC3339 timestamp`);
    ms = Math.max(0, Date.parse(value) - frame.run.clock.now());
  }
  // Output and Assign read the variables as they were on entry: evaluate them before waiting.
  const [output, assigned] = jsonata
    ? await Promise.all([node.output ? evaluate(entry, node.output, e) : rawInput, node.assign ? evaluate(entry, node.assign, e) : undefined])
    : [applyPath(entry, node.outputPath, effective, 'OutputPath', e0), node.assign ? await evaluate(entry, node.assign, e) : undefined];
  await frame.run.clock.sleep(ms, frame.signal).catch((error) => {
    throwIfAborted(frame.signal);
    throw error;
  });
  exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
  return { output, next: node.next };
}

async function choiceState(entry: Entry): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  const choices = node.choices ?? [];
  if (node.language === 'JSONata') {
    const e = env(entry, rawInput);
    for (const choice of choices) {
      const condition = await evaluate(entry, choice.condition as (e: EvalEnv) => unknown, e);
      if (typeof condition !== 'boolean') throw queryError(entry, 'Condition', `The Condition must evaluate to a boolean, got ${JSON.stringify(condition)}`);
      if (!condition) continue;
      // A matching rule's Output and Assign are used, never the state-level ones (those are the Default's).
      const output = choice.output ? await evaluate(entry, choice.output, e) : rawInput;
      const assigned = choice.assign ? await evaluate(entry, choice.assign, e) : undefined;
      exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
      return { output, next: choice.next };
    }
    if (node.defaultNext === undefined) throw new StatesError(StatesErrors.NoChoiceMatched, runtimeCause(entry, 'No Choice Rule matched and the state has no Default.'));
    const [output, assigned] = await Promise.all([node.output ? evaluate(entry, node.output, e) : rawInput, node.assign ? evaluate(entry, node.assign, e) : undefined]);
    exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
    return { output, next: node.defaultNext };
  }
  const e0 = env(entry, rawInput);
  const effective = applyPath(entry, node.inputPath, rawInput, 'InputPath', e0);
  const e = env(entry, effective);
  const scope = { input: effective, context: entry.context, variable: (name: string) => entry.frame.scope.get(name) };
  let next: string | undefined;
  let assignSource: ((e: EvalEnv) => unknown) | undefined;
  for (const choice of choices) {
    let matched: boolean;
    try {
      matched = (choice.test as (s: typeof scope) => boolean)(scope);
    } catch (error) {
      throw new StatesError(StatesErrors.Runtime, runtimeCause(entry, (error as Error).message));
    }
    if (matched) {
      next = choice.next;
      assignSource = choice.assign;
      break;
    }
  }
  if (next === undefined) {
    if (node.defaultNext === undefined) throw new StatesError(StatesErrors.NoChoiceMatched, runtimeCause(entry, 'No Choice Rule matched and the state has no Default.'));
    next = node.defaultNext;
    assignSource = node.assign;
  }
  const assigned = assignSource ? checkAssignment(entry, await evaluate(entry, assignSource, e)) : undefined;
  const output = applyPath(entry, node.outputPath, effective, 'OutputPath', e0);
  exitState(entry, output, assigned);
  return { output, next };
}

async function succeedState(entry: Entry): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  const e0 = env(entry, rawInput);
  const output =
    node.language === 'JSONata'
      ? node.output
        ? await evaluate(entry, node.output, e0)
        : rawInput
      : applyPath(entry, node.outputPath, applyPath(entry, node.inputPath, rawInput, 'InputPath', e0), 'OutputPath', e0);
  exitState(entry, output, undefined);
  return { output, next: undefined };
}

async function failState(entry: Entry): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  const e = env(entry, rawInput);
  const error = node.error ? await evaluate(entry, node.error, e) : undefined;
  const cause = node.cause ? await evaluate(entry, node.cause, e) : undefined;
  if (error !== undefined && typeof error !== 'string') throw queryError(entry, node.definition['ErrorPath'] ? 'ErrorPath' : 'Error', 'The error of a Fail state must be a string');
  if (cause !== undefined && typeof cause !== 'string') throw queryError(entry, node.definition['CausePath'] ? 'CausePath' : 'Cause', 'The cause of a Fail state must be a string');
  throw new FailStateError(error ?? '', cause ?? '');
}

/** A Fail state was reached: the execution (or branch) fails with its error, not through Retry/Catch of the Fail state. */
export class FailStateError extends StatesError {
  constructor(error: string, cause: string) {
    super(error, cause);
    this.name = 'FailStateError';
  }
}

function retryDelayMs(retrier: RetrierNode, attempt: number, random: () => number): number {
  let seconds = retrier.intervalSeconds * Math.pow(retrier.backoffRate, attempt);
  if (retrier.maxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.maxDelaySeconds);
  if (retrier.jitter) seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

async function withRetryAndCatch(entry: Entry): Promise<StateOutcome> {
  const { node, frame } = entry;
  const attempts = node.retriers.map(() => 0);
  let retryCount = 0;
  for (;;) {
    entry.context = { ...entry.context, State: { ...entry.context.State, RetryCount: retryCount } };
    try {
      switch (node.type) {
        case 'Task':
          return await taskState(entry, retryCount);
        case 'Parallel':
          return await parallelState(entry);
        default:
          return await mapState(entry);
      }
    } catch (error) {
      if (!(error instanceof StatesError) || frame.signal.aborted) throw error;
      const origin = { fromBranch: error.fromBranch };
      const index = node.retriers.findIndex((r) => errorEqualsMatches(r.errorEquals, error.error, origin));
      const retrier = index >= 0 ? node.retriers[index] : undefined;
      if (retrier && (attempts[index] as number) < retrier.maxAttempts) {
        if (frame.run.inspect) throw new RetriableError(error);
        const delay = retryDelayMs(retrier, attempts[index] as number, frame.run.services.random);
        attempts[index] = (attempts[index] as number) + 1;
        retryCount++;
        await frame.run.clock.sleep(delay, frame.signal).catch((e) => {
          throwIfAborted(frame.signal);
          throw e;
        });
        continue;
      }
      const catcher = node.catchers.find((c) => errorEqualsMatches(c.errorEquals, error.error, origin));
      if (!catcher) throw error;
      frame.run.inspect?.('caught', { Error: error.error, Cause: error.causeText });
      return await caught(entry, catcher, error);
    }
  }
}

async function caught(entry: Entry, catcher: CatcherNode, error: StatesError): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  const errorOutput = { Error: error.error, Cause: error.causeText };
  let output: unknown;
  let assigned: unknown;
  if (node.language === 'JSONata') {
    const e = env(entry, rawInput, { errorOutput });
    [output, assigned] = await Promise.all([catcher.output ? evaluate(entry, catcher.output, e) : errorOutput, catcher.assign ? evaluate(entry, catcher.assign, e) : undefined]);
  } else {
    assigned = catcher.assign ? await evaluate(entry, catcher.assign, env(entry, errorOutput)) : undefined;
    output = applyResultPath(entry, catcher.resultPath, rawInput, errorOutput);
  }
  exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
  return { output, next: catcher.next };
}

/** Effective input, for the work of a Task, Parallel or Map: InputPath + Parameters, or Arguments. */
async function workInput(entry: Entry): Promise<{ effective: unknown; args: unknown }> {
  const { node, rawInput } = entry;
  const inspect = entry.frame.run.inspect;
  if (node.language === 'JSONata') {
    const args = node.parameters ? await evaluate(entry, node.parameters, env(entry, rawInput)) : rawInput;
    inspect?.('afterArguments', args);
    return { effective: rawInput, args };
  }
  const effective = applyPath(entry, node.inputPath, rawInput, 'InputPath', env(entry, rawInput));
  inspect?.('afterInputPath', effective);
  const args = node.parameters ? await evaluate(entry, node.parameters, env(entry, effective)) : effective;
  inspect?.('afterParameters', args);
  return { effective, args };
}

/** After the work: ResultSelector, Assign, ResultPath, OutputPath; or Output and Assign. */
async function finish(entry: Entry, result: unknown): Promise<StateOutcome> {
  const { node, rawInput } = entry;
  const inspect = entry.frame.run.inspect;
  inspect?.('result', result);
  if (node.language === 'JSONata') {
    const e = env(entry, rawInput, { result });
    const [output, assigned] = await Promise.all([node.output ? evaluate(entry, node.output, e) : result, node.assign ? evaluate(entry, node.assign, e) : undefined]);
    exitState(entry, output, assigned === undefined ? undefined : checkAssignment(entry, assigned));
    return { output, next: node.next };
  }
  const selected = node.resultSelector ? await evaluate(entry, node.resultSelector, env(entry, result)) : result;
  inspect?.('afterResultSelector', selected);
  const assigned = node.assign ? checkAssignment(entry, await evaluate(entry, node.assign, env(entry, selected))) : undefined;
  const placed = applyResultPath(entry, node.resultPath, rawInput, selected);
  inspect?.('afterResultPath', placed);
  const output = applyPath(entry, node.outputPath, placed, 'OutputPath', env(entry, rawInput));
  exitState(entry, output, assigned);
  return { output, next: node.next };
}

function taskErrorOf(error: unknown): { error: string; cause: string } {
  if (error instanceof TaskFailure) return { error: error.error, cause: error.causeText };
  if (error instanceof StatesError) return { error: error.error, cause: error.causeText };
  if (error instanceof Error) return { error: error.name && error.name !== 'Error' ? error.name : StatesErrors.TaskFailed, cause: error.message };
  return { error: StatesErrors.TaskFailed, cause: String(error) };
}

/** The task events of one attempt, by the kind of resource: Task*, LambdaFunction* or Activity*. */
interface TaskEvents {
  scheduled(input: string, timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined): void;
  submitted(output: string): void;
  succeeded(output: string): void;
  failed(error: string, cause: string): void;
  timedOut(error: string, cause: string): void;
}

function taskEvents(history: HistoryRecorder, thread: HistoryThread, resource: ResourceDescription, region: string): TaskEvents {
  const timeouts = (timeout: number | undefined, heartbeat: number | undefined, withHeartbeat = true) => ({
    ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
    ...(withHeartbeat && heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
  });
  const data = (output: string) => ({ output, outputDetails: { truncated: false } });
  if (resource.kind === 'lambda-function') {
    return {
      scheduled(input, timeout) {
        history.add('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource: resource.arn, input, inputDetails: { truncated: false }, ...timeouts(timeout, undefined, false) } }, thread);
        history.add('LambdaFunctionStarted', undefined, thread);
      },
      submitted: () => undefined,
      succeeded: (output) => history.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: data(output) }, thread),
      failed: (error, cause) => history.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } }, thread),
      timedOut: (error, cause) => history.add('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error, cause } }, thread),
    };
  }
  if (resource.kind === 'activity') {
    return {
      scheduled(input, timeout, heartbeat) {
        history.add('ActivityScheduled', { activityScheduledEventDetails: { resource: resource.arn, input, inputDetails: { truncated: false }, ...timeouts(timeout, heartbeat) } }, thread);
        history.add('ActivityStarted', { activityStartedEventDetails: {} }, thread);
      },
      submitted: () => undefined,
      succeeded: (output) => history.add('ActivitySucceeded', { activitySucceededEventDetails: data(output) }, thread),
      failed: (error, cause) => history.add('ActivityFailed', { activityFailedEventDetails: { error, cause } }, thread),
      timedOut: (error, cause) => history.add('ActivityTimedOut', { activityTimedOutEventDetails: { error, cause } }, thread),
    };
  }
  const ids = { resourceType: resource.resourceType, resource: resource.resource };
  return {
    scheduled(input, timeout, heartbeat) {
      history.add('TaskScheduled', { taskScheduledEventDetails: { ...ids, region, parameters: input, ...timeouts(timeout, heartbeat) } }, thread);
      history.add('TaskStarted', { taskStartedEventDetails: ids }, thread);
    },
    submitted: (output) => history.add('TaskSubmitted', { taskSubmittedEventDetails: { ...ids, ...data(output) } }, thread),
    succeeded: (output) => history.add('TaskSucceeded', { taskSucceededEventDetails: { ...ids, ...data(output) } }, thread),
    failed: (error, cause) => history.add('TaskFailed', { taskFailedEventDetails: { ...ids, error, cause } }, thread),
    timedOut: (error, cause) => history.add('TaskTimedOut', { taskTimedOutEventDetails: { ...ids, error, cause } }, thread),
  };
}

type TaskOutcome = { kind: 'ok'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'heartbeat' } | { kind: 'aborted' };

async function taskState(entry: Entry, retryCount: number): Promise<StateOutcome> {
  const { node, frame } = entry;
  const run = frame.run;
  const resource = node.resource;
  if (!resource) throw new StatesError(StatesErrors.Runtime, runtimeCause(entry, `The resource '${String(node.definition['Resource'])}' is not a resource ARN Step Functions can run`));
  const waitsForToken = resource.pattern === 'waitForTaskToken';
  const taskToken = waitsForToken ? run.tokens.newToken() : undefined;
  // $$.Task.Token is part of the context while the task's fields are evaluated.
  if (taskToken) entry.context = { ...entry.context, Task: { Token: taskToken } };
  const context = entry.context;
  const { effective, args } = await workInput(entry);
  const e = env(entry, effective);
  const timeoutField = node.definition['TimeoutSecondsPath'] !== undefined ? 'TimeoutSecondsPath' : 'TimeoutSeconds';
  const heartbeatField = node.definition['HeartbeatSecondsPath'] !== undefined ? 'HeartbeatSecondsPath' : 'HeartbeatSeconds';
  const timeoutSeconds = node.timeoutSeconds ? checkNumber(entry, timeoutField, await evaluate(entry, node.timeoutSeconds, e), { min: 1, integer: true, max: 99_999_999 }) : undefined;
  const heartbeatSeconds = node.heartbeatSeconds ? checkNumber(entry, heartbeatField, await evaluate(entry, node.heartbeatSeconds, e), { min: 1, integer: true, max: 99_999_999 }) : undefined;
  if (timeoutSeconds !== undefined && heartbeatSeconds !== undefined && heartbeatSeconds >= timeoutSeconds) {
    throw queryError(entry, heartbeatField, `HeartbeatSeconds (${heartbeatSeconds}) must be smaller than TimeoutSeconds (${timeoutSeconds})`);
  }
  const credentials = node.credentials ? await evaluate(entry, node.credentials, e) : undefined;
  const finalArgs = args;
  const argsText = payloadText(finalArgs, `input of the task '${node.name}'`);

  const events = taskEvents(run.history, frame.thread, resource, run.region);
  events.scheduled(argsText, timeoutSeconds, heartbeatSeconds);

  const taskAbort = new AbortController();
  const timers = new AbortController();
  let settle!: (outcome: TaskOutcome) => void;
  const outcome = new Promise<TaskOutcome>((resolve) => (settle = resolve));
  const onOuterAbort = () => {
    taskAbort.abort(frame.signal.reason);
    settle({ kind: 'aborted' });
  };
  if (frame.signal.aborted) onOuterAbort();
  else frame.signal.addEventListener('abort', onOuterAbort, { once: true });
  let heartbeatTimer: AbortController | undefined;
  const armHeartbeat = () => {
    if (heartbeatSeconds === undefined || timers.signal.aborted) return;
    heartbeatTimer?.abort();
    const controller = new AbortController();
    heartbeatTimer = controller;
    run.clock.sleep(heartbeatSeconds * 1000, controller.signal).then(
      () => settle({ kind: 'heartbeat' }),
      () => undefined,
    );
  };
  timers.signal.addEventListener('abort', () => heartbeatTimer?.abort(), { once: true });
  if (timeoutSeconds !== undefined) {
    run.clock.sleep(timeoutSeconds * 1000, timers.signal).then(
      () => settle({ kind: 'timeout' }),
      () => undefined,
    );
  }
  const tokenWait = taskToken ? run.tokens.wait(taskToken, armHeartbeat) : undefined;
  if (waitsForToken || resource.kind === 'activity') armHeartbeat();
  tokenWait?.promise.then(
    (value) => settle({ kind: 'ok', value }),
    (error: unknown) => settle({ kind: 'error', error }),
  );
  const request: TaskRequest = {
    resource,
    arguments: finalArgs,
    stateName: node.name,
    retryCount,
    ...(taskToken ? { taskToken } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatSeconds } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    signal: taskAbort.signal,
    heartbeat: armHeartbeat,
    submitted: (output) => {
      if (!timers.signal.aborted) events.submitted(jsonText(toJson(output)));
    },
    context,
  };
  Promise.resolve()
    .then(() => run.invoker.invoke(request))
    .then(
      (value) => {
        if (!waitsForToken) settle({ kind: 'ok', value });
      },
      (error: unknown) => settle({ kind: 'error', error }),
    );
  let result: TaskOutcome;
  try {
    result = await outcome;
  } finally {
    timers.abort();
    frame.signal.removeEventListener('abort', onOuterAbort);
  }
  if (result.kind === 'aborted') {
    tokenWait?.close('completed');
    throwIfAborted(frame.signal);
  }
  if (result.kind === 'timeout' || result.kind === 'heartbeat') {
    tokenWait?.close('timed-out');
    const error = result.kind === 'timeout' ? StatesErrors.Timeout : StatesErrors.HeartbeatTimeout;
    const cause = result.kind === 'timeout' ? `The task did not finish within its TimeoutSeconds (${timeoutSeconds} s).` : `The task sent no heartbeat within its HeartbeatSeconds (${heartbeatSeconds} s).`;
    taskAbort.abort(new AbortedError('timed-out'));
    events.timedOut(error, cause);
    throw new StatesError(error, cause);
  }
  tokenWait?.close('completed');
  if (result.kind === 'aborted') throw new AbortedError('stopped');
  if (result.kind === 'error') {
    const { error, cause } = taskErrorOf(result.error);
    events.failed(error, cause);
    throw new StatesError(error, cause);
  }
  let value: unknown;
  try {
    value = toJson(result.value);
  } catch (error) {
    const cause = `The task result is not JSON: ${(error as Error).message}`;
    events.failed(StatesErrors.Runtime, cause);
    throw new StatesError(StatesErrors.Runtime, cause);
  }
  const outputText = payloadText(value, `result of the task '${node.name}'`);
  events.succeeded(outputText);
  return finish(entry, value);
}

/** Runs branches concurrently; the first failure aborts the others. */
async function runConcurrently<T>(count: number, limit: number, frame: Frame, body: (index: number, signal: AbortSignal) => Promise<T>, tolerate: (index: number, error: StatesError) => boolean): Promise<T[]> {
  const results: T[] = new Array(count);
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(frame.signal.reason);
  frame.signal.addEventListener('abort', onOuterAbort, { once: true });
  let failure: unknown;
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < count && failure === undefined && !controller.signal.aborted) {
      const index = nextIndex++;
      try {
        results[index] = await body(index, controller.signal);
      } catch (error) {
        if (error instanceof StatesError && tolerate(index, error)) continue;
        if (failure === undefined && !(error instanceof AbortedError && controller.signal.aborted)) {
          failure = error;
          if (!controller.signal.aborted) controller.abort(new AbortedError('sibling-failed'));
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(count, limit <= 0 ? count : limit));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    frame.signal.removeEventListener('abort', onOuterAbort);
  }
  throwIfAborted(frame.signal);
  if (failure !== undefined) throw failure;
  return results;
}

function branchError(error: unknown): unknown {
  if (error instanceof StatesError && !error.fromBranch) return new StatesError(error.error, error.causeText, true);
  return error;
}

async function parallelState(entry: Entry): Promise<StateOutcome> {
  const { node, frame } = entry;
  const run = frame.run;
  const { args } = await workInput(entry);
  const startedId = run.history.add('ParallelStateStarted', undefined, frame.thread);
  const branches = node.branches ?? [];
  let results: unknown[];
  try {
    results = await runConcurrently(
      branches.length,
      0,
      frame,
      (i, signal) => runGraph(branches[i] as Graph, args, { run, scope: frame.scope.child(), thread: { last: startedId }, signal }),
      () => false,
    );
  } catch (error) {
    if (!(error instanceof AbortedError)) run.history.add('ParallelStateFailed', undefined, { last: run.history.lastId });
    frame.thread.last = run.history.lastId;
    throw branchError(error);
  }
  run.history.add('ParallelStateSucceeded', undefined, { last: run.history.lastId });
  frame.thread.last = run.history.lastId;
  return finish(entry, results);
}

async function mapState(entry: Entry): Promise<StateOutcome> {
  const { node, frame, rawInput } = entry;
  const run = frame.run;
  const map = node.map as NonNullable<StateNode['map']>;
  const jsonata = node.language === 'JSONata';
  const effective = jsonata ? rawInput : applyPath(entry, node.inputPath, rawInput, 'InputPath', env(entry, rawInput));
  const e = env(entry, effective);
  const itemsField = jsonata ? 'Items' : 'ItemsPath';
  const itemsValue = map.items ? await evaluate(entry, map.items, e) : effective;
  let items: { value: unknown; key?: string }[];
  if (Array.isArray(itemsValue)) items = itemsValue.map((value) => ({ value }));
  else if (isObject(itemsValue)) items = Object.entries(itemsValue).map(([key, value]) => ({ key, value }));
  else throw queryError(entry, itemsField, `The ${itemsField} field must select an array or an object, got ${JSON.stringify(itemsValue)}`);
  const numberField = async (source: ((e: EvalEnv) => unknown) | undefined, field: string, max?: number) => {
    if (!source) return undefined;
    const name = node.definition[field] !== undefined ? field : `${field}Path`;
    return checkNumber(entry, name, await evaluate(entry, source, e), { min: 0, integer: field !== 'ToleratedFailurePercentage', ...(max !== undefined ? { max } : {}) });
  };
  const maxConcurrency = (await numberField(map.maxConcurrency, 'MaxConcurrency')) ?? 0;
  const toleratedCount = await numberField(map.toleratedFailureCount, 'ToleratedFailureCount');
  const toleratedPercentage = await numberField(map.toleratedFailurePercentage, 'ToleratedFailurePercentage', 100);
  const tolerant = toleratedCount !== undefined || toleratedPercentage !== undefined;

  const startedId = run.history.add('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } }, frame.thread);
  let failures = 0;
  const exceeded = () =>
    (toleratedCount !== undefined && failures > toleratedCount) || (toleratedPercentage !== undefined && items.length > 0 && (failures / items.length) * 100 > toleratedPercentage) || (toleratedCount === undefined && toleratedPercentage === undefined && failures > 0);
  const failedOutputs = new Map<number, unknown>();
  let results: unknown[];
  try {
    results = await runConcurrently(
      items.length,
      maxConcurrency,
      frame,
      async (index, signal) => {
        const thread = { last: startedId };
        run.history.add('MapIterationStarted', { mapIterationStartedEventDetails: { name: node.name, index } }, thread);
        const item = items[index] as { value: unknown; key?: string };
        try {
          // An object's entries run one iteration each, with the pair { Key, Value } as input (developer guide, "ItemsPath").
          let input = item.key !== undefined ? { Key: item.key, Value: item.value } : item.value;
          if (map.itemSelector) {
            const itemContext: ContextObject = { ...entry.context, Map: { Item: { Index: index, Value: item.value, ...(item.key !== undefined ? { Key: item.key } : {}) } } };
            input = await evaluate(entry, map.itemSelector, env(entry, effective, { context: itemContext }));
          }
          const output = await runGraph(map.processor, input, { run, scope: frame.scope.child(), thread, signal });
          run.history.add('MapIterationSucceeded', { mapIterationSucceededEventDetails: { name: node.name, index } }, thread);
          return output;
        } catch (error) {
          if (error instanceof AbortedError) run.history.add('MapIterationAborted', { mapIterationAbortedEventDetails: { name: node.name, index } }, thread);
          else run.history.add('MapIterationFailed', { mapIterationFailedEventDetails: { name: node.name, index } }, thread);
          throw error;
        }
      },
      (index, error) => {
        failures++;
        if (!tolerant || exceeded()) return false;
        failedOutputs.set(index, { Error: error.error, Cause: error.causeText });
        return true;
      },
    );
  } catch (error) {
    if (!(error instanceof AbortedError)) run.history.add('MapStateFailed', undefined, { last: run.history.lastId });
    frame.thread.last = run.history.lastId;
    if (tolerant && error instanceof StatesError) {
      throw new StatesError(StatesErrors.ExceedToleratedFailureThreshold, runtimeCause(entry, `The Map state failed because ${failures} of its ${items.length} iterations failed, more than it tolerates.`));
    }
    throw branchError(error);
  }
  for (const [index, output] of failedOutputs) results[index] = output;
  run.history.add('MapStateSucceeded', undefined, { last: run.history.lastId });
  frame.thread.last = run.history.lastId;
  return finish(entry, results);
}
