/** JSON responses of the signup API, and the one place errors are mapped to HTTP statuses. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  IdempotencyKeyReusedError,
  IdempotencyStoreUnavailableError,
  InvalidSignupError,
  SignupInProgressError,
  SignupNotPublishedError,
  type SignupApiError,
} from '../domain/errors';
import { InvalidIdempotencyKeyError, MalformedJsonError, MethodNotAllowedError, PayloadTooLargeError, UnsupportedMediaTypeError } from './request-errors';

/** The body of every error answer. */
export interface ErrorBody {
  error: string;
  message: string;
}

type ErrorClass = abstract new (...args: never[]) => SignupApiError;

/** Status of each error the API answers with; the first `instanceof` match wins. */
const STATUS_BY_ERROR: ReadonlyArray<readonly [ErrorClass, number]> = [
  [MalformedJsonError, 400],
  [InvalidSignupError, 400],
  [InvalidIdempotencyKeyError, 400],
  [MethodNotAllowedError, 405],
  [SignupInProgressError, 409],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [IdempotencyKeyReusedError, 422],
  [SignupNotPublishedError, 503],
  [IdempotencyStoreUnavailableError, 503],
];

/** Headers that help a client retry at the right moment or send the right thing. */
const EXTRA_HEADERS: ReadonlyArray<readonly [ErrorClass, Record<string, string>]> = [
  [MethodNotAllowedError, { allow: 'POST' }],
  [UnsupportedMediaTypeError, { 'accept-post': 'application/json' }],
  [SignupInProgressError, { 'retry-after': '1' }],
  [SignupNotPublishedError, { 'retry-after': '1' }],
  [IdempotencyStoreUnavailableError, { 'retry-after': '1' }],
];

/** A JSON response that no cache keeps. */
export function jsonResponse(statusCode: number, body: object, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
    body: JSON.stringify(body),
  };
}

/** The HTTP status of an error; 500 for anything that is not a known SignupApiError. */
export function statusOf(error: unknown): number {
  return STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 500;
}

/** The answer to an error: its name and message for known errors, nothing internal otherwise. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const statusCode = statusOf(error);
  if (statusCode === 500 || !(error instanceof Error)) {
    return jsonResponse(500, { error: 'InternalError', message: 'The signup could not be processed' } satisfies ErrorBody);
  }
  const headers = EXTRA_HEADERS.find(([type]) => error instanceof type)?.[1] ?? {};
  return jsonResponse(statusCode, { error: error.name, message: error.message } satisfies ErrorBody, headers);
}
