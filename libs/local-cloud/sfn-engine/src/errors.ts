/**
 * Error classes of the engine. Two families:
 * - thrown to the caller: {@link InvalidDefinitionError} (a definition is refused) and the
 *   callback errors of {@link TaskCallbackError} (a task token is unknown, malformed or expired);
 * - raised inside an execution: {@link StatesError} carries a Step Functions error name and cause
 *   through Retry and Catch, and ends the execution when nothing handles it. Task invokers throw
 *   {@link TaskFailure} to fail a task with a chosen error name.
 */
import type { Diagnostic } from './validation/diagnostic';

/** Base of every error this library throws. */
export class SfnEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SfnEngineError';
  }
}

/**
 * A definition Step Functions would refuse. `diagnostics` are the ERROR diagnostics, shaped as
 * `ValidateStateMachineDefinition` returns them; the message reads like CreateStateMachine's
 * `InvalidDefinition` message.
 */
export class InvalidDefinitionError extends SfnEngineError {
  /** The AWS error name of CreateStateMachine's refusal. */
  readonly code = 'InvalidDefinition';

  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`Invalid State Machine Definition: ${diagnostics.map((d) => `'${d.code}: ${d.message}'`).join(', ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

/**
 * A Step Functions error inside an execution: an error name (`States.Timeout`, a task's own
 * error, ...) and a cause. Retry and Catch match on `error`.
 */
export class StatesError extends SfnEngineError {
  constructor(
    readonly error: string,
    readonly causeText: string,
    /** Raised by a failed Parallel branch or Map iteration (what `States.BranchFailed` matches). */
    readonly fromBranch = false,
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'StatesError';
  }
}

/**
 * Thrown by a {@link TaskInvoker} to fail a task with an error name and cause of its choice, as a
 * Lambda function's `errorType` / `errorMessage` or an SDK integration's exception name would.
 */
export class TaskFailure extends SfnEngineError {
  constructor(
    readonly error: string,
    readonly causeText = '',
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'TaskFailure';
  }
}

/** Why SendTaskSuccess/Failure/Heartbeat was refused, by AWS's exception names. */
export type TaskCallbackErrorCode = 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut' | 'InvalidOutput';

/** A task-token callback refused, named as the Step Functions API names it. */
export class TaskCallbackError extends SfnEngineError {
  constructor(
    readonly code: TaskCallbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaskCallbackError';
  }
}

/** StartExecution refused its input or name (AWS's InvalidExecutionInput / InvalidName); nothing was started. */
export class InvalidExecutionError extends SfnEngineError {
  constructor(
    readonly code: 'InvalidExecutionInput' | 'InvalidName',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidExecutionError';
  }
}

/** The execution was stopped (StopExecution); nothing more runs. */
export class ExecutionStoppedError extends SfnEngineError {
  constructor() {
    super('The execution was stopped');
    this.name = 'ExecutionStoppedError';
  }
}
