/**
 * Execution history as `GetExecutionHistory` returns it: AWS's event types and detail member
 * names and shapes (from the Step Functions API model, sfn-2016-11-23), ids from 1, and
 * `previousEventId` linking each event to the one before it on its own path (a Parallel branch or
 * Map iteration links to its state's `...Started` event).
 */

/** `inputDetails` / `outputDetails` / `assignedVariablesDetails`. */
export interface DataDetails {
  truncated: boolean;
}

/** Every history event type of the API model. */
export type HistoryEventType =
  | 'ActivityFailed'
  | 'ActivityScheduled'
  | 'ActivityScheduleFailed'
  | 'ActivityStarted'
  | 'ActivitySucceeded'
  | 'ActivityTimedOut'
  | 'ChoiceStateEntered'
  | 'ChoiceStateExited'
  | 'ExecutionAborted'
  | 'ExecutionFailed'
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionTimedOut'
  | 'FailStateEntered'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionScheduleFailed'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionStartFailed'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionTimedOut'
  | 'MapIterationAborted'
  | 'MapIterationFailed'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapStateAborted'
  | 'MapStateEntered'
  | 'MapStateExited'
  | 'MapStateFailed'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'ParallelStateAborted'
  | 'ParallelStateEntered'
  | 'ParallelStateExited'
  | 'ParallelStateFailed'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'PassStateEntered'
  | 'PassStateExited'
  | 'SucceedStateEntered'
  | 'SucceedStateExited'
  | 'TaskFailed'
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskStartFailed'
  | 'TaskStateAborted'
  | 'TaskStateEntered'
  | 'TaskStateExited'
  | 'TaskSubmitFailed'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskTimedOut'
  | 'WaitStateAborted'
  | 'WaitStateEntered'
  | 'WaitStateExited'
  | 'MapRunAborted'
  | 'MapRunFailed'
  | 'MapRunStarted'
  | 'MapRunSucceeded'
  | 'ExecutionRedriven'
  | 'MapRunRedriven'
  | 'EvaluationFailed';

/** Error and cause, the shape of every `...Failed`/`...TimedOut`/`...Aborted` detail. */
export interface ErrorDetails {
  error?: string;
  cause?: string;
}

/** `taskScheduledEventDetails`. */
export interface TaskScheduledEventDetails {
  resourceType: string;
  resource: string;
  region: string;
  parameters: string;
  timeoutInSeconds?: number;
  heartbeatInSeconds?: number;
  taskCredentials?: { roleArn?: string };
}

/** One history event. Exactly one `...EventDetails` member is present for types that have details. */
export interface HistoryEvent {
  timestamp: Date;
  type: HistoryEventType;
  id: number;
  previousEventId: number;
  executionStartedEventDetails?: { input?: string; inputDetails?: DataDetails; roleArn?: string; stateMachineAliasArn?: string; stateMachineVersionArn?: string };
  executionSucceededEventDetails?: { output?: string; outputDetails?: DataDetails };
  executionFailedEventDetails?: ErrorDetails;
  executionAbortedEventDetails?: ErrorDetails;
  executionTimedOutEventDetails?: ErrorDetails;
  executionRedrivenEventDetails?: { redriveCount?: number };
  stateEnteredEventDetails?: { name: string; input?: string; inputDetails?: DataDetails };
  stateExitedEventDetails?: { name: string; output?: string; outputDetails?: DataDetails; assignedVariables?: Record<string, string>; assignedVariablesDetails?: DataDetails };
  taskScheduledEventDetails?: TaskScheduledEventDetails;
  taskStartedEventDetails?: { resourceType: string; resource: string };
  taskSubmittedEventDetails?: { resourceType: string; resource: string; output?: string; outputDetails?: DataDetails };
  taskSucceededEventDetails?: { resourceType: string; resource: string; output?: string; outputDetails?: DataDetails };
  taskFailedEventDetails?: { resourceType: string; resource: string } & ErrorDetails;
  taskTimedOutEventDetails?: { resourceType: string; resource: string } & ErrorDetails;
  taskStartFailedEventDetails?: { resourceType: string; resource: string } & ErrorDetails;
  taskSubmitFailedEventDetails?: { resourceType: string; resource: string } & ErrorDetails;
  lambdaFunctionScheduledEventDetails?: { resource: string; input?: string; inputDetails?: DataDetails; timeoutInSeconds?: number; taskCredentials?: { roleArn?: string } };
  lambdaFunctionSucceededEventDetails?: { output?: string; outputDetails?: DataDetails };
  lambdaFunctionFailedEventDetails?: ErrorDetails;
  lambdaFunctionTimedOutEventDetails?: ErrorDetails;
  lambdaFunctionScheduleFailedEventDetails?: ErrorDetails;
  lambdaFunctionStartFailedEventDetails?: ErrorDetails;
  activityScheduledEventDetails?: { resource: string; input?: string; inputDetails?: DataDetails; timeoutInSeconds?: number; heartbeatInSeconds?: number };
  activityStartedEventDetails?: { workerName?: string };
  activitySucceededEventDetails?: { output?: string; outputDetails?: DataDetails };
  activityFailedEventDetails?: ErrorDetails;
  activityTimedOutEventDetails?: ErrorDetails;
  activityScheduleFailedEventDetails?: ErrorDetails;
  mapStateStartedEventDetails?: { length?: number };
  mapIterationStartedEventDetails?: { name?: string; index?: number };
  mapIterationSucceededEventDetails?: { name?: string; index?: number };
  mapIterationFailedEventDetails?: { name?: string; index?: number };
  mapIterationAbortedEventDetails?: { name?: string; index?: number };
  mapRunStartedEventDetails?: { mapRunArn?: string };
  mapRunFailedEventDetails?: ErrorDetails;
  mapRunRedrivenEventDetails?: { mapRunArn?: string; redriveCount?: number };
  evaluationFailedEventDetails?: { state: string; location?: string } & ErrorDetails;
}

/** The details member of a history event (everything but the four common fields). */
export type HistoryEventDetails = Omit<HistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

/** Where the next event of one path of execution links to. */
export interface HistoryThread {
  last: number;
}

/** Appends events with increasing ids; closed by the execution's terminal event. */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly listener?: (event: HistoryEvent) => void,
  ) {}

  /** Whether the terminal event has been written. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Id of the last event written. */
  get lastId(): number {
    return this.events.length;
  }

  /** Appends an event on a thread and moves the thread to it; returns its id (0 once closed). */
  add(type: HistoryEventType, details: HistoryEventDetails | undefined, thread: HistoryThread): number {
    if (this.closed) return 0;
    const id = this.events.length + 1;
    const event = { timestamp: new Date(this.now()), type, id, previousEventId: thread.last, ...details } as HistoryEvent;
    this.events.push(event);
    thread.last = id;
    this.listener?.(event);
    return id;
  }

  /** Appends the terminal event and closes the history. */
  close(type: HistoryEventType, details: HistoryEventDetails, thread: HistoryThread): void {
    this.add(type, details, thread);
    this.closed = true;
  }
}
