/**
 * Errors of the console's HTTP API. Each carries the HTTP status and the `error` name the JSON
 * answer (`{ "error", "message" }`) reports, so the server maps them with `instanceof`, never by
 * message text.
 */

/** A request the console refuses; nothing was changed. */
export class ConsoleRequestError extends Error {
  override readonly name: string = 'ConsoleRequestError';
  readonly statusCode: number = 400;
  readonly error: string = 'BadRequest';
}

export class BadRequestError extends ConsoleRequestError {
  override readonly name = 'BadRequestError';
}

export class NotFoundError extends ConsoleRequestError {
  override readonly name = 'NotFoundError';
  override readonly statusCode = 404;
  override readonly error = 'NotFound';
}

export class MethodNotAllowedError extends ConsoleRequestError {
  override readonly name = 'MethodNotAllowedError';
  override readonly statusCode = 405;
  override readonly error = 'MethodNotAllowed';
}

/** The request is valid but the resource is in the wrong state (replaying a signup that did not fail). */
export class ConflictError extends ConsoleRequestError {
  override readonly name = 'ConflictError';
  override readonly statusCode = 409;
  override readonly error = 'Conflict';
}

/** A state-changing request from another origin, or not sent as JSON (a cross-site form post). */
export class ForbiddenOriginError extends ConsoleRequestError {
  override readonly name = 'ForbiddenOriginError';
  override readonly statusCode = 403;
  override readonly error = 'Forbidden';
}

export class UnsupportedMediaTypeError extends ConsoleRequestError {
  override readonly name = 'UnsupportedMediaTypeError';
  override readonly statusCode = 415;
  override readonly error = 'UnsupportedMediaType';
}

export class PayloadTooLargeError extends ConsoleRequestError {
  override readonly name = 'PayloadTooLargeError';
  override readonly statusCode = 413;
  override readonly error = 'PayloadTooLarge';
}
