/**
 * Errors of the Lambda service itself (not of a function's code): the invocation never ran. Their
 * `name` is the Lambda API error code, so the Step Functions runner can report `Lambda.<name>` and
 * the Invoke endpoint can answer with the AWS JSON error shape and status.
 */

/** Base class of Lambda service errors; `statusCode` is the HTTP status Lambda answers with. */
export class LambdaServiceError extends Error {
  override readonly name: string = 'ServiceException';
  readonly statusCode: number = 500;
}

/** No function with that name or ARN. */
export class ResourceNotFoundError extends LambdaServiceError {
  override readonly name = 'ResourceNotFoundException';
  override readonly statusCode = 404;
}

/** The request payload is over Lambda's 6 MB synchronous limit. */
export class RequestTooLargeError extends LambdaServiceError {
  override readonly name = 'RequestTooLargeException';
  override readonly statusCode = 413;
}

/** The payload is not valid JSON. */
export class InvalidRequestContentError extends LambdaServiceError {
  override readonly name = 'InvalidRequestContentException';
  override readonly statusCode = 400;
}

/** The function exists but the local cloud cannot run it (container image, inline code, non-Node runtime). */
export class InvalidRuntimeError extends LambdaServiceError {
  override readonly name = 'InvalidRuntimeException';
  override readonly statusCode = 502;
}

/** The runtime is shutting down. */
export class ServiceUnavailableError extends LambdaServiceError {
  override readonly name = 'ServiceException';
  override readonly statusCode = 503;
}
