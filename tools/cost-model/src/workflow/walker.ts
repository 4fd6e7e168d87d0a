/**
 * Walks one execution of a state machine definition, JSONPath or JSONata (per state, as
 * `QueryLanguage` says), with the data flowing exactly as Step Functions moves it, so that every
 * Choice takes the branch a real execution would take. Tasks do not run: a {@link TaskRunner}
 * answers each attempt (a measured function output, or an injected error), and the walk records
 * what a bill is made of: the state transitions (retries included), the history events (what the
 * execution log ingests), every task attempt, and how long the execution takes (expected, with the
 * jitter of each retrier, and at worst).
 *
 * What it refuses, with an error naming the state: a Distributed Map (child executions bill on
 * their own), and a walk that does not end within `maxStates` (a loop the scenario never leaves).
 */
import { JsonPathError, applyPayloadTemplate, evaluateDynamic, readPath, writePath, type PathScope } from './json-path';
import { evaluateChoiceRule } from './choice-rules';
import { JsonataEvaluationError, evaluateJsonataValue, type StatesVariable } from './jsonata-values';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** How a Task calls its resource. */
export type IntegrationPattern = 'request-response' | 'sync' | 'waitForTaskToken';

/** One attempt of a Task, as the runner sees it. */
export interface TaskAttempt {
  stateName: string;
  /** The Resource field. */
  resource: string;
  /** The evaluated Parameters (JSONPath) or Arguments (JSONata): the request. */
  args: unknown;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  pattern: IntegrationPattern;
}

/** What one task attempt gave: its raw result, or an error; and how long it took. */
export type TaskOutcome = { ok: true; result: unknown; durationMs: number } | { ok: false; error: string; cause?: string; durationMs: number };

/** Answers a task attempt. */
export type TaskRunner = (attempt: TaskAttempt) => Promise<TaskOutcome> | TaskOutcome;

/** One execution history event, as much as logging and billing need. */
export interface WalkHistoryEvent {
  type: string;
  stateName?: string;
  /** The state's input (…StateEntered) or output (…StateExited), for `IncludeExecutionData`. */
  data?: unknown;
}

/** What {@link walkExecution} found. */
export interface WalkResult {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  /** Billable state transitions of a Standard workflow: every state entered, and every retry. */
  transitions: number;
  history: WalkHistoryEvent[];
  tasks: (TaskAttempt & { outcome: TaskOutcome; timeoutSeconds?: number })[];
  /** States in the order they were entered (branches one after another). */
  visited: string[];
  /** Expected duration: task durations, Wait states, retry delays at their mean (half the delay under full jitter). */
  expectedDurationMs: number;
  /** Worst case of this path: every failed attempt runs to its task time-out, every retry waits its whole delay. */
  worstCaseDurationMs: number;
  /** The largest state data (input or output) seen, in bytes of JSON. */
  maxDataBytes: number;
  /** Integration patterns and features the definition used on this path (what Express cannot run). */
  patterns: Set<string>;
}

/** Options of {@link walkExecution}. */
export interface WalkOptions {
  definition: Record<string, unknown>;
  input: unknown;
  /** The context object's Execution/StateMachine fields (`$$` / `$states.context`). */
  context?: { Execution?: Record<string, unknown>; StateMachine?: Record<string, unknown> };
  runTask: TaskRunner;
  /** Stop a walk that has entered this many states. @default 10000 */
  maxStates?: number;
}

/** The definition cannot be walked as written. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
}

type StateDef = Record<string, unknown>;
type Machine = { StartAt: string; States: Record<string, StateDef>; QueryLanguage?: QueryLanguage };

/** A failure inside the walk that a Retry or Catch may handle. */
class StatesError extends Error {
  override readonly name = 'StatesError';
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
  }
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null));

/** The documented matching of an error name against an ErrorEquals list. */
export function errorMatches(errorEquals: unknown, error: string): boolean {
  if (!Array.isArray(errorEquals)) return false;
  return errorEquals.some(
    (name) =>
      name === error ||
      (name === 'States.ALL' && error !== 'States.Runtime') ||
      (name === 'States.TaskFailed' && error !== 'States.Timeout' && error !== 'States.Runtime' && !error.startsWith('States.Branch')),
  );
}

/** Delay before retry `retryIndex` (0 for the first) of a retrier, in ms, without jitter. */
export function retryDelayMs(retrier: StateDef, retryIndex: number): number {
  const interval = typeof retrier['IntervalSeconds'] === 'number' ? retrier['IntervalSeconds'] : 1;
  const backoff = typeof retrier['BackoffRate'] === 'number' ? retrier['BackoffRate'] : 2;
  let seconds = interval * backoff ** retryIndex;
  if (typeof retrier['MaxDelaySeconds'] === 'number') seconds = Math.min(seconds, retrier['MaxDelaySeconds']);
  return seconds * 1000;
}

const TASK_EVENT_PREFIX = 'Task';

/** Everything a state's handling needs, evaluated once when the state is entered. */
interface StateCall {
  frame: Frame;
  name: string;
  state: StateDef;
  type: string;
  language: QueryLanguage;
  rawInput: unknown;
  scopeFor: (data: unknown, retryCount?: number, extra?: Record<string, unknown>) => PathScope;
  states: (extra?: Partial<StatesVariable>, retryCount?: number) => StatesVariable;
  /** The variables as they were when the state was entered (every reference in a state reads these). */
  variablesAtEntry: Record<string, unknown>;
}

interface Frame {
  machine: Machine;
  language: QueryLanguage;
  variables: Record<string, unknown>;
  /** Map iteration context, when inside one. */
  mapItem?: { Index: number; Value: unknown };
}

/** Walks one execution. Errors in the definition (bad paths, unsupported states) propagate as they would fail the execution. */
export async function walkExecution(options: WalkOptions): Promise<WalkResult> {
  const definition = options.definition as unknown as Machine;
  if (!definition || typeof definition.StartAt !== 'string' || !definition.States) throw new UnsupportedDefinitionError('not a state machine definition (StartAt and States are required)');
  const maxStates = options.maxStates ?? 10_000;
  const result: WalkResult = {
    status: 'SUCCEEDED',
    transitions: 0,
    history: [],
    tasks: [],
    visited: [],
    expectedDurationMs: 0,
    worstCaseDurationMs: 0,
    maxDataBytes: 0,
    patterns: new Set(),
  };
  const execution = { Id: 'arn:aws:states:us-east-1:123456789012:execution:machine:execution', Name: 'execution', StartTime: new Date(0).toISOString(), Input: options.input, RedriveCount: 0, ...options.context?.Execution };
  const stateMachine = { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:machine', Name: 'machine', ...options.context?.StateMachine };
  const event = (type: string, stateName?: string, data?: unknown) => {
    result.history.push({ type, ...(stateName !== undefined ? { stateName } : {}), ...(data !== undefined ? { data } : {}) });
    if (data !== undefined) result.maxDataBytes = Math.max(result.maxDataBytes, bytes(data));
  };
  const contextFor = (name: string, retryCount: number, frame: Frame, extra: Record<string, unknown> = {}) => ({
    Execution: execution,
    StateMachine: stateMachine,
    State: { Name: name, EnteredTime: new Date(0).toISOString(), RetryCount: retryCount },
    ...(frame.mapItem ? { Map: { Item: frame.mapItem } } : {}),
    ...extra,
  });

  /** Runs a machine (top level, a branch, an iteration) from StartAt; returns its output and time. */
  async function runMachine(frame: Frame, input: unknown): Promise<{ output: unknown; expectedMs: number; worstMs: number }> {
    let name = frame.machine.StartAt;
    let data = input;
    let expectedMs = 0;
    let worstMs = 0;
    for (;;) {
      if (result.visited.length >= maxStates) throw new UnsupportedDefinitionError(`the walk entered ${maxStates} states without ending (a loop this scenario never leaves?), last at ${name}`);
      const state = frame.machine.States[name];
      if (!state) throw new UnsupportedDefinitionError(`state ${name} is not defined`);
      let step: StepResult;
      try {
        step = await runState(frame, name, state, data);
      } catch (error) {
        // The time spent before the failure belongs to this machine's duration too.
        if (error instanceof TerminalFailure) throw new TerminalFailure(error.error, error.causeText, expectedMs + error.expectedMs, worstMs + error.worstMs);
        throw error;
      }
      expectedMs += step.expectedMs;
      worstMs += step.worstMs;
      if (step.next === undefined) return { output: step.output, expectedMs, worstMs };
      name = step.next;
      data = step.output;
    }
  }

  interface StepResult {
    output: unknown;
    next?: string;
    expectedMs: number;
    worstMs: number;
  }

  async function runState(frame: Frame, name: string, state: StateDef, rawInput: unknown): Promise<StepResult> {
    const type = String(state['Type']);
    const language: QueryLanguage = (state['QueryLanguage'] as QueryLanguage | undefined) ?? frame.language;
    const prefix = type === 'Task' ? TASK_EVENT_PREFIX : type;
    result.visited.push(name);
    result.transitions += 1;
    event(`${prefix}StateEntered`, name, rawInput);
    const variablesAtEntry = { ...frame.variables };
    const scopeFor = (data: unknown, retryCount = 0, extra?: Record<string, unknown>): PathScope => ({ data, context: contextFor(name, retryCount, frame, extra), variables: variablesAtEntry });
    const states = (extra: Partial<StatesVariable> = {}, retryCount = 0): StatesVariable => ({ input: rawInput, context: contextFor(name, retryCount, frame), ...extra });
    const call: StateCall = { frame, name, state, type, language, rawInput, scopeFor, states, variablesAtEntry };

    try {
      switch (type) {
        case 'Pass':
        case 'Wait':
        case 'Choice':
        case 'Succeed':
          return await simpleState(call);
        case 'Fail': {
          let error = state['Error'];
          let cause = state['Cause'];
          if (language === 'JSONata') {
            error = await evaluateJsonataValue(error, states(), variablesAtEntry);
            cause = await evaluateJsonataValue(cause, states(), variablesAtEntry);
          } else {
            if (typeof state['ErrorPath'] === 'string') error = evaluateDynamic(state['ErrorPath'], scopeFor(rawInput));
            if (typeof state['CausePath'] === 'string') cause = evaluateDynamic(state['CausePath'], scopeFor(rawInput));
          }
          // A Fail state has no exit event: the machine fails right there.
          throw new TerminalFailure(String(error ?? 'States.Fail'), String(cause ?? ''));
        }
        case 'Task':
        case 'Parallel':
        case 'Map':
          return await retryingState(call);
        default:
          throw new UnsupportedDefinitionError(`state ${name} has type ${type}, which the walker does not know`);
      }
    } catch (error) {
      if (error instanceof JsonPathError) throw new TerminalFailure(error.statesError, `${name}: ${error.message}`);
      if (error instanceof JsonataEvaluationError) throw new TerminalFailure(error.statesError, `${name}: ${error.message}`);
      throw error;
    }
  }

  async function simpleState(call: StateCall): Promise<StepResult> {
    const { frame, name, state, type, language, rawInput, scopeFor, states, variablesAtEntry } = call;
    let next = typeof state['Next'] === 'string' ? state['Next'] : undefined;
    let output: unknown;
    let waitMs = 0;
    let assign: unknown = state['Assign'];
    let outputTemplate: unknown = state['Output'];
    if (language === 'JSONata') {
      if (type === 'Choice') {
        next = undefined;
        for (const choice of (state['Choices'] as StateDef[] | undefined) ?? []) {
          if ((await evaluateJsonataValue(choice['Condition'], states(), variablesAtEntry)) === true) {
            next = String(choice['Next']);
            if (choice['Assign'] !== undefined) assign = choice['Assign'];
            if (choice['Output'] !== undefined) outputTemplate = choice['Output'];
            break;
          }
        }
        next ??= typeof state['Default'] === 'string' ? state['Default'] : undefined;
        if (next === undefined) throw new TerminalFailure('States.NoChoiceMatched', `${name}: no Choice rule matched and there is no Default`);
      }
      if (type === 'Wait') waitMs = await waitSeconds(state, language, scopeFor(rawInput), states(), variablesAtEntry);
      output = outputTemplate === undefined ? rawInput : await evaluateJsonataValue(outputTemplate, states(), variablesAtEntry);
      if (assign !== undefined) Object.assign(frame.variables, await evaluateJsonataValue(assign, states(), variablesAtEntry));
    } else {
      const input = inputPath(state, scopeFor(rawInput));
      let stateResult: unknown = input;
      if (type === 'Pass') {
        stateResult = state['Result'] !== undefined ? state['Result'] : state['Parameters'] !== undefined ? applyPayloadTemplate(state['Parameters'], scopeFor(input)) : input;
        output = resultPath(state, rawInput, stateResult);
      } else {
        output = input;
      }
      if (type === 'Choice') {
        next = undefined;
        for (const rule of (state['Choices'] as StateDef[] | undefined) ?? []) {
          if (evaluateChoiceRule(rule, scopeFor(input))) {
            next = String(rule['Next']);
            if (rule['Assign'] !== undefined) assign = rule['Assign'];
            break;
          }
        }
        next ??= typeof state['Default'] === 'string' ? state['Default'] : undefined;
        if (next === undefined) throw new TerminalFailure('States.NoChoiceMatched', `${name}: no Choice rule matched and there is no Default`);
      }
      if (type === 'Wait') waitMs = await waitSeconds(state, language, scopeFor(input), states(), variablesAtEntry);
      if (assign !== undefined) Object.assign(frame.variables, applyPayloadTemplate(assign, scopeFor(stateResult)) as object);
      output = outputPath(state, scopeFor(output));
    }
    if (state['End'] === true || type === 'Succeed') next = undefined;
    event(`${type}StateExited`, name, output);
    return { output, next, expectedMs: waitMs, worstMs: waitMs };
  }

  async function waitSeconds(state: StateDef, language: QueryLanguage, scope: PathScope, states: StatesVariable, variables: Record<string, unknown>): Promise<number> {
    let seconds: unknown = state['Seconds'];
    if (language === 'JSONata' && seconds !== undefined) seconds = await evaluateJsonataValue(seconds, states, variables);
    if (language === 'JSONPath' && typeof state['SecondsPath'] === 'string') seconds = readPath(state['SecondsPath'], scope);
    if (typeof seconds === 'number') return seconds * 1000;
    // Timestamp / TimestampPath: the wait depends on the clock of the execution; nothing to add.
    return 0;
  }

  async function retryingState(call: StateCall): Promise<StepResult> {
    const { frame, name, state, type, language, rawInput, scopeFor, states, variablesAtEntry } = call;
    const retriers = (state['Retry'] as StateDef[] | undefined) ?? [];
    const retriesUsed = retriers.map(() => 0);
    let expectedMs = 0;
    let worstMs = 0;
    let retryCount = 0;
    for (;;) {
      try {
        const done = await attemptState(call, retryCount);
        expectedMs += done.expectedMs;
        worstMs += done.worstMs;
        const next = state['End'] === true ? undefined : String(state['Next']);
        event(`${type === 'Task' ? TASK_EVENT_PREFIX : type}StateExited`, name, done.output);
        return { output: done.output, next, expectedMs, worstMs };
      } catch (error) {
        if (!(error instanceof AttemptFailure)) throw error;
        expectedMs += error.expectedMs;
        worstMs += error.worstMs;
        const index = retriers.findIndex((retrier) => errorMatches(retrier['ErrorEquals'], error.error));
        const retrier = index >= 0 ? retriers[index] : undefined;
        const maxAttempts = retrier && typeof retrier['MaxAttempts'] === 'number' ? retrier['MaxAttempts'] : 3;
        if (retrier && (retriesUsed[index] as number) < maxAttempts) {
          const delay = retryDelayMs(retrier, retriesUsed[index] as number);
          retriesUsed[index] = (retriesUsed[index] as number) + 1;
          retryCount += 1;
          result.transitions += 1;
          const jitter = retrier['JitterStrategy'] === 'FULL';
          expectedMs += jitter ? delay / 2 : delay;
          worstMs += delay;
          continue;
        }
        // Caught, or the state fails.
        for (const catcher of (state['Catch'] as StateDef[] | undefined) ?? []) {
          if (!errorMatches(catcher['ErrorEquals'], error.error)) continue;
          const errorOutput = { Error: error.error, Cause: error.causeText };
          let output: unknown;
          if (language === 'JSONata') {
            const catchStates = states({ errorOutput }, retryCount);
            output = catcher['Output'] === undefined ? errorOutput : await evaluateJsonataValue(catcher['Output'], catchStates, variablesAtEntry);
            if (catcher['Assign'] !== undefined) Object.assign(frame.variables, await evaluateJsonataValue(catcher['Assign'], catchStates, variablesAtEntry));
          } else {
            const path = catcher['ResultPath'] === undefined ? '$' : catcher['ResultPath'];
            output = path === null ? rawInput : writePath(rawInput, String(path), errorOutput);
            if (catcher['Assign'] !== undefined) Object.assign(frame.variables, applyPayloadTemplate(catcher['Assign'], scopeFor(errorOutput)) as object);
          }
          return { output, next: String(catcher['Next']), expectedMs, worstMs };
        }
        throw new TerminalFailure(error.error, error.causeText, expectedMs, worstMs);
      }
    }
  }

  async function attemptState(call: StateCall, retryCount: number): Promise<{ output: unknown; expectedMs: number; worstMs: number }> {
    const { frame, name, state, type, language, rawInput, scopeFor, states, variablesAtEntry } = call;
    // Input processing.
    let effectiveInput: unknown = rawInput;
    let args: unknown;
    if (language === 'JSONata') {
      args = state['Arguments'] === undefined ? rawInput : await evaluateJsonataValue(state['Arguments'], states({}, retryCount), variablesAtEntry);
    } else {
      effectiveInput = inputPath(state, scopeFor(rawInput, retryCount));
      args = state['Parameters'] === undefined ? effectiveInput : applyPayloadTemplate(state['Parameters'], scopeFor(effectiveInput, retryCount));
    }

    let stateResult: unknown;
    let expectedMs = 0;
    let worstMs = 0;
    if (type === 'Task') {
      const resource = String(state['Resource']);
      const pattern: IntegrationPattern = resource.endsWith('.sync') || resource.includes('.sync:') ? 'sync' : resource.endsWith('.waitForTaskToken') ? 'waitForTaskToken' : 'request-response';
      if (pattern !== 'request-response') result.patterns.add(`.${pattern} (${name})`);
      const timeoutSeconds = typeof state['TimeoutSeconds'] === 'number' ? state['TimeoutSeconds'] : undefined;
      const attempt: TaskAttempt = { stateName: name, resource, args, attempt: retryCount + 1, pattern };
      event('TaskScheduled', name);
      event('TaskStarted', name);
      const outcome = await options.runTask(attempt);
      result.tasks.push({ ...attempt, outcome, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) });
      if (!outcome.ok) {
        event('TaskFailed', name);
        // At worst the attempt ran to its time-out; without one a failure takes what it took.
        const worst = timeoutSeconds !== undefined ? timeoutSeconds * 1000 : outcome.durationMs;
        throw new AttemptFailure(outcome.error, outcome.cause ?? '', outcome.durationMs, worst);
      }
      event('TaskSucceeded', name);
      stateResult = outcome.result;
      expectedMs = outcome.durationMs;
      worstMs = outcome.durationMs;
    } else if (type === 'Parallel') {
      event('ParallelStateStarted', name);
      const branches = (state['Branches'] as Machine[] | undefined) ?? [];
      const outputs: unknown[] = [];
      // Branches run at the same time: all of them start (and bill) even when one fails, which then fails the Parallel.
      let failure: TerminalFailure | undefined;
      for (const branch of branches) {
        try {
          const run = await runMachine({ machine: branch, language: branch.QueryLanguage ?? language, variables: { ...variablesAtEntry } }, args);
          outputs.push(run.output);
          expectedMs = Math.max(expectedMs, run.expectedMs);
          worstMs = Math.max(worstMs, run.worstMs);
        } catch (error) {
          if (!(error instanceof TerminalFailure)) throw error;
          failure ??= error;
          expectedMs = Math.max(expectedMs, error.expectedMs);
          worstMs = Math.max(worstMs, error.worstMs);
        }
      }
      if (failure) {
        event('ParallelStateFailed', name);
        throw new AttemptFailure(failure.error, failure.causeText, expectedMs, worstMs);
      }
      event('ParallelStateSucceeded', name);
      stateResult = outputs;
    } else {
      const processor = (state['ItemProcessor'] ?? state['Iterator']) as (Machine & { ProcessorConfig?: { Mode?: string } }) | undefined;
      if (!processor) throw new UnsupportedDefinitionError(`Map state ${name} has no ItemProcessor`);
      if (processor.ProcessorConfig?.Mode === 'DISTRIBUTED') {
        throw new UnsupportedDefinitionError(`Map state ${name} is a Distributed Map: its child executions are billed as executions of their own, which this walker does not model`);
      }
      let items: unknown;
      if (language === 'JSONata') items = state['Items'] === undefined ? rawInput : await evaluateJsonataValue(state['Items'], states({}, retryCount), variablesAtEntry);
      else items = typeof state['ItemsPath'] === 'string' ? readPath(state['ItemsPath'], scopeFor(effectiveInput)) : effectiveInput;
      if (!Array.isArray(items)) throw new AttemptFailure('States.Runtime', `${name}: the items to iterate over are not an array`, 0, 0);
      event('MapStateStarted', name);
      const concurrency = typeof state['MaxConcurrency'] === 'number' && state['MaxConcurrency'] > 0 ? state['MaxConcurrency'] : items.length || 1;
      const outputs: unknown[] = [];
      let batchExpected = 0;
      let batchWorst = 0;
      // Iterations run MaxConcurrency at a time: a batch runs whole even when one of its iterations
      // fails; no batch starts after a failure.
      let failure: TerminalFailure | undefined;
      for (const [index, value] of items.entries()) {
        const mapItem = { Index: index, Value: value };
        const selector = state['ItemSelector'] ?? state['Parameters'];
        let itemInput: unknown = value;
        if (selector !== undefined) {
          itemInput =
            language === 'JSONata'
              ? await evaluateJsonataValue(selector, { input: rawInput, context: contextFor(name, retryCount, frame, { Map: { Item: mapItem } }) }, variablesAtEntry)
              : applyPayloadTemplate(selector, scopeFor(effectiveInput, retryCount, { Map: { Item: mapItem } }));
        }
        event('MapIterationStarted', name);
        try {
          const run = await runMachine({ machine: processor, language: processor.QueryLanguage ?? language, variables: { ...variablesAtEntry }, mapItem }, itemInput);
          outputs.push(run.output);
          batchExpected = Math.max(batchExpected, run.expectedMs);
          batchWorst = Math.max(batchWorst, run.worstMs);
          event('MapIterationSucceeded', name);
        } catch (error) {
          if (!(error instanceof TerminalFailure)) throw error;
          failure ??= error;
          batchExpected = Math.max(batchExpected, error.expectedMs);
          batchWorst = Math.max(batchWorst, error.worstMs);
          event('MapIterationFailed', name);
        }
        const batchEnds = (index + 1) % concurrency === 0 || index === items.length - 1;
        if (batchEnds) {
          expectedMs += batchExpected;
          worstMs += batchWorst;
          batchExpected = 0;
          batchWorst = 0;
          if (failure) {
            event('MapStateFailed', name);
            throw new AttemptFailure(failure.error, failure.causeText, expectedMs, worstMs);
          }
        }
      }
      event('MapStateSucceeded', name);
      stateResult = outputs;
    }

    // Output processing.
    let output: unknown;
    if (language === 'JSONata') {
      const resultStates = states({ result: stateResult }, retryCount);
      output = state['Output'] === undefined ? stateResult : await evaluateJsonataValue(state['Output'], resultStates, variablesAtEntry);
      if (state['Assign'] !== undefined) Object.assign(frame.variables, await evaluateJsonataValue(state['Assign'], resultStates, variablesAtEntry));
    } else {
      const selected = state['ResultSelector'] === undefined ? stateResult : applyPayloadTemplate(state['ResultSelector'], scopeFor(stateResult, retryCount));
      if (state['Assign'] !== undefined) Object.assign(frame.variables, applyPayloadTemplate(state['Assign'], scopeFor(selected, retryCount)) as object);
      output = outputPath(state, scopeFor(resultPath(state, rawInput, selected), retryCount));
    }
    return { output, expectedMs, worstMs };
  }

  result.history.push({ type: 'ExecutionStarted', data: options.input });
  result.maxDataBytes = bytes(options.input);
  try {
    const run = await runMachine({ machine: definition, language: definition.QueryLanguage ?? 'JSONPath', variables: {} }, options.input);
    result.output = run.output;
    result.expectedDurationMs = run.expectedMs;
    result.worstCaseDurationMs = run.worstMs;
    result.history.push({ type: 'ExecutionSucceeded', data: run.output });
  } catch (error) {
    if (!(error instanceof TerminalFailure)) throw error;
    result.status = 'FAILED';
    result.error = error.error;
    result.cause = error.causeText;
    result.expectedDurationMs = error.expectedMs;
    result.worstCaseDurationMs = error.worstMs;
    result.history.push({ type: 'ExecutionFailed' });
  }
  return result;
}

/** An attempt of a Task, Parallel or Map failed: Retry and Catch decide what happens. */
class AttemptFailure extends StatesError {
  constructor(
    error: string,
    cause: string,
    readonly expectedMs: number,
    readonly worstMs: number,
  ) {
    super(error, cause);
  }
}

/** A machine (top level or a branch) failed: nothing in it caught the error. */
class TerminalFailure extends StatesError {
  constructor(
    error: string,
    cause: string,
    readonly expectedMs = 0,
    readonly worstMs = 0,
  ) {
    super(error, cause);
  }
}

function inputPath(state: StateDef, scope: PathScope): unknown {
  if (!('InputPath' in state) || state['InputPath'] === '$') return scope.data;
  if (state['InputPath'] === null) return {};
  return readPath(String(state['InputPath']), scope);
}

function outputPath(state: StateDef, scope: PathScope): unknown {
  if (!('OutputPath' in state) || state['OutputPath'] === '$') return scope.data;
  if (state['OutputPath'] === null) return {};
  return readPath(String(state['OutputPath']), scope);
}

function resultPath(state: StateDef, rawInput: unknown, stateResult: unknown): unknown {
  if (!('ResultPath' in state)) return stateResult;
  if (state['ResultPath'] === null) return rawInput;
  return writePath(rawInput, String(state['ResultPath']), stateResult);
}
