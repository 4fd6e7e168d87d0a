/**
 * Errors of the email service. Their `name`s are part of the SendWelcomeEmail step contract
 * (its contract, `@onboarding/contract-send-welcome-email-v1`): the state machine retries or catches them
 * by name, so each name is a string literal that survives minification.
 */

/** Base class of every error the email service throws on purpose. */
export class EmailServiceError extends Error {
  override readonly name: string = 'EmailServiceError';
}

/**
 * The mail service could not take the message right now (throttling, a sending quota, a 5xx, a
 * network failure or time-out). Nothing was sent; the same request may succeed later.
 */
export class MailerUnavailableError extends EmailServiceError {
  override readonly name = 'MailerUnavailableError';
  constructor(
    message: string,
    /** The provider's error code, e.g. `TooManyRequestsException` or `ECONNRESET`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The mail service refused this message for good (rejected content or recipient, an unverified
 * sender, a paused or suspended account). Retrying the same request cannot succeed.
 */
export class EmailRejectedError extends EmailServiceError {
  override readonly name = 'EmailRejectedError';
  constructor(
    message: string,
    /** The provider's error code, e.g. `MessageRejected`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
