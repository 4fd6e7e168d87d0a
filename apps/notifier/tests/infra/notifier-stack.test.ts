import type { Template } from 'aws-cdk-lib/assertions';
import { allowsAnyResource, iamStatements, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { NotifierStack, WEBHOOK_URL_SECRET_NAME, type NotifierStackProps } from '../../infra/notifier-stack';

function synth(props: NotifierStackProps = {}): Template {
  const app = testApp();
  const stack = new NotifierStack(app, 'OnboardingNotifier', props);
  return synthTemplate(app, stack);
}

/** Renders an ARN built with Fn::Join / Ref / Fn::GetAtt as a readable string. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  if ('Ref' in node) return `\${${String(node['Ref'])}}`;
  if ('Fn::GetAtt' in node) return `\${${(node['Fn::GetAtt'] as string[]).join('.')}}`;
  return JSON.stringify(value);
}

function logicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

function functionEnvironment(template: Template): Record<string, unknown> {
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
  return fn.Properties.Environment.Variables;
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

    expect(render(environment['WEBHOOK_URL_SECRET'])).toBe(`secretsmanager:\${${secret}}`);
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

  it('encrypts the idempotency table with the AWS managed key, whose use CloudTrail records', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true } });
  });

  it('allows secretsmanager:GetSecretValue on its own secret only', () => {
    const template = synth();
    const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret');

    const secretStatements = iamStatements(template).filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')));

    expect(secretStatements).toEqual([expect.objectContaining({ effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: secret }] })]);
  });

  it('grants the function only its own table, and only the four calls idempotency makes', () => {
    const template = synth();
    const table = logicalIdOf(template, 'AWS::DynamoDB::Table');

    const dynamoStatements = iamStatements(template).filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));

    expect(dynamoStatements).toHaveLength(1);
    expect(dynamoStatements[0]?.actions.sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(dynamoStatements[0]?.resources).toEqual([{ 'Fn::GetAtt': [table, 'Arn'] }]);
  });

  it('allows Resource "*" only for the X-Ray calls active tracing needs', () => {
    const wide = iamStatements(synth()).filter(allowsAnyResource);

    expect(wide.length).toBeGreaterThan(0);
    for (const statement of wide) expect(statement.actions.every((a) => a.startsWith('xray:'))).toBe(true);
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
    const json = synth().toJSON();

    expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
    expect(Object.values<{ Export?: unknown }>(json.Outputs ?? {}).filter((o) => o.Export)).toEqual([]);
  });

  describe('with an SSM SecureString parameter instead of the secret', () => {
    it('references the parameter and creates no secret', () => {
      const template = synth({ webhookUrlParameterName: '/onboarding/notifier/webhook-url' });

      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(functionEnvironment(template)['WEBHOOK_URL_SECRET']).toBe('ssm:/onboarding/notifier/webhook-url');
    });

    it('allows ssm:GetParameter on that parameter only, and no Secrets Manager access', () => {
      const statements = iamStatements(synth({ webhookUrlParameterName: '/onboarding/notifier/webhook-url' }));

      const ssmStatements = statements.filter((s) => s.actions.some((a) => a.startsWith('ssm:')));
      expect(ssmStatements).toHaveLength(1);
      expect(ssmStatements[0]?.actions).toEqual(['ssm:GetParameter']);
      expect(ssmStatements[0]?.resources.map(render)).toEqual(['arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/onboarding/notifier/webhook-url']);
      expect(statements.filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')))).toEqual([]);
    });

    it('refuses a parameter name SSM would refuse', () => {
      expect(() => synth({ webhookUrlParameterName: 'not a name!' })).toThrow(/not a valid SSM parameter name/);
    });
  });
});
