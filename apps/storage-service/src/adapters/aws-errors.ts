/**
 * Tells transient AWS failures from permanent ones, from the error's shape rather than its
 * message: the SDK's `$retryable` flag, the HTTP status, the service's error name or code, and
 * Node's network error codes. By the time an error reaches this, the SDK has already spent its own
 * retries; what is transient here is handed to the state machine's retry policy.
 */

/** Error names (S3 and DynamoDB, the two services this app calls) that mean "try again later". */
const RETRYABLE_NAMES = new Set([
  // S3
  'SlowDown',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  // DynamoDB (the idempotency table) and the SDK
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'InternalServerError',
  'ServiceUnavailableException',
  'TimeoutError',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

interface AwsErrorShape {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** True when an S3 error code (as in a DeleteObjects `Errors` entry) means "try again later". */
export function isRetryableS3Code(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NAMES.has(code);
}

/** True when retrying the same call later may succeed. */
export function isRetryableAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsErrorShape;
  if (e.$retryable) return true;
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  return e.$fault === 'server';
}
