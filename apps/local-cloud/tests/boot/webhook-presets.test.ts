import { webhookPresets } from '../../src/boot/webhook-presets';
import type { CloudModel } from '../../src/model';

const origin = { app: 'notifier', stackName: 'OnboardingNotifier', logicalId: 'X' };
const secretArn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:onboarding/notifier/target-AbCdEf';

function model(parts: Partial<CloudModel>): CloudModel {
  return { functions: [], tables: [], buckets: [], queues: [], buses: [], rules: [], stateMachines: [], httpRoutes: [], secrets: [], ssmParameters: [], roles: {}, ...parts };
}

const notifyTeam = (reference: string) => ({
  ...origin,
  functionName: 'OnboardingNotifier-NotifyTeam',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:OnboardingNotifier-NotifyTeam',
  codeDir: '/x',
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  timeoutSeconds: 10,
  memorySize: 256,
  environment: { WEBHOOK_URL_SECRET: reference },
});

describe('webhookPresets', () => {
  it('points the secret a function’s WEBHOOK variable references at the sink, whatever the secret is called', () => {
    const presets = webhookPresets(model({ functions: [notifyTeam(`secretsmanager:${secretArn}`)], secrets: [{ ...origin, name: 'onboarding/notifier/target', arn: secretArn }] }), 'http://127.0.0.1:4707/webhook');

    expect(presets.secrets).toEqual({ 'onboarding/notifier/target': 'http://127.0.0.1:4707/webhook' });
  });

  it('keeps the JSON shape a template gives the secret, setting its url', () => {
    const presets = webhookPresets(
      model({ secrets: [{ ...origin, name: 'slack-webhook', arn: 'arn:x', generateSecretString: { SecretStringTemplate: '{"url":"https://hooks.slack.com/REPLACE","channel":"#signups"}', GenerateStringKey: 'token' } }] }),
      'http://127.0.0.1:4707/webhook',
    );

    expect(JSON.parse(presets.secrets['slack-webhook'] ?? '{}')).toEqual({ url: 'http://127.0.0.1:4707/webhook', channel: '#signups' });
  });

  it('presets an SSM parameter referenced as ssm:<name>, and leaves unrelated secrets alone', () => {
    const presets = webhookPresets(
      model({
        functions: [notifyTeam('ssm:/onboarding/notifier/url')],
        ssmParameters: [{ ...origin, name: '/onboarding/notifier/url', value: 'placeholder', type: 'String' }],
        secrets: [{ ...origin, logicalId: 'DbPassword', name: 'db-password', arn: 'arn:y' }],
      }),
      'http://127.0.0.1:4707/webhook',
    );

    expect(presets.parameters).toEqual({ '/onboarding/notifier/url': 'http://127.0.0.1:4707/webhook' });
    expect(presets.secrets).toEqual({});
  });
});
