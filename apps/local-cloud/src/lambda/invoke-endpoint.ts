/**
 * The Lambda `Invoke` API over HTTP (REST JSON, as the SDK and `aws lambda invoke` call it):
 * `POST /2015-03-31/functions/<name or ARN>/invocations` with `X-Amz-Invocation-Type`
 * RequestResponse (200 with the payload, `X-Amz-Function-Error` on failure), Event (202, run in the
 * background) or DryRun (204). Service errors answer with `x-amzn-errortype` and `{ __type, message }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../emulators/listen';
import type { AsyncInvoker } from './async-invoker';
import { LambdaServiceError, ResourceNotFoundError } from './errors';
import type { LambdaRuntime } from './lambda-runtime';

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

function sendError(res: ServerResponse, error: unknown): void {
  const e = error instanceof LambdaServiceError ? error : undefined;
  const type = e?.name ?? 'ServiceException';
  const text = JSON.stringify({ __type: type, Type: e && e.statusCode < 500 ? 'User' : 'Service', message: (error as Error).message });
  res.writeHead(e?.statusCode ?? 500, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createInvokeEndpoint(runtime: LambdaRuntime, asyncInvoker: AsyncInvoker) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const match = PATH.exec((req.url ?? '').split('?')[0] ?? '');
      if (req.method !== 'POST' || !match?.[1]) throw new ResourceNotFoundError(`No such operation: ${req.method} ${req.url}`);
      const name = decodeURIComponent(match[1]);
      const body = (await readBody(req, 7 * 1024 * 1024)).toString('utf8') || '{}';
      const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      if (type === 'DryRun') {
        if (!runtime.find(name)) throw new ResourceNotFoundError(`Function not found: ${name}`);
        res.writeHead(204).end();
        return;
      }
      if (type === 'Event') {
        const { requestId, durable } = asyncInvoker.invokeAsync(name, JSON.parse(body));
        // Accepted means kept: with --data-dir the 202 waits until the invocation is on disk.
        await durable;
        res.writeHead(202, { 'x-amzn-requestid': requestId, 'content-length': 0 }).end();
        return;
      }
      const result = await runtime.invokeWithText(name, body);
      const text = JSON.stringify(result.Payload ?? null);
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', 'content-length': Buffer.byteLength(text) };
      if (result.FunctionError) headers['x-amz-function-error'] = result.FunctionError;
      res.writeHead(result.StatusCode, headers);
      res.end(text);
    } catch (error) {
      sendError(res, error);
    }
  };
}
