import { WebhookNotConfiguredError } from '../../src/domain/errors';
import { resolveWebhookTarget } from '../../src/domain/webhook-target';

const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0001/s3cr3tT0k3n';

describe('resolveWebhookTarget', () => {
  it('recognizes a Slack incoming webhook by its host', () => {
    expect(resolveWebhookTarget(SLACK_URL)).toEqual({ url: SLACK_URL, channel: 'slack' });
  });

  it('treats any other https URL as a generic JSON webhook', () => {
    expect(resolveWebhookTarget('https://ops.acme.example/hooks/onboarding')).toEqual({ url: 'https://ops.acme.example/hooks/onboarding', channel: 'webhook' });
  });

  it('does not mistake a host that merely starts with the Slack host for Slack', () => {
    expect(resolveWebhookTarget('https://hooks.slack.com.attacker.example/services/x').channel).toBe('webhook');
  });

  it('accepts the URL in the "url" field of a JSON secret, as the console key/value editor writes it', () => {
    expect(resolveWebhookTarget(JSON.stringify({ url: SLACK_URL }))).toEqual({ url: SLACK_URL, channel: 'slack' });
  });

  it('allows plain http only to localhost and 127.0.0.1, for the local cloud', () => {
    expect(resolveWebhookTarget('http://127.0.0.1:4010/webhook').channel).toBe('webhook');
    expect(resolveWebhookTarget('http://localhost:4010/webhook').channel).toBe('webhook');
    expect(() => resolveWebhookTarget('http://ops.acme.example/hook')).toThrow(/must use https/);
  });

  it.each([
    ['no value', undefined],
    ['an empty value', '   '],
    ['the generated placeholder', 'Xq3v9LrT0bWm2Nc8Kd5Yh1Gz7Pf4Sa6J'],
    ['a placeholder URL', 'https://hooks.slack.com/services/REPLACE_ME'],
    ['a templated URL', 'https://hooks.slack.com/services/<team>/<channel>/<token>'],
    ['a JSON secret without a url', '{"webhook":"https://ops.acme.example/x"}'],
    ['another scheme', 'ftp://ops.acme.example/hook'],
  ])('reports %s as a webhook that is not configured', (_case, value) => {
    expect(() => resolveWebhookTarget(value)).toThrow(WebhookNotConfiguredError);
  });

  it('never repeats the stored value in its error message', () => {
    const value = 'http://ops.acme.example/hooks/s3cr3tT0k3n';

    const error = (() => {
      try {
        resolveWebhookTarget(value);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a refusal');
    })();

    expect(error.message).not.toContain('s3cr3tT0k3n');
    expect(error.message).not.toContain('ops.acme.example');
  });
});
