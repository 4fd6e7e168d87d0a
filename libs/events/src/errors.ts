/** Errors of the events library. Consumers map them with `instanceof`, never by message text. */

/** Base class of every error thrown by `@onboarding/events`. */
export class EventsError extends Error {
  override readonly name: string = 'EventsError';
}

/** An event or its detail does not match the contract. `path` names the offending field. */
export class EventContractError extends EventsError {
  override readonly name: string = 'EventContractError';
  constructor(
    message: string,
    /** Dotted path of the first offending field, e.g. `detail.email`. */
    readonly path: string,
    /** Every problem found, one line each. */
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** PutEvents accepted the call but refused some entries (`FailedEntryCount > 0`) or failed outright. */
export class EventPublishError extends EventsError {
  override readonly name: string = 'EventPublishError';
  constructor(
    message: string,
    /** The error codes EventBridge gave for the refused entries. */
    readonly errorCodes: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A step payload or result does not match its contract. `fields` names the offending fields, never their values. */
export class StepPayloadError extends EventsError {
  override readonly name: string = 'StepPayloadError';
  constructor(
    message: string,
    /** The dotted path of each offending field. */
    readonly fields: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The error a step throws when its payload does not match its input contract. Its name is one of
 * {@link COMMON_STEP_ERRORS}' permanent names: the state machine takes the failure path at once.
 */
export class InvalidStepInputError extends StepPayloadError {
  override readonly name = 'InvalidStepInputError';
}

/**
 * The error a step's function throws when the result it is about to return does not match its
 * output contract (a field missing, mistyped or unknown): a bug in the function, which retrying
 * cannot fix, so its name is a permanent one of {@link COMMON_STEP_ERRORS}.
 */
export class InvalidStepOutputError extends StepPayloadError {
  override readonly name = 'InvalidStepOutputError';
}

/** A contract's schema cannot be written as JSON Schema (a date, a transform, a bigint, ...). */
export class ContractSchemaError extends EventsError {
  override readonly name: string = 'ContractSchemaError';
}
