/**
 * No template carries a secret: no webhook URL, access key, private key or password in a function's
 * environment, a parameter or anywhere else, and the notifier's function holds only a reference to
 * the secret with the webhook URL.
 */
import { secretKinds, secretProblems } from '../src/secrets';
import { renderTemplateValue } from '@onboarding/cdk-constructs/testing';
import { isObject, resourcesOf, type CfnResource } from '../src/template-values';
import { deployedStacks, eachStack } from './support/deployed-stacks';
import { templateOf } from './support/template';

function functionWithEnvironment(variables: Record<string, unknown>) {
  return templateOf({ Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: variables } } } });
}

describe('secrets in the deployed stacks', () => {
  it.each(eachStack)('%s holds no secret', (_where, stack) => {
    expect(secretProblems(stack.template)).toEqual([]);
  });

  it("gives the notifier's function a reference to its secret and nothing that is the webhook URL", () => {
    const notifier = deployedStacks.find((s) => s.app === 'notifier');
    const functions = resourcesOf(notifier?.template ?? {}, 'AWS::Lambda::Function');
    const secrets = resourcesOf(notifier?.template ?? {}, 'AWS::SecretsManager::Secret');
    expect(functions).toHaveLength(1);
    expect(secrets).toHaveLength(1);
    const [, fn] = functions[0] as [string, CfnResource];
    const [secretId, secret] = secrets[0] as [string, CfnResource];
    const variables = (fn.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables;

    expect(renderTemplateValue(variables['WEBHOOK_URL_SECRET'])).toBe(`secretsmanager:\${${secretId}}`);
    expect(secret.Properties).not.toHaveProperty('SecretString');
    expect(isObject(secret.Properties?.['GenerateSecretString'])).toBe(true);
    // Every other variable is configuration: a table reference, numbers, service settings.
    const others = Object.entries(variables).filter(([name]) => name !== 'WEBHOOK_URL_SECRET');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter(([, value]) => /https?:|hooks\./i.test(renderTemplateValue(value)))).toEqual([]);
  });
});

describe('secretKinds', () => {
  it.each([
    ['a Slack incoming webhook', `https://hooks.slack.com/services/T0000000/B0000000/${'X'.repeat(24)}`, 'a Slack webhook URL'],
    ['a URL with a token in its path', 'https://example.com/api/webhooks/1234/abcdEFGH1234ijklMNOP5678qrst', 'a webhook URL with a token'],
    ['a URL with a token in its query', 'https://example.com/hook?token=abc123', 'a webhook URL with a token'],
    ['a URL with credentials', 'https://user:hunter22@example.com/hook', 'a webhook URL with a token'],
    // AWS's documented example key id, which secret scanners know to ignore.
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'a private key'],
    ['a password in a connection string', 'postgres://db:5432/app?sslmode=require&password=s3cretpw', 'a password'],
  ])('recognizes %s', (_label, text, kind) => {
    expect(secretKinds(text)).toContain(kind);
  });

  it.each([
    ['a documentation link', 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html'],
    ['a bus name', 'onboarding'],
    ['a secret reference', 'secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:onboarding/notifier/webhook-url-AbCdEf'],
    ['an asset hash', '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.zip'],
  ])('leaves %s alone', (_label, text) => {
    expect(secretKinds(text)).toEqual([]);
  });
});

describe('secretProblems', () => {
  it('reports a webhook URL in an environment variable without repeating the URL', () => {
    const url = `https://hooks.slack.com/services/T0000000/B0000000/${'Z'.repeat(24)}`;

    const problems = secretProblems(functionWithEnvironment({ WEBHOOK_URL: url }));

    expect(problems).toEqual(['Fn environment variable WEBHOOK_URL looks like a Slack webhook URL']);
    expect(problems.join('\n')).not.toContain('hooks.slack.com');
  });

  it('reports a variable named like a secret that holds a value instead of a reference', () => {
    expect(secretProblems(functionWithEnvironment({ API_TOKEN: 'not-a-reference' }))).toEqual([
      'Fn environment variable API_TOKEN is named like a secret but holds a value, not a reference to Secrets Manager or SSM',
    ]);
  });

  it('reports a dynamic reference, which would put the plain value in the configuration', () => {
    expect(secretProblems(functionWithEnvironment({ DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}' }))).toHaveLength(1);
  });

  it('accepts references to Secrets Manager and SSM, written out or as a Ref to the secret', () => {
    const template = templateOf({
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Environment: { Variables: { A_SECRET: { 'Fn::Join': ['', ['secretsmanager:', { Ref: 'Secret' }]] }, B_TOKEN: 'ssm:/team/token', C_SECRET_ARN: { Ref: 'Secret' } } } },
      },
    });

    expect(secretProblems(template)).toEqual([]);
  });

  it('reports an access key in a parameter default and a private key in any property', () => {
    const template = templateOf(
      { Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'note', Value: '-----BEGIN PRIVATE KEY-----' }] } } },
      { Parameters: { Key: { Type: 'String', Default: 'AKIAIOSFODNN7EXAMPLE' } } },
    );

    expect(secretProblems(template)).toEqual(['parameter Key default looks like an AWS access key id', 'Bucket.Properties.Tags[0].Value looks like a private key']);
  });
});
