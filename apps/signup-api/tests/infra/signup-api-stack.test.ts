/**
 * The signup API's stack, synthesized without bundling and with cdk-nag (testApp): the public
 * route and its protections, the idempotency table, least-privilege grants, and no exports.
 */
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { IDEMPOTENCY_TABLE_ACTIONS } from '@onboarding/cdk-constructs';
import { actionsOnAnyResource, crossStackReferences, statementsFor, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { API_URL_PARAMETER_NAME, SignupApiStack } from '../../infra/signup-api-stack';

const env = { account: '123456789012', region: 'eu-west-1' };

function synthesize(props: ConstructorParameters<typeof SignupApiStack>[2] = {}) {
  const app = testApp();
  const stack = new SignupApiStack(app, 'OnboardingSignupApi', { env, ...props });
  return { stack, template: synthTemplate(app, stack) };
}

const { stack, template } = synthesize();
const functionLogicalId = stack.getLogicalId(stack.signupFunction.node.defaultChild as never);
const tableLogicalId = stack.getLogicalId(stack.idempotencyTable.node.defaultChild as never);

describe('SignupApiStack', () => {
  it('routes POST /signup to the signup function with the payload format 2.0', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /signup', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [functionLogicalId, 'Arn'] },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
  });

  it('lets API Gateway invoke the function only from this API, on /signup', () => {
    const apiLogicalId = stack.getLogicalId(stack.api.node.defaultChild as never);

    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: apiLogicalId }, Match.stringLikeRegexp('/signup$')])] },
    });
  });

  it('throttles the stage (50 requests per second, bursts of 100, by default)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('takes other throttling limits from its props', () => {
    const custom = synthesize({ throttleRateLimit: 5, throttleBurstLimit: 10 }).template;

    custom.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 } });
  });

  it('writes JSON access logs with the request id to a log group with retention', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const settings = stage?.Properties.AccessLogSettings;
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup')).find((id) => id.startsWith('ApiAccessLogs'));

    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('keeps idempotency records in an on-demand, encrypted table keyed by id, with a TTL and point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('keeps a stable logical id for the table, a stateful resource', () => {
    expect(tableLogicalId).toBe('IdempotencyTable22A5A209');
  });

  it('gives the function the bus name and its table name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: 'onboarding', IDEMPOTENCY_TABLE_NAME: { Ref: tableLogicalId }, POWERTOOLS_SERVICE_NAME: 'signup-api' }) },
    });
  });

  it('lets the function put events only on the onboarding bus', () => {
    const putEvents = statementsFor(template, 'events');

    expect(putEvents).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['events:PutEvents'],
        resources: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:123456789012:event-bus/onboarding']] }],
      }),
    ]);
  });

  it('lets the function read and write its own table only, with the calls Powertools makes', () => {
    expect(statementsFor(template, 'dynamodb')).toEqual([
      expect.objectContaining({ effect: 'Allow', actions: [...IDEMPOTENCY_TABLE_ACTIONS], resources: [{ 'Fn::GetAtt': [tableLogicalId, 'Arn'] }] }),
    ]);
  });

  it('allows no action on every resource except the X-Ray calls that require it', () => {
    expect(actionsOnAnyResource(template).filter((action) => !action.startsWith('xray:'))).toEqual([]);
  });

  it('publishes the API URL as the plain SSM parameter /onboarding/signup-api/url', () => {
    const apiLogicalId = stack.getLogicalId(stack.api.node.defaultChild as never);

    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: API_URL_PARAMETER_NAME,
      Type: 'String',
      Value: { 'Fn::GetAtt': [apiLogicalId, 'ApiEndpoint'] },
    });
    expect(API_URL_PARAMETER_NAME).toBe('/onboarding/signup-api/url');
  });

  it('imports nothing from other stacks and exports nothing', () => {
    expect(crossStackReferences(template)).toEqual([]);
  });
});

describe('cdk-nag on the signup API', () => {
  it('passes the AWS Solutions checks (synthesis above would have thrown otherwise)', () => {
    expect(() => synthesize()).not.toThrow();
  });

  it('is armed: the same kind of public route without an acknowledgement fails synthesis', () => {
    const app = testApp();
    const unacknowledged = new Stack(app, 'Unacknowledged', { env });
    new HttpApi(unacknowledged, 'Api').addRoutes({ path: '/open', methods: [HttpMethod.POST], integration: new HttpUrlIntegration('Url', 'https://example.com') });

    expect(() => synthTemplate(app, unacknowledged)).toThrow(/AwsSolutions-APIG4/);
  });
});
