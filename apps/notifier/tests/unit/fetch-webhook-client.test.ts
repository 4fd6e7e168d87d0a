import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FetchWebhookClient } from '../../src/adapters/fetch-webhook-client';
import { WebhookRejectedError, WebhookUnavailableError } from '../../src/domain/errors';
import { startWebhookServer, type TestWebhookServer } from '../support/webhook-server';

const SECRET_PATH = '/services/T0001/B0001/s3cr3tT0k3n';
let server: TestWebhookServer;

beforeEach(async () => {
  server = await startWebhookServer();
});

afterEach(async () => {
  await server.close();
});

/** Posts and returns what was thrown (or undefined). */
async function failureOf(client: FetchWebhookClient, url: string): Promise<Error | undefined> {
  try {
    await client.post(url, { type: 'UserOnboarded' });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** A port on 127.0.0.1 with nothing listening (bound, read, and released again). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('FetchWebhookClient', () => {
  it('posts the body as JSON and resolves when the webhook answers 2xx', async () => {
    const client = new FetchWebhookClient({ timeoutMs: 30_000 });

    await client.post(server.url('/hook'), { type: 'UserOnboarded', signupId: 's-1' });

    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: 'POST', path: '/hook', json: { type: 'UserOnboarded', signupId: 's-1' } });
    expect(server.received[0]?.headers['content-type']).toMatch(/^application\/json/);
  });

  it('reports 429 as WebhookUnavailableError with its Retry-After', async () => {
    server.answerWith({ status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } });

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), server.url('/hook'));

    expect(error).toBeInstanceOf(WebhookUnavailableError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 30 });
  });

  it.each([500, 502, 503])('reports %i as WebhookUnavailableError', async (status) => {
    server.answerWith({ status });

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), server.url('/hook'));

    expect(error).toBeInstanceOf(WebhookUnavailableError);
    expect(error).toMatchObject({ name: 'WebhookUnavailableError', status });
  });

  it.each([
    [400, 'invalid_payload'],
    [403, 'invalid_token'],
    [404, 'no_service'],
    [410, 'channel_is_archived'],
  ])('reports %i as WebhookRejectedError, quoting a short Slack error code', async (status, code) => {
    server.answerWith({ status, body: code });

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), server.url('/hook'));

    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect(error).toMatchObject({ name: 'WebhookRejectedError', status });
    expect(error?.message).toContain(code);
  });

  it('does not quote a body that is not a short code', async () => {
    server.answerWith({ status: 400, body: '<html><body>Bad request from ada@example.com</body></html>' });

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), server.url('/hook'));

    expect(error?.message).toBe('The webhook refused the message with 400');
  });

  it('does not follow a redirect, and reports it as a refusal', async () => {
    server.answerWith((request) => (request.path === '/hook' ? { status: 302, headers: { location: server.url('/elsewhere') } } : { status: 200 }));

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), server.url('/hook'));

    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect(server.received.map((r) => r.path)).toEqual(['/hook']);
  });

  it('gives up after its time-out with WebhookUnavailableError when the webhook never answers', async () => {
    server.answerWith('hang');

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 150 }), server.url('/hook'));

    expect(error).toBeInstanceOf(WebhookUnavailableError);
    expect(error?.message).toMatch(/did not answer within 150 ms/);
  });

  it('reports a refused connection as WebhookUnavailableError with the network code', async () => {
    const port = await closedPort();

    const error = await failureOf(new FetchWebhookClient({ timeoutMs: 30_000 }), `http://127.0.0.1:${port}${SECRET_PATH}`);

    expect(error).toBeInstanceOf(WebhookUnavailableError);
    expect(error?.message).toContain('ECONNREFUSED');
  });

  it('never puts the URL in an error message', async () => {
    // Answers get a deadline no loaded machine misses; only the hang is meant to hit its deadline.
    const patient = new FetchWebhookClient({ timeoutMs: 30_000 });
    const messages: string[] = [];
    for (const answer of [{ status: 404, body: 'no_service' }, { status: 503 }] as const) {
      server.answerWith(answer);
      messages.push((await failureOf(patient, server.url(SECRET_PATH)))?.message ?? 'no error');
    }
    server.answerWith('hang');
    messages.push((await failureOf(new FetchWebhookClient({ timeoutMs: 150 }), server.url(SECRET_PATH)))?.message ?? 'no error');

    expect(messages).toEqual([expect.stringContaining('404'), expect.stringContaining('503'), expect.stringContaining('did not answer within 150 ms')]);
    for (const message of messages) {
      expect(message).not.toContain('s3cr3tT0k3n');
      expect(message).not.toContain('127.0.0.1');
    }
  });
});
