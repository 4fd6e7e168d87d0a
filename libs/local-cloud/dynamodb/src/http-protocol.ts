/**
 * DynamoDB's wire protocol (AWS JSON 1.0), as the AWS SDK v3 and the AWS CLI speak it:
 * `POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>` and a JSON body; the answer is the
 * JSON output shape with `x-amz-crc32` (the SDKs check it) or an error
 * `{ "__type": "<namespace>#<Exception>", "message": ... }` with its HTTP status. Signatures are
 * not checked (any credentials work, like DynamoDB Local with -sharedDb).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHttpServer, type HttpRequest, type HttpResponse } from './http-server';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { DynamoDbEngine } from './engine';
import { DynamoDbError, SerializationError, UnknownOperationError } from './errors';

const TARGET_PREFIX = 'DynamoDB_20120810.';
/** Larger than any valid request (a 100-item transaction of 400 KB items is 40 MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** A Node.js request listener that serves an engine. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The wire body of an error. */
export function errorBody(error: DynamoDbError): string {
  const messageField = error.code === 'TransactionCanceledException' ? 'Message' : 'message';
  return JSON.stringify({ __type: `${error.namespace}#${error.code}`, [messageField]: error.message, ...error.extraFields() });
}

/** Runs one request body through the engine: [status, response body]. */
export function dispatch(engine: DynamoDbEngine, target: string | undefined, body: string): [number, string] {
  try {
    if (!target?.startsWith(TARGET_PREFIX)) throw new UnknownOperationError();
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      throw new SerializationError('Start of structure or map found where not expected: the request body is not valid JSON');
    }
    return [200, JSON.stringify(engine.execute(target.slice(TARGET_PREFIX.length), input))];
  } catch (error) {
    if (error instanceof DynamoDbError) return [error.statusCode, errorBody(error)];
    return [500, JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `The local DynamoDB failed: ${(error as Error).message}` })];
  }
}

/** The answer to one HTTP request. */
export function answer(engine: DynamoDbEngine, request: HttpRequest): HttpResponse {
  if (request.method === 'GET' && request.path === '/') {
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from('healthy: local dynamodb') };
  }
  const [status, text] = request.method === 'POST' ? dispatch(engine, request.headers['x-amz-target'], request.body.toString('utf8')) : [400, errorBody(new UnknownOperationError())];
  const body = Buffer.from(text);
  return { status, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), 'x-amz-crc32': crc32(body) }, body };
}

/** The engine behind the HTTP server of http-server.ts. */
export function createEngineServer(engine: DynamoDbEngine) {
  return createHttpServer((request) => answer(engine, request), { maxBodyBytes: MAX_BODY_BYTES });
}

/**
 * A node:http request listener serving the engine, for a node:http server in front that hands
 * requests over in process (the local cloud's authorizing proxy does).
 */
export function createRequestHandler(engine: DynamoDbEngine): RequestHandler {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const response =
        size > MAX_BODY_BYTES
          ? { status: 413, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Request body is too large') }
          : answer(engine, { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      res.writeHead(response.status, { ...response.headers, 'content-length': response.body.length }).end(response.body);
    });
    req.on('error', () => res.destroy());
  };
}
