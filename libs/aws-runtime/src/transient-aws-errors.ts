/**
 * Tells a transient AWS failure (worth a retry later) from a permanent one, by the error's shape
 * rather than its message: the SDK's `$retryable` flag, the HTTP status, the `$fault` side, the
 * service's error name, and the codes Node gives a connection that failed. Shape, not `instanceof`,
 * so it works for every service's exceptions and across module instances.
 *
 * By the time an error reaches this, the SDK has spent its own retries; what is transient here is
 * for the caller to hand to a slower retry (the state machine's). Which error of its own a service
 * raises for it stays the service's decision.
 */

/**
 * Error names (the service's error code, which the SDK uses as the exception's `name`) that mean
 * "try again later" in the services the teams call (DynamoDB, S3, SES, SSM, Secrets Manager,
 * EventBridge, Step Functions): throttling, and failures on the service's side.
 */
const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  // Throttling
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  // The service failed or timed out on its side
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServiceError',
  'InternalServiceErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/**
 * A request that never got an answer: Node's codes for a failed connection or name lookup, and the
 * names the SDK's HTTP handlers give a request they gave up on.
 */
const NETWORK_FAILURES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'TimeoutError',
  'AbortError',
  'NetworkingError',
]);

/** The parts of an AWS SDK v3 error (or a Node network error) this module reads. */
interface AwsErrorShape {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shapeOf(error: unknown): AwsErrorShape | undefined {
  return typeof error === 'object' && error !== null ? (error as AwsErrorShape) : undefined;
}

/** The HTTP status of the answer an error carries; undefined when there was no answer. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = shapeOf(error)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True when an AWS error name or code means "try again later" (throttling, a failure on the
 * service's side), e.g. the `Code` of an entry in S3 DeleteObjects' `Errors`.
 */
export function isTransientAwsErrorName(name: string | undefined): boolean {
  return name !== undefined && TRANSIENT_ERROR_NAMES.has(name);
}

/** True when the request never got an answer from the service: the connection or the lookup failed, or the SDK stopped waiting. */
export function isNetworkFailure(error: unknown): boolean {
  const shape = shapeOf(error);
  if (!shape || httpStatusOf(error) !== undefined) return false;
  return (typeof shape.code === 'string' && NETWORK_FAILURES.has(shape.code)) || (typeof shape.name === 'string' && NETWORK_FAILURES.has(shape.name));
}

/**
 * True when retrying the same call later may succeed: the SDK flagged it retryable, the service
 * throttled or failed on its side (a transient name, HTTP 429 or 5xx, a `server` fault), or the
 * request never got an answer. False for anything else, including values that are not errors.
 */
export function isTransientAwsError(error: unknown): boolean {
  const shape = shapeOf(error);
  if (!shape) return false;
  if (shape.$retryable) return true;
  if (typeof shape.name === 'string' && isTransientAwsErrorName(shape.name)) return true;
  const status = httpStatusOf(error);
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  if (shape.$fault === 'server') return true;
  return isNetworkFailure(error);
}
