/**
 * The server side of AWS's JSON RPC protocols (awsJson1_0 for Step Functions, awsJson1_1 for
 * EventBridge): `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; the answer is
 * JSON, and an error is `{"__type": "<Code>", "message": "..."}` with an HTTP status and the
 * `x-amzn-ErrorType` header. The AWS SDK v3 and the AWS CLI read the code from there and raise the
 * exception class of that name, so callers see the same `error.name` they would see on AWS.
 *
 * Both the EventBridge and the Step Functions endpoints use this file; it lives here because the
 * bus is the first hop of the system.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, readBody } from '@onboarding/local-aws-core';

/** An error AWS would answer with: its code becomes the SDK exception's name. */
export class AwsServiceError extends Error {
  override readonly name: string;
  /** Who is at fault, as the SDK reports it: 4xx answers are the caller's. */
  readonly fault: 'client' | 'server';
  constructor(
    /** The error code, e.g. `ExecutionAlreadyExists`; also the SDK exception name. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
    this.fault = statusCode < 500 ? 'client' : 'server';
  }
}

/** `ValidationException`, the code AWS uses when a request breaks a constraint of the API model. */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** One operation: takes the parsed request body, returns the response body. */
export type AwsJsonOperation = (input: Record<string, unknown>) => unknown;

/** Options of {@link createAwsJsonHandler}. */
export interface AwsJsonHandlerOptions {
  /** The `X-Amz-Target` prefix, e.g. `AWSEvents` or `AWSStepFunctions`. */
  targetPrefix: string;
  /** `1.0` (Step Functions) or `1.1` (EventBridge): the content type of the answers. */
  jsonVersion: '1.0' | '1.1';
  operations: Record<string, AwsJsonOperation>;
  /** The code of unexpected errors: `InternalException` (EventBridge) or `InternalFailure` (Step Functions). */
  internalErrorCode: string;
  /**
   * Largest request body accepted, in bytes.
   * @default 1 MiB (AWS's payload limits are 256 KB of content; JSON escaping can double that)
   */
  maxBodyBytes?: number;
  /** Called with unexpected errors (bugs), which the caller sees as a 500. */
  onInternalError?: (error: unknown, operation: string) => void;
}

/**
 * Builds a `node:http` request listener speaking the AWS JSON protocol. Every request is answered,
 * whatever happens: a handler error becomes an AWS error answer, never a dropped connection.
 */
export function createAwsJsonHandler(options: AwsJsonHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const contentType = `application/x-amz-json-${options.jsonVersion}`;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const prefix = `${options.targetPrefix}.`;

  function send(res: ServerResponse, status: number, body: unknown, errorCode?: string): void {
    if (res.headersSent) return;
    const text = JSON.stringify(body ?? {});
    const headers: Record<string, string | number> = {
      'content-type': contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    };
    if (errorCode) headers['x-amzn-errortype'] = errorCode;
    res.writeHead(status, headers);
    res.end(text);
  }

  function sendError(res: ServerResponse, error: AwsServiceError): void {
    send(res, error.statusCode, { __type: error.code, message: error.message }, error.code);
  }

  async function dispatch(operationName: string, body: string, res: ServerResponse): Promise<void> {
    const operation = Object.hasOwn(options.operations, operationName) ? options.operations[operationName] : undefined;
    if (!operation) {
      sendError(res, new AwsServiceError('UnknownOperationException', `Operation ${operationName} is not supported by the local ${options.targetPrefix} endpoint`));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      sendError(res, new AwsServiceError('SerializationException', 'The request body is not valid JSON'));
      return;
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      sendError(res, new AwsServiceError('SerializationException', 'The request body must be a JSON object'));
      return;
    }
    try {
      const output = await operation(input as Record<string, unknown>);
      send(res, 200, output);
    } catch (error) {
      if (error instanceof AwsServiceError) {
        sendError(res, error);
        return;
      }
      options.onInternalError?.(error, operationName);
      sendError(res, new AwsServiceError(options.internalErrorCode, `Internal error in ${operationName}: ${(error as Error)?.message ?? String(error)}`, 500));
    }
  }

  return (req, res) => {
    if (req.method !== 'POST') {
      req.resume();
      sendError(res, new AwsServiceError('UnknownOperationException', `The local ${options.targetPrefix} endpoint only answers POST requests`, 404));
      return;
    }
    const target = req.headers['x-amz-target'];
    const operationName = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : undefined;
    if (!operationName) {
      req.resume();
      sendError(res, new AwsServiceError('UnknownOperationException', `Missing or foreign X-Amz-Target header (expected ${prefix}<Operation>)`));
      return;
    }
    readBody(req, maxBodyBytes).then(
      (body) => void dispatch(operationName, body.toString('utf8'), res),
      (error: unknown) => {
        if (error instanceof AwsError && error.statusCode === 413) {
          sendError(res, new AwsServiceError('RequestEntityTooLargeException', `Request body is larger than ${maxBodyBytes} bytes`, 413));
        } else if (!res.headersSent) {
          res.destroy();
        }
      },
    );
  };
}

/** Epoch seconds, the timestamp format of the AWS JSON protocols. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** Reads an optional string field of a request, refusing other types. */
export function optionalString(input: Record<string, unknown>, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(`1 validation error detected: Value at '${field}' must be a string`);
  return value;
}

/** Reads a required string field of a request. */
export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = optionalString(input, field);
  if (value === undefined) throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** Reads an optional integer field within bounds. */
export function optionalInteger(input: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** Reads an optional boolean field. */
export function optionalBoolean(input: Record<string, unknown>, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(`1 validation error detected: Value at '${field}' must be a boolean`);
  return value;
}

/**
 * Opaque paging tokens: the position to resume from, tied to the listing it came from so a token
 * of one listing is refused by another.
 */
export function encodePageToken(scope: string, position: string | number): string {
  return Buffer.from(JSON.stringify({ s: scope, p: position }), 'utf8').toString('base64url');
}

/** Decodes a token of {@link encodePageToken}; undefined when it is not one of this scope. */
export function decodePageToken(scope: string, token: string): string | number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; p?: unknown };
    if (parsed.s !== scope) return undefined;
    return typeof parsed.p === 'string' || typeof parsed.p === 'number' ? parsed.p : undefined;
  } catch {
    return undefined;
  }
}
