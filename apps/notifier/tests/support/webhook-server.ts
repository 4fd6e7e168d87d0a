/**
 * A real HTTP server on 127.0.0.1 (port 0: the system picks a free one) standing in for Slack or a
 * team's webhook. It records what it receives and answers as each test tells it to, so the
 * notifier's own fetch, time-out and error handling run for real.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

/** How to answer: a status with an optional body and headers, or `hang` to never answer. */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A running test webhook. */
export interface TestWebhookServer {
  /** The URL of `path` on this server, e.g. `http://127.0.0.1:53121/services/T1`. */
  url(path?: string): string;
  /** Every request received so far, oldest first. */
  readonly received: ReceivedRequest[];
  /** Sets how the following requests are answered. @default 200 "ok" */
  answerWith(answer: Answer | ((request: ReceivedRequest) => Answer)): void;
  /** Answers every request left hanging so far with `answer` (a test decides when a hang ends, not a clock). */
  release(answer: Exclude<Answer, 'hang'>): void;
  /** Stops the server, dropping hanging connections. */
  close(): Promise<void>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, answer: Answer, hanging: ServerResponse[]): void {
  if (answer === 'hang') {
    hanging.push(response);
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
  response.end(answer.body ?? '');
}

/** Starts a webhook server on 127.0.0.1. */
export async function startWebhookServer(): Promise<TestWebhookServer> {
  const received: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  let answer: Answer | ((request: ReceivedRequest) => Answer) = { status: 200, body: 'ok' };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: ReceivedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, text, json: parseJson(text) };
      received.push(entry);
      reply(response, typeof answer === 'function' ? answer(entry) : answer, hanging);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    received,
    answerWith: (next) => {
      answer = next;
    },
    release: (next) => {
      for (const response of hanging.splice(0)) reply(response, next, hanging);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
