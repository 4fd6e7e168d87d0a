import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import { ServiceFunction, SERVICE_RUNTIME, functionArnParameterName, importFunctionArn, publishFunctionArn } from '../src';
import { iamStatements, testApp } from '../src/testing';

describe('ServiceFunction', () => {
  it('applies the house defaults: arm64, newest Node.js, tracing, JSON logs, a log group with retention', () => {
    const app = testApp();
    const stack = new Stack(app, 'S');
    new ServiceFunction(stack, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo' });

    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Runtime: SERVICE_RUNTIME.name,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'demo', NODE_OPTIONS: '--enable-source-maps' }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('uses the newest Node.js runtime aws-cdk-lib knows', () => {
    const { Runtime } = jest.requireActual('aws-cdk-lib/aws-lambda');
    const nodeVersions = Object.keys(Runtime)
      .map((k) => /^NODEJS_(\d+)_X$/.exec(k)?.[1])
      .filter(Boolean)
      .map(Number);

    expect(SERVICE_RUNTIME.name).toBe(`nodejs${Math.max(...nodeVersions)}.x`);
  });
});

describe('SSM wiring', () => {
  it('publishes a function ARN under /onboarding/<service>/functions/<name>/arn', () => {
    const app = testApp();
    const stack = new Stack(app, 'S');
    const fn = new ServiceFunction(stack, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo' });

    publishFunctionArn(stack, 'demo-service', 'DoThing', fn);

    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/onboarding/demo-service/functions/DoThing/arn',
      Type: 'String',
    });
  });

  it('imports a function ARN as a deploy-time SSM parameter, not an export', () => {
    const app = testApp();
    const stack = new Stack(app, 'S');

    const fn = importFunctionArn(stack, 'demo-service', 'DoThing');
    new (jest.requireActual('aws-cdk-lib').CfnOutput)(stack, 'Arn', { value: fn.functionArn });

    const json = Template.fromStack(stack).toJSON();
    const parameter = Object.values<{ Type: string; Default?: string }>(json.Parameters).find((p) => p.Default === functionArnParameterName('demo-service', 'DoThing'));
    expect(parameter?.Type).toBe('AWS::SSM::Parameter::Value<String>');
    expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
  });
});

describe('iamStatements', () => {
  it('lists the statements of every policy in a template', () => {
    const app = testApp();
    const stack = new Stack(app, 'S');
    const fn = new ServiceFunction(stack, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo' });
    fn.addToRolePolicy(new (jest.requireActual('aws-cdk-lib/aws-iam').PolicyStatement)({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] }));

    const statements = iamStatements(Template.fromStack(stack));

    expect(statements).toEqual(expect.arrayContaining([expect.objectContaining({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] })]));
  });
});
