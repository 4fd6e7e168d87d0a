import type { NotifyTeamInputV1 } from '@onboarding/contract-notify-team-v1';
import { WebhookNotConfiguredError, WebhookUnavailableError } from '../../src/domain/errors';
import { notifyTeam } from '../../src/domain/notify-team';
import type { WebhookClient } from '../../src/ports/webhook-client';
import type { WebhookUrlSource } from '../../src/ports/webhook-url-source';

const input: NotifyTeamInputV1 = { signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70', tenantId: 'acme', userId: 'u-1', plan: 'free' };

/** A URL source whose cached and fresh values a test sets, counting reads of each kind. */
class ScriptedUrlSource implements WebhookUrlSource {
  readonly reads: ('cached' | 'fresh')[] = [];
  constructor(
    private readonly cached: string | undefined,
    private readonly fresh: string | undefined = cached,
  ) {}
  async read(options: { fresh?: boolean } = {}): Promise<string | undefined> {
    this.reads.push(options.fresh ? 'fresh' : 'cached');
    return options.fresh ? this.fresh : this.cached;
  }
}

/** A webhook client that records each post. */
class RecordingWebhook implements WebhookClient {
  readonly posts: { url: string; body: unknown }[] = [];
  async post(url: string, body: unknown): Promise<void> {
    this.posts.push({ url, body });
  }
}

describe('notifyTeam', () => {
  it('posts a Slack message to a Slack webhook and reports the slack channel', async () => {
    const webhook = new RecordingWebhook();
    const urls = new ScriptedUrlSource('https://hooks.slack.com/services/T1/B1/token');

    const output = await notifyTeam(input, { urls, webhook });

    expect(output).toEqual({ signupId: input.signupId, tenantId: 'acme', delivered: true, channel: 'slack' });
    expect(webhook.posts).toHaveLength(1);
    expect(webhook.posts[0]?.body).toMatchObject({ text: expect.stringContaining(input.signupId), blocks: expect.any(Array) });
  });

  it('posts the generic UserOnboarded JSON to any other webhook and reports the webhook channel', async () => {
    const webhook = new RecordingWebhook();

    const output = await notifyTeam(input, { urls: new ScriptedUrlSource('https://ops.acme.example/hook'), webhook });

    expect(output.channel).toBe('webhook');
    expect(webhook.posts[0]).toEqual({ url: 'https://ops.acme.example/hook', body: { type: 'UserOnboarded', ...input } });
  });

  it('reads the store afresh when the cached value is unusable, so a secret set since then is used at once', async () => {
    const webhook = new RecordingWebhook();
    const urls = new ScriptedUrlSource('generated-placeholder-value', 'https://ops.acme.example/hook');

    const output = await notifyTeam(input, { urls, webhook });

    expect(urls.reads).toEqual(['cached', 'fresh']);
    expect(output.delivered).toBe(true);
  });

  it('reads the store once when the cached value is usable', async () => {
    const urls = new ScriptedUrlSource('https://ops.acme.example/hook');

    await notifyTeam(input, { urls, webhook: new RecordingWebhook() });

    expect(urls.reads).toEqual(['cached']);
  });

  it('fails with WebhookNotConfiguredError and posts nothing when the fresh value is unusable too', async () => {
    const webhook = new RecordingWebhook();

    await expect(notifyTeam(input, { urls: new ScriptedUrlSource('placeholder'), webhook })).rejects.toBeInstanceOf(WebhookNotConfiguredError);
    expect(webhook.posts).toHaveLength(0);
  });

  it("lets the webhook's error through unchanged, so its name reaches the state machine", async () => {
    const outage = new WebhookUnavailableError('The webhook answered 503', 503);
    const webhook: WebhookClient = { post: () => Promise.reject(outage) };

    await expect(notifyTeam(input, { urls: new ScriptedUrlSource('https://ops.acme.example/hook'), webhook })).rejects.toBe(outage);
  });
});
