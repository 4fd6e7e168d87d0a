/**
 * Errors of the orchestration app. Names are string literals because the bundle is minified (class
 * names are not kept) and Lambda reports `name` as the `errorType` that reaches the DLQ record.
 */

/** Base class of every error the orchestration throws on purpose. */
export class OrchestrationError extends Error {
  override readonly name: string = 'OrchestrationError';
}

/** A UserSignup event the rule delivered does not match its contract; nothing was started. */
export class InvalidSignupEventError extends OrchestrationError {
  override readonly name: string = 'InvalidSignupEventError';
  constructor(
    message: string,
    /** Dotted path of the first offending field, e.g. `detail.email`. */
    readonly field: string,
    /** Every problem found, one line each; field names and rules, never the values. */
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A signupId from which no valid Step Functions execution name can be derived. */
export class InvalidExecutionNameError extends OrchestrationError {
  override readonly name: string = 'InvalidExecutionNameError';
  constructor(
    message: string,
    /** The rules the name breaks. */
    readonly problems: string[],
  ) {
    super(message);
  }
}
