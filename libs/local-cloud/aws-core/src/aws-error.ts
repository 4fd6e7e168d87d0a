/**
 * The one error class of every local AWS engine: what AWS would answer, independent of the wire
 * protocol. Each protocol module writes it in its own shape (a JSON `__type`, a Query `<Error>`,
 * a REST `x-amzn-ErrorType` header), so an engine throws once and every client reads the same code.
 */

/** Options of {@link AwsError}. */
export interface AwsErrorOptions {
  /**
   * The HTTP status AWS answers with.
   * @default 400
   */
  statusCode?: number;
  /**
   * The code the AWS Query protocol uses for this error when it differs from `code`
   * (SQS: `QueueDoesNotExist` is `AWS.SimpleQueueService.NonExistentQueue` on the Query wire).
   * JSON answers of query-compatible services carry it in the `x-amzn-query-error` header.
   * @default code
   */
  queryCode?: string;
  /** The underlying error, for logs; never sent on the wire. */
  cause?: unknown;
}

/** An error AWS would answer with; `code` becomes the SDK exception's `name` and the CLI's "An error occurred (code)". */
export class AwsError extends Error {
  override readonly name: string;
  readonly statusCode: number;
  readonly queryCode: string;
  /** Who is at fault, as the SDK reports it (`$fault`) and the Query protocol writes it (`<Type>`). */
  readonly fault: 'client' | 'server';

  constructor(
    readonly code: string,
    message: string,
    options: AwsErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.statusCode = options.statusCode ?? 400;
    this.queryCode = options.queryCode ?? code;
    this.fault = this.statusCode < 500 ? 'client' : 'server';
  }
}

/**
 * The answer for an operation a service has on AWS but the local cloud does not implement:
 * AWS's `UnknownOperationException`, naming both, so a caller knows it is the emulator's gap.
 */
export function unknownOperation(service: string, operation: string): AwsError {
  return new AwsError('UnknownOperationException', `The local cloud does not implement the ${operation} operation of ${service}`);
}

/** Any thrown value as an {@link AwsError}: unexpected ones become the service's internal error (500). */
export function asAwsError(error: unknown, internalCode = 'InternalFailure'): AwsError {
  if (error instanceof AwsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AwsError(internalCode, `Internal error: ${message}`, { statusCode: 500, cause: error });
}
