import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig, parseWebhookUrlReference } from '../../src/config';

const complete = { WEBHOOK_URL_SECRET: 'secretsmanager:onboarding/notifier/webhook-url', IDEMPOTENCY_TABLE_NAME: 'table' };

describe('parseWebhookUrlReference', () => {
  it('reads a Secrets Manager reference by name', () => {
    expect(parseWebhookUrlReference('secretsmanager:onboarding/notifier/webhook-url')).toEqual({ store: 'secretsmanager', secretId: 'onboarding/notifier/webhook-url' });
  });

  it('keeps the colons of a secret ARN', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/webhook-url-AbCdEf';

    expect(parseWebhookUrlReference(`secretsmanager:${arn}`)).toEqual({ store: 'secretsmanager', secretId: arn });
  });

  it('reads an SSM parameter reference', () => {
    expect(parseWebhookUrlReference('ssm:/onboarding/notifier/webhook-url')).toEqual({ store: 'ssm', parameterName: '/onboarding/notifier/webhook-url' });
  });

  it.each(['https://hooks.slack.com/services/T1/B1/token', 'onboarding/notifier/webhook-url', 'ssm:', 'vault:secret/x'])(
    'refuses %s, which is not a reference to a stored secret',
    (value) => {
      expect(() => parseWebhookUrlReference(value)).toThrow(ConfigurationError);
      expect(() => parseWebhookUrlReference(value)).toThrow(/WEBHOOK_URL_SECRET/);
    },
  );

  it('does not repeat a URL put there by mistake in its message', () => {
    let message = '';
    try {
      parseWebhookUrlReference('https://hooks.slack.com/services/T1/B1/s3cr3t');
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/WEBHOOK_URL_SECRET/);
    expect(message).not.toContain('s3cr3t');
  });
});

describe('loadConfig', () => {
  it('reads the reference, the table and the defaults for the time-out and the cache', () => {
    expect(loadConfig(complete)).toEqual({
      webhookUrl: { store: 'secretsmanager', secretId: 'onboarding/notifier/webhook-url' },
      idempotencyTableName: 'table',
      webhookTimeoutMs: 5000,
      webhookUrlCacheSeconds: 300,
    });
  });

  it.each(['WEBHOOK_URL_SECRET', 'IDEMPOTENCY_TABLE_NAME'])('refuses to start without %s and names it', (variable) => {
    const env: Record<string, string> = { ...complete };
    delete env[variable];

    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it('refuses a time-out that is not a positive integer, naming the variable', () => {
    expect(() => loadConfig({ ...complete, WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});
