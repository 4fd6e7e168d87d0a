/**
 * Errors of signup-api. The handler maps them to HTTP statuses with `instanceof`; `name` is what a
 * client sees as `error`, so each is a string literal (the bundle is minified, class names are not
 * kept) and part of the API.
 */

/** Base class of every error signup-api answers with. */
export class SignupApiError extends Error {
  override readonly name: string = 'SignupApiError';
}

/** The body is JSON but not a valid signup. `fields` names what to fix (never the values). */
export class InvalidSignupError extends SignupApiError {
  override readonly name: string = 'InvalidSignupError';
  constructor(
    message: string,
    /** The offending fields, e.g. `email`, or `(root)` when the body is not an object. */
    readonly fields: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The signup could not be handed to the event bus; nothing was started, the client may retry. */
export class SignupNotPublishedError extends SignupApiError {
  override readonly name: string = 'SignupNotPublishedError';
}

/** An Idempotency-Key was used before with a different body. */
export class IdempotencyKeyReusedError extends SignupApiError {
  override readonly name: string = 'IdempotencyKeyReusedError';
}

/** A request with the same Idempotency-Key is still being processed. */
export class SignupInProgressError extends SignupApiError {
  override readonly name: string = 'SignupInProgressError';
}

/** The store of idempotency records could not be used; nothing was published, the client may retry. */
export class IdempotencyStoreUnavailableError extends SignupApiError {
  override readonly name: string = 'IdempotencyStoreUnavailableError';
}
