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
