import type { Template } from 'aws-cdk-lib/assertions';
import { IDEMPOTENCY_TABLE_ACTIONS } from '@onboarding/cdk-constructs';
import {
  actionsOnAnyResource,
  crossStackReferences,
  functionEnvironment,
  logicalIdOf,
  renderTemplateValue,
  statementsFor,
  synthTemplate,
  testApp,
} from '@onboarding/cdk-constructs/testing';
import { NotifierStack, WEBHOOK_URL_SECRET_NAME, type NotifierStackProps } from '../../infra/notifier-stack';

function synth(props: NotifierStackProps = {}): Template {
  const app = testApp();
  const stack = new NotifierStack(app, 'OnboardingNotifier', props);
  return synthTemplate(app, stack);
}

describe('NotifierStack', () => {
  it('passes cdk-nag, the secret rotation finding acknowledged with its reason', () => {
    expect(() => synth()).not.toThrow();
  });

  it('creates the webhook URL secret by name, with a generated placeholder and no value in the template', () => {
    const template = synth();

    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: WEBHOOK_URL_SECRET_NAME,
      GenerateSecretString: { PasswordLength: 32, ExcludePunctuation: true, IncludeSpace: false },
    });
    const secret = Object.values(template.findResources('AWS::SecretsManager::Secret'))[0] as { Properties: Record<string, unknown> };
    expect(secret.Properties).not.toHaveProperty('SecretString');
  });

  it('gives the function a reference to the secret, never a URL or a secret value', () => {
    const template = synth();
    const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret');
    const environment = functionEnvironment(template);

    expect(renderTemplateValue(environment['WEBHOOK_URL_SECRET'])).toBe(`secretsmanager:\${${secret}}`);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/hooks\.slack\.com|https?:\/\//);
    expect(Object.keys(environment).filter((name) => /URL$/.test(name))).toEqual([]);
  });

  it('owns an idempotency table keyed by the string "id" that expires records through "expiration"', () => {
    const template = synth();
    const table = logicalIdOf(template, 'AWS::DynamoDB::Table');

    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
    expect(functionEnvironment(template)['IDEMPOTENCY_TABLE_NAME']).toEqual({ Ref: table });
  });

  it('allows secretsmanager:GetSecretValue on its own secret only', () => {
    const template = synth();
    const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret');

    const secretStatements = statementsFor(template, 'secretsmanager');

    expect(secretStatements).toEqual([expect.objectContaining({ effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: secret }] })]);
  });

  it('grants the function only its own table, and only the calls idempotency makes', () => {
    const template = synth();

    expect(statementsFor(template, 'dynamodb')).toEqual([
      expect.objectContaining({ effect: 'Allow', actions: [...IDEMPOTENCY_TABLE_ACTIONS], resources: [{ 'Fn::GetAtt': [logicalIdOf(template, 'AWS::DynamoDB::Table'), 'Arn'] }] }),
    ]);
  });

  it('allows Resource "*" only for the X-Ray calls active tracing needs', () => {
    expect(actionsOnAnyResource(synth()).filter((action) => !action.startsWith('xray:'))).toEqual([]);
  });

  it('publishes the NotifyTeam ARN as an SSM parameter for the orchestration', () => {
    const template = synth();
    const fn = logicalIdOf(template, 'AWS::Lambda::Function');

    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/onboarding/notifier/functions/NotifyTeam/arn',
      Type: 'String',
      Value: { 'Fn::GetAtt': [fn, 'Arn'] },
    });
  });

  it('imports nothing from other stacks and exports nothing', () => {
    expect(crossStackReferences(synth())).toEqual([]);
  });

  describe('with an SSM SecureString parameter instead of the secret', () => {
    it('references the parameter and creates no secret', () => {
      const template = synth({ webhookUrlParameterName: '/onboarding/notifier/webhook-url' });

      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(functionEnvironment(template)['WEBHOOK_URL_SECRET']).toBe('ssm:/onboarding/notifier/webhook-url');
    });

    it('allows ssm:GetParameter on that parameter only, and no Secrets Manager access', () => {
      const template = synth({ webhookUrlParameterName: '/onboarding/notifier/webhook-url' });

      const ssmStatements = statementsFor(template, 'ssm');
      expect(ssmStatements).toHaveLength(1);
      expect(ssmStatements[0]?.actions).toEqual(['ssm:GetParameter']);
      expect(ssmStatements[0]?.resources.map(renderTemplateValue)).toEqual(['arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/onboarding/notifier/webhook-url']);
      expect(statementsFor(template, 'secretsmanager')).toEqual([]);
    });

    it('refuses a parameter name SSM would refuse', () => {
      expect(() => synth({ webhookUrlParameterName: 'not a name!' })).toThrow(/not a valid SSM parameter name/);
    });
  });
});
