/** Errors about the HTTP request itself, before its body is a signup. Names are part of the API. */
import { SignupApiError } from '../domain/errors';

/** The method is not POST. */
export class MethodNotAllowedError extends SignupApiError {
  override readonly name: string = 'MethodNotAllowedError';
}

/** The body is not declared as JSON (`Content-Type: application/json`, UTF-8). */
export class UnsupportedMediaTypeError extends SignupApiError {
  override readonly name: string = 'UnsupportedMediaTypeError';
}

/** The body is larger than a signup can be. */
export class PayloadTooLargeError extends SignupApiError {
  override readonly name: string = 'PayloadTooLargeError';
}

/** The body is missing, not UTF-8, or not JSON. */
export class MalformedJsonError extends SignupApiError {
  override readonly name: string = 'MalformedJsonError';
}

/** The Idempotency-Key header is empty, too long or has characters other than visible ASCII. */
export class InvalidIdempotencyKeyError extends SignupApiError {
  override readonly name: string = 'InvalidIdempotencyKeyError';
}
