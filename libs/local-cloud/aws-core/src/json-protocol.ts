/**
 * The server side of AWS's JSON RPC protocols (awsJson1_0: SQS, Step Functions, DynamoDB;
 * awsJson1_1: CloudWatch Logs, EventBridge): `POST /` with `X-Amz-Target: <Prefix>.<Operation>`
 * and a JSON body. Errors answer `{"__type": code, "message"}` with the error's status and the
 * `x-amzn-ErrorType` header; a query-compatible service (SQS) also sends its Query error code in
 * `x-amzn-query-error: <code>;Sender`, which is how SDK v3 picks `QueueDoesNotExist` for
 * `AWS.SimpleQueueService.NonExistentQueue`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, asAwsError, unknownOperation } from './aws-error';
import { readBody, DEFAULT_MAX_BODY_BYTES } from './http-body';
import { requestContext, type RequestContext } from './request-context';

/** One operation: the parsed request body in, the response body out (or an {@link AwsError} thrown). */
export type JsonOperation = (input: Record<string, unknown>, context: RequestContext) => unknown;

/** Options of {@link createJsonRpcHandler}. */
export interface JsonRpcOptions {
  /** The service's name in messages, e.g. `SQS`, `CloudWatch Logs`. */
  service: string;
  /** The `X-Amz-Target` prefix, e.g. `AmazonSQS`, `Logs_20140328`. */
  targetPrefix: string;
  jsonVersion: '1.0' | '1.1';
  operations: Readonly<Record<string, JsonOperation>>;
  /**
   * Whether the service is `awsQueryCompatible` (answers carry `x-amzn-query-error`).
   * @default false
   */
  queryCompatible?: boolean;
  /**
   * The code of unexpected errors (a bug in the engine), answered with status 500.
   * @default 'InternalFailure'
   */
  internalErrorCode?: string;
  /** @default DEFAULT_MAX_BODY_BYTES */
  maxBodyBytes?: number;
  /** Called with unexpected errors, which the caller sees as a 500. */
  onInternalError?: (error: unknown, operation: string) => void;
}

/** Writes a JSON answer of the given protocol version. */
export function answerJson(res: ServerResponse, jsonVersion: '1.0' | '1.1', status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': `application/x-amz-json-${jsonVersion}`,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extraHeaders,
  });
  res.end(text);
}

/** Writes an {@link AwsError} in the JSON protocols' shape. */
export function answerJsonError(res: ServerResponse, jsonVersion: '1.0' | '1.1', error: AwsError, queryCompatible = false): void {
  const headers: Record<string, string> = { 'x-amzn-errortype': error.code };
  if (queryCompatible) headers['x-amzn-query-error'] = `${error.queryCode};${error.fault === 'client' ? 'Sender' : 'Receiver'}`;
  answerJson(res, jsonVersion, error.statusCode, { __type: error.code, message: error.message }, headers);
}

/** The operation named by a request's `X-Amz-Target` under `prefix`, or undefined. */
export function jsonTargetOperation(req: Pick<IncomingMessage, 'headers'>, prefix: string): string | undefined {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : undefined;
}

/**
 * A `node:http` request listener for one JSON RPC service. Every request is answered: an unknown
 * operation with `UnknownOperationException`, a bad body with `SerializationException`, a bug with
 * a 500 of `internalErrorCode`; never a dropped connection or a hang.
 */
export function createJsonRpcHandler(options: JsonRpcOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { jsonVersion } = options;
  const queryCompatible = options.queryCompatible ?? false;
  const fail = (res: ServerResponse, error: AwsError) => answerJsonError(res, jsonVersion, error, queryCompatible);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const operationName = jsonTargetOperation(req, options.targetPrefix);
    if (req.method !== 'POST' || operationName === undefined) {
      req.resume();
      const target = req.headers['x-amz-target'];
      const named = typeof target === 'string' && target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : `${req.method} ${req.url}`;
      throw unknownOperation(options.service, named);
    }
    const operation = Object.hasOwn(options.operations, operationName) ? options.operations[operationName] : undefined;
    if (!operation) {
      req.resume();
      throw unknownOperation(options.service, operationName);
    }
    const context = requestContext(req, res);
    const text = (await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)).toString('utf8');
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new AwsError('SerializationException', 'The request body is not valid JSON');
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'The request body must be a JSON object');
    try {
      const output = await operation(input as Record<string, unknown>, context);
      answerJson(res, jsonVersion, 200, output ?? {});
    } catch (error) {
      if (!(error instanceof AwsError)) options.onInternalError?.(error, operationName);
      throw asAwsError(error, options.internalErrorCode);
    }
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, asAwsError(error, options.internalErrorCode)));
  };
}
