/**
 * Turns the runner's event log into a Step Functions execution history (GetExecutionHistory's
 * event types and details), and records the task events the runner does not log (TaskScheduled,
 * TaskStarted, TaskSucceeded/TaskFailed/TaskTimedOut, or LambdaFunction* for a function ARN used as
 * the resource) from the task handlers. A retried task shows as repeated TaskScheduled..TaskFailed,
 * as on AWS.
 *
 * Ordering: the runner queues its events synchronously and hands them out through an async
 * generator, so the consumer is a few microtasks behind. Each task handler first yields to the
 * event loop (`setImmediate`), which lets the consumer drain everything the runner logged before
 * the task started; its task events then land after the state's `...StateEntered`. Terminal events
 * (ExecutionSucceeded/Failed/...) are written by the service from the execution's outcome.
 *
 * The history also tracks how many times each retrier of a state has fired, for the scaled retry
 * delays (see retry-delays.ts).
 */
import { compileJsonPath } from '../eventbridge/json-path';
import type { HistoryEvent } from './execution-store';
import type { RunnerEvent } from './runner';

/** How a task calls its resource (the `resourceType`/`resource` of the task events). */
export type TaskKind = 'lambda-invoke' | 'lambda-function' | 'put-events';

/** One attempt of a task, from TaskScheduled to its outcome. */
export interface TaskAttempt {
  stateName: string;
  kind: TaskKind;
  resource: string;
  lastEventId: number;
  settled: boolean;
}

type StateDefinition = Record<string, unknown>;

const STATE_EVENT_PREFIX: Record<string, string> = {
  Task: 'Task',
  Parallel: 'Parallel',
  Map: 'Map',
  Pass: 'Pass',
  Wait: 'Wait',
  Choice: 'Choice',
  Succeed: 'Succeed',
  Fail: 'Fail',
};

const NOT_TRUNCATED = { truncated: false };

/** JSON text of a value, as history details hold it. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

function taskResource(kind: TaskKind): { resourceType: string; resource: string } {
  if (kind === 'put-events') return { resourceType: 'events', resource: 'putEvents' };
  return { resourceType: 'lambda', resource: 'invoke' };
}

/** Options of {@link ExecutionHistory}. */
export interface ExecutionHistoryOptions {
  now: () => Date;
  /** Receives every event, in order. */
  append: (event: HistoryEvent) => void;
  /** Every state of the definition by name, nested ones included (for retriers and Map lengths). */
  states: ReadonlyMap<string, StateDefinition>;
  region: string;
}

/** The history of one execution, built while it runs. */
export class ExecutionHistory {
  private nextId = 1;
  private lastId = 0;
  private readonly lastByState = new Map<string, number>();
  private readonly inflight = new Map<string, TaskAttempt>();
  private readonly retrierAttempts = new Map<string, number[]>();
  private ended = false;

  constructor(private readonly options: ExecutionHistoryOptions) {}

  /**
   * Appends one event; returns its id. Nothing is added after the terminal event: a task still
   * running when its execution was stopped (or its Parallel failed) may finish later.
   */
  add(type: string, details: Record<string, Record<string, unknown>> | undefined, previousEventId = this.lastId, stateName?: string, at = this.options.now()): number {
    if (this.ended) return this.lastId;
    const id = this.nextId++;
    const event = { id, previousEventId, timestamp: at, type, ...details } as HistoryEvent;
    this.lastId = id;
    if (stateName !== undefined) this.lastByState.set(stateName, id);
    this.options.append(event);
    return id;
  }

  /** Appends the terminal event (ExecutionSucceeded, ExecutionFailed, ...) and closes the history. */
  end(type: string, details: Record<string, Record<string, unknown>>, at: Date): void {
    this.add(type, details, this.lastId, undefined, at);
    this.ended = true;
  }

  /** Retries already done by each retrier of a state, in its current entry. */
  retriesOf(stateName: string): readonly number[] {
    return this.retrierAttempts.get(stateName) ?? [];
  }

  /** ExecutionStarted, written when the execution is accepted. */
  executionStarted(input: string, roleArn: string, at: Date): void {
    this.add('ExecutionStarted', { executionStartedEventDetails: { input, inputDetails: NOT_TRUNCATED, roleArn } }, 0, undefined, at);
  }

  /** Translates one runner event. */
  onRunnerEvent(event: RunnerEvent): void {
    switch (event.type) {
      case 'StateEntered':
        if (event.state) this.stateEntered(event.state.name, event.state.type, event.state.input);
        break;
      case 'StateExited':
        if (event.state) this.stateExited(event.state.name, event.state.type, event.state.output);
        break;
      case 'StateFailed':
        if (event.state) this.stateFailed(event.state.name, event.state.type, event.Error ?? 'States.Runtime', event.Cause);
        break;
      case 'StateRetried':
        if (event.state && event.retry) this.stateRetried(event.state.name, event.retry.retrier, event.retry.attempt);
        break;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        if (event.parentState) this.mapIteration(event.type, event.parentState.name, event.index ?? 0);
        break;
      // ExecutionStarted/Succeeded/Failed/Aborted/Timeout: written by the service from the outcome.
      // ParallelBranch*, StateCaught: Step Functions has no such events (a caught state exits normally).
      default:
        break;
    }
  }

  private stateEntered(name: string, type: string, input: unknown): void {
    this.retrierAttempts.delete(name);
    const prefix = STATE_EVENT_PREFIX[type] ?? type;
    const entered = this.add(`${prefix}StateEntered`, { stateEnteredEventDetails: { name, input: jsonText(input), inputDetails: NOT_TRUNCATED } }, this.lastId, name);
    if (type === 'Parallel') this.add('ParallelStateStarted', undefined, entered, name);
    if (type === 'Map') this.add('MapStateStarted', { mapStateStartedEventDetails: { length: this.mapLength(name, input) } }, entered, name);
  }

  private stateExited(name: string, type: string, output: unknown): void {
    const prefix = STATE_EVENT_PREFIX[type] ?? type;
    if (type === 'Parallel') this.add('ParallelStateSucceeded', undefined, this.lastByState.get(name), name);
    if (type === 'Map') this.add('MapStateSucceeded', undefined, this.lastByState.get(name), name);
    this.add(`${prefix}StateExited`, { stateExitedEventDetails: { name, output: jsonText(output), outputDetails: NOT_TRUNCATED } }, this.lastByState.get(name), name);
  }

  private stateFailed(name: string, type: string, error: string, cause: unknown): void {
    if (type === 'Parallel') this.add('ParallelStateFailed', undefined, this.lastByState.get(name), name);
    if (type === 'Map') this.add('MapStateFailed', undefined, this.lastByState.get(name), name);
    if (type === 'Task') {
      // A task whose handler is still running failed on the runner's side: its TimeoutSeconds.
      const attempt = this.inflight.get(name);
      if (attempt && !attempt.settled) {
        attempt.settled = true;
        const causeText = typeof cause === 'string' ? cause : 'The task did not finish within its TimeoutSeconds';
        if (attempt.kind === 'lambda-function') this.add('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error, cause: causeText } }, attempt.lastEventId, name);
        else this.add('TaskTimedOut', { taskTimedOutEventDetails: { ...taskResource(attempt.kind), error, cause: causeText } }, attempt.lastEventId, name);
      }
    }
  }

  private stateRetried(name: string, retrier: unknown, attempt: number): void {
    const retriers = this.options.states.get(name)?.['Retry'];
    if (!Array.isArray(retriers)) return;
    let index = retriers.indexOf(retrier);
    if (index < 0) {
      const text = JSON.stringify(retrier);
      index = retriers.findIndex((r) => JSON.stringify(r) === text);
    }
    if (index < 0) return;
    const attempts = [...(this.retrierAttempts.get(name) ?? [])];
    attempts[index] = attempt;
    this.retrierAttempts.set(name, attempts);
  }

  private mapIteration(type: string, mapName: string, index: number): void {
    const key = type === 'MapIterationStarted' ? 'mapIterationStartedEventDetails' : type === 'MapIterationSucceeded' ? 'mapIterationSucceededEventDetails' : 'mapIterationFailedEventDetails';
    this.add(type, { [key]: { name: mapName, index } }, this.lastByState.get(mapName), mapName);
  }

  private mapLength(name: string, input: unknown): number {
    const state = this.options.states.get(name);
    if (!state) return 0;
    try {
      let items: unknown = input;
      if (typeof state['InputPath'] === 'string') items = compileJsonPath(state['InputPath']).evaluate(items);
      if (typeof state['ItemsPath'] === 'string') items = compileJsonPath(state['ItemsPath']).evaluate(items);
      return Array.isArray(items) ? items.length : 0;
    } catch {
      return 0;
    }
  }

  /** TaskScheduled + TaskStarted (or LambdaFunctionScheduled + LambdaFunctionStarted). */
  taskStarted(stateName: string, kind: TaskKind, resource: string, parameters: unknown, timeoutSeconds: number | undefined): TaskAttempt {
    const previous = this.lastByState.get(stateName) ?? this.lastId;
    let scheduled: number;
    let started: number;
    if (kind === 'lambda-function') {
      scheduled = this.add(
        'LambdaFunctionScheduled',
        { lambdaFunctionScheduledEventDetails: { resource, input: jsonText(parameters), inputDetails: NOT_TRUNCATED, ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}) } },
        previous,
        stateName,
      );
      started = this.add('LambdaFunctionStarted', undefined, scheduled, stateName);
    } else {
      const { resourceType, resource: resourceName } = taskResource(kind);
      scheduled = this.add(
        'TaskScheduled',
        {
          taskScheduledEventDetails: {
            resourceType,
            resource: resourceName,
            region: this.options.region,
            parameters: jsonText(parameters),
            ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
          },
        },
        previous,
        stateName,
      );
      started = this.add('TaskStarted', { taskStartedEventDetails: { resourceType, resource: resourceName } }, scheduled, stateName);
    }
    const attempt: TaskAttempt = { stateName, kind, resource, lastEventId: started, settled: false };
    this.inflight.set(stateName, attempt);
    return attempt;
  }

  /** TaskSucceeded (or LambdaFunctionSucceeded); nothing when the runner already timed the task out. */
  taskSucceeded(attempt: TaskAttempt, output: unknown): void {
    if (attempt.settled) return;
    attempt.settled = true;
    if (attempt.kind === 'lambda-function') {
      this.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: jsonText(output), outputDetails: NOT_TRUNCATED } }, attempt.lastEventId, attempt.stateName);
    } else {
      this.add('TaskSucceeded', { taskSucceededEventDetails: { ...taskResource(attempt.kind), output: jsonText(output), outputDetails: NOT_TRUNCATED } }, attempt.lastEventId, attempt.stateName);
    }
  }

  /** TaskFailed (or LambdaFunctionFailed). */
  taskFailed(attempt: TaskAttempt, error: string, cause: string): void {
    if (attempt.settled) return;
    attempt.settled = true;
    if (attempt.kind === 'lambda-function') {
      this.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } }, attempt.lastEventId, attempt.stateName);
    } else {
      this.add('TaskFailed', { taskFailedEventDetails: { ...taskResource(attempt.kind), error, cause } }, attempt.lastEventId, attempt.stateName);
    }
  }
}
