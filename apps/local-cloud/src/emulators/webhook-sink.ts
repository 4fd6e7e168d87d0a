/**
 * The local Slack/webhook sink: records every POSTed body. `GET /messages` returns the bodies
 * received (JSON parsed when they are JSON), oldest first; `GET /requests` the same with path,
 * headers and time; `DELETE /messages` clears them. Like a Slack incoming webhook it answers
 * `200 ok` to a POST.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './listen';

/** One request the sink received. */
export interface ReceivedWebhook {
  receivedAt: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export function createWebhookSink(
  options: {
    maxMessages?: number;
    /** Requests received before a restart (with --data-dir, src/persistence). */
    restore?: ReceivedWebhook[];
    /** Called with each request received, and when the messages are cleared (to keep them on disk). */
    onReceived?: (request: ReceivedWebhook) => void;
    onCleared?: () => void;
  } = {},
) {
  const limit = options.maxMessages ?? 10_000;
  const received: ReceivedWebhook[] = [...(options.restore ?? [])];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      if (req.method === 'GET' && path === '/messages') return send(res, 200, received.map((r) => r.body));
      if (req.method === 'GET' && path === '/requests') return send(res, 200, received);
      if (req.method === 'DELETE' && path === '/messages') {
        received.length = 0;
        options.onCleared?.();
        return send(res, 204, '');
      }
      if (req.method === 'POST' || req.method === 'PUT') {
        const raw = (await readBody(req, 1024 * 1024)).toString('utf8');
        let body: unknown = raw;
        if (raw.length > 0 && /json/i.test(String(req.headers['content-type'] ?? 'json'))) {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
        const request: ReceivedWebhook = { receivedAt: new Date().toISOString(), method: req.method, path, headers, body };
        received.push(request);
        options.onReceived?.(request);
        if (received.length > limit) received.splice(0, received.length - limit);
        return send(res, 200, 'ok');
      }
      send(res, 404, { error: 'NotFound', message: 'POST anything to record it; GET /messages lists what was received' });
    } catch (error) {
      send(res, (error as { statusCode?: number }).statusCode ?? 500, { error: 'BadRequest', message: (error as Error).message });
    }
  };

  return {
    handle: (req: IncomingMessage, res: ServerResponse) => void handle(req, res),
    messages: () => received.map((r) => r.body),
    requests: () => [...received],
  };
}
