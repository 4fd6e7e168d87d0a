/**
 * The AWS JSON protocol (1.0 / 1.1) as the SDK and the CLI speak it: `POST /` with
 * `X-Amz-Target: <Prefix>.<Operation>`; errors answer `{ "__type", "message" }` with the HTTP
 * status of the error, which is how the SDK picks the exception class to throw.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './listen';

/** An error that goes on the wire as `{ __type: code, message }` with `statusCode`. */
export class AwsJsonError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** Operation handlers by name; each receives the parsed JSON body and the caller's access key id. */
export type AwsJsonOperations = Record<string, (input: Record<string, unknown>, caller: { accessKeyId?: string }) => unknown | Promise<unknown>>;

/** The access key id from a SigV4 `Authorization` header (`Credential=<key>/<date>/...`). */
export function callerAccessKeyId(req: IncomingMessage): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1];
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/x-amz-json-1.1'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': crypto.randomUUID() });
  res.end(text);
}

/** A node http handler serving the operations of one `X-Amz-Target` prefix. */
export function awsJsonHandler(targetPrefix: string, operations: AwsJsonOperations, contentType = 'application/x-amz-json-1.1') {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith(`${targetPrefix}.`)) {
        throw new AwsJsonError('UnknownOperationException', `Expected POST with X-Amz-Target: ${targetPrefix}.<Operation>`);
      }
      const operation = operations[target.slice(targetPrefix.length + 1)];
      if (!operation) throw new AwsJsonError('UnknownOperationException', `Operation ${target} is not supported by the local cloud`);
      const text = (await readBody(req)).toString('utf8');
      let input: Record<string, unknown>;
      try {
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new AwsJsonError('SerializationException', 'The request body is not valid JSON');
      }
      const output = await operation(input, { accessKeyId: callerAccessKeyId(req) });
      sendJson(res, 200, output ?? {}, contentType);
    } catch (error) {
      if (error instanceof AwsJsonError) sendJson(res, error.statusCode, { __type: error.code, message: error.message }, contentType);
      else sendJson(res, 500, { __type: 'InternalFailure', message: (error as Error).message }, contentType);
    }
  };
}
