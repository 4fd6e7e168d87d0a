import { join } from 'node:path';
import {
  buildCloudModel,
  loadCloudModel,
  readCloudAssembly,
  UnresolvableReferenceError,
  UnsupportedFeatureError,
  type CfnTemplate,
  type StackTemplate,
} from '../../src/assembly';
import type { CloudModel } from '../../src/model';

const FIXTURES = join(__dirname, '../fixtures/assemblies');

/** A one-stack assembly built in the test, for the error cases. */
function stack(stackName: string, template: CfnTemplate, app = 'test-app'): StackTemplate {
  return { app, stackName, assemblyDir: '/nowhere', template, constructPaths: new Map(), assets: new Map() };
}

const fn = (model: CloudModel, name: string) => {
  const found = model.functions.find((f) => f.functionName === name);
  if (!found) throw new Error(`no function ${name} in ${model.functions.map((f) => f.functionName).join(', ')}`);
  return found;
};

describe('the assembly reader on the fixture apps', () => {
  let model: CloudModel;
  let notes: string[];

  beforeAll(async () => {
    ({ model, notes } = await loadCloudModel({
      workspaceRoot: FIXTURES,
      assemblies: [
        { app: 'orders', dir: join(FIXTURES, 'orders') },
        { app: 'flow', dir: join(FIXTURES, 'flow') },
      ],
    }));
  });

  it('names unnamed resources <Stack>-<construct path>, valid for each kind', () => {
    expect(model.tables.map((t) => t.tableName)).toEqual(['FixtureOrders-OrdersTable']);
    expect(model.buckets.map((b) => b.bucketName)).toEqual(['fixtureorders-receipts']);
    expect(model.functions.map((f) => f.functionName).sort()).toEqual(['FixtureFlow-Audit', 'FixtureFlow-Starter', 'FixtureOrders-FulfilOrder', 'FixtureOrders-PlaceOrder']);
    expect(model.stateMachines[0]?.arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:FixtureFlow-Flow');
  });

  it('resolves Ref and Fn::GetAtt to local names and ARNs in account 000000000000', () => {
    const env = fn(model, 'FixtureOrders-FulfilOrder').environment;

    expect(env.TABLE_NAME).toBe('FixtureOrders-OrdersTable');
    expect(env.TABLE_ARN).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/FixtureOrders-OrdersTable');
    expect(env.BUCKET_NAME).toBe('fixtureorders-receipts');
  });

  it('resolves Fn::Sub (with variables, pseudo parameters, parameters and ${!Literal}), Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs and Fn::FindInMap', () => {
    const env = fn(model, 'FixtureOrders-FulfilOrder').environment;

    expect(env.QUEUE_HINT).toBe('fulfil-us-east-1-000000000000-hello-${Literal}');
    expect(env.PARTITION_URL).toBe('https://s3.us-east-1.amazonaws.com/aws/FixtureOrders');
    expect(env.WEBHOOK_URL_SECRET).toMatch(/^secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:FixtureOrders-WebhookUrl-[a-z0-9]{6}$/);
    expect(env.SECOND_ZONE).toBe('us-east-1b');
    expect(env.HOST_PART).toBe('example.com');
    expect(env.SEATS).toBe('10');
  });

  it('evaluates conditions: Fn::If picks its branch, AWS::NoValue removes the property, a false Condition drops the resource', () => {
    const env = fn(model, 'FixtureOrders-FulfilOrder').environment;

    expect(env.MODE).toBe('local-region');
    expect(env).not.toHaveProperty('OPTIONAL');
    // UnusedAlarm references a resource that does not exist; its condition is false, so it is never resolved.
    expect(notes.join('\n')).not.toContain('UnusedAlarm');
  });

  it('gives an SSM-parameter CFN parameter the value of the AWS::SSM::Parameter of that name in another app', () => {
    const placeOrder = fn(model, 'FixtureOrders-PlaceOrder');
    const definition = JSON.stringify(model.stateMachines[0]?.definition);

    expect(placeOrder.environment.EVENT_BUS_NAME).toBe('fixture-bus');
    expect(fn(model, 'FixtureFlow-Starter').environment.STATE_MACHINE_ARN).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:FixtureFlow-Flow');
    expect(definition).toContain('"FunctionName":"arn:aws:lambda:us-east-1:000000000000:function:FixtureOrders-FulfilOrder"');
  });

  it('resolves Fn::ImportValue from another stack’s exported output', () => {
    expect(model.ssmParameters.find((p) => p.name === '/fixture/flow/orders-table')?.value).toBe('FixtureOrders-OrdersTable');
  });

  it('reads the bundle folder of each function from the asset manifest', () => {
    expect(fn(model, 'FixtureOrders-PlaceOrder').codeDir).toBe(join(FIXTURES, 'orders/asset.placeorder'));
    expect(fn(model, 'FixtureFlow-Audit').codeDir).toBe(join(FIXTURES, 'flow/asset.audit'));
    expect(fn(model, 'FixtureOrders-PlaceOrder').timeoutSeconds).toBe(5);
    expect(fn(model, 'FixtureFlow-Audit').memorySize).toBe(128);
  });

  it('reads the async invocation settings of EventInvokeConfig and keeps Lambda’s defaults otherwise', () => {
    expect(fn(model, 'FixtureFlow-Audit').asyncInvoke).toEqual({
      maximumRetryAttempts: 1,
      maximumEventAgeInSeconds: 21600,
      onFailureArn: 'arn:aws:sqs:us-east-1:000000000000:FixtureFlow-AuditFailures',
    });
    expect(fn(model, 'FixtureOrders-PlaceOrder').asyncInvoke).toEqual({ maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 });
  });

  it('models tables with their indexes and TTL attribute, and notes that TTL is not applied', () => {
    const [table] = model.tables;

    expect(table?.keySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(table?.globalSecondaryIndexes).toEqual([expect.objectContaining({ IndexName: 'byStatus' })]);
    expect(table?.timeToLiveAttribute).toBe('expiresAt');
    expect(notes.join('\n')).toContain('TTL is not applied locally');
  });

  it('models rules on their bus with the pattern as an object and every target setting', () => {
    const rule = model.rules.find((r) => r.name === 'FixtureFlow-OrderPlacedRule');

    expect(rule?.eventBusName).toBe('fixture-bus');
    expect(rule?.arn).toBe('arn:aws:events:us-east-1:000000000000:rule/fixture-bus/FixtureFlow-OrderPlacedRule');
    expect(rule?.eventPattern).toEqual({ source: ['fixture.orders'], 'detail-type': ['OrderPlaced'] });
    expect(rule?.targets).toEqual([
      {
        id: 'Target0',
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:FixtureFlow-Starter',
        deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:FixtureFlow-RuleDeadLetters',
        retryPolicy: { MaximumRetryAttempts: 2 },
      },
    ]);
    expect(model.buses.map((b) => b.name)).toEqual(['default', 'fixture-bus']);
  });

  it('models HTTP API routes with the function each integrates with', () => {
    expect(model.httpRoutes.map((r) => [r.routeKey, r.functionArn, r.payloadFormatVersion])).toEqual([
      ['POST /orders', 'arn:aws:lambda:us-east-1:000000000000:function:FixtureOrders-PlaceOrder', '2.0'],
      ['GET /orders/{id}', 'arn:aws:lambda:us-east-1:000000000000:function:FixtureOrders-PlaceOrder', '2.0'],
      ['POST /signup', 'arn:aws:lambda:us-east-1:000000000000:function:FixtureOrders-PlaceOrder', '2.0'],
    ]);
    expect(model.httpRoutes[0]?.apiName).toBe('fixture-orders-api');
  });

  it('gathers the statements of a role’s policies under the role ARN, with resources resolved', () => {
    const fulfil = fn(model, 'FixtureOrders-FulfilOrder');
    const role = model.roles[fulfil.roleArn ?? ''];

    expect(fulfil.roleArn).toBe('arn:aws:iam::000000000000:role/FixtureOrders-FulfilOrderRole');
    expect(role?.statements).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:GetItem'],
      Resource: ['arn:aws:dynamodb:us-east-1:000000000000:table/FixtureOrders-OrdersTable', 'arn:aws:dynamodb:us-east-1:000000000000:table/FixtureOrders-OrdersTable/index/*'],
      Condition: undefined,
    });
  });

  it('models secrets with their generation settings', () => {
    expect(model.secrets).toEqual([expect.objectContaining({ name: 'FixtureOrders-WebhookUrl', generateSecretString: {} })]);
  });
});

describe('the assembly reader refuses what it cannot resolve', () => {
  it('names the stack, resource and property of a reference to a missing resource', () => {
    const broken = stack('Broken', {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs24.x', Code: { ZipFile: 'x' }, Environment: { Variables: { TABLE: { Ref: 'Missing' } } } } },
      },
    });

    const build = () => buildCloudModel([broken]);

    expect(build).toThrow(UnresolvableReferenceError);
    expect(build).toThrow('test-app/Broken Fn (Properties.Environment.Variables.TABLE): Ref Missing: no parameter or resource Missing in stack Broken');
  });

  it('names the SSM parameter no app publishes, and where it is used', () => {
    const orchestration = stack('Orchestration', {
      Parameters: { NotifyArn: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/onboarding/notifier/functions/NotifyTeam/arn' } },
      Resources: { Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: { 'Fn::Join': ['', ['{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"', { Ref: 'NotifyArn' }, '","End":true}}}']] } } } },
    });

    expect(() => buildCloudModel([orchestration])).toThrow(/Orchestration NotifyArn \(Default\): no stack of any app declares the AWS::SSM::Parameter "\/onboarding\/notifier\/functions\/NotifyTeam\/arn" \(referenced from Machine Properties.DefinitionString/);
  });

  it('refuses an attribute that has no local value, naming the type', () => {
    const s = stack('Attrs', {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] } },
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/x', Type: 'String', Value: { 'Fn::GetAtt': ['Table', 'NoSuchThing'] } } },
      },
    });

    expect(() => buildCloudModel([s])).toThrow('test-app/Attrs Param (Properties.Value.Fn::GetAtt): Fn::GetAtt Table.NoSuchThing: attribute NoSuchThing of AWS::DynamoDB::Table has no local value');
  });

  it('refuses an intrinsic function it does not know rather than guess', () => {
    const s = stack('Cidr', { Resources: { Param: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/x', Type: 'String', Value: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } } } } });

    expect(() => buildCloudModel([s])).toThrow(UnsupportedFeatureError);
    expect(() => buildCloudModel([s])).toThrow('intrinsic function Fn::Cidr is not supported');
  });

  it('refuses a reference cycle instead of looping', () => {
    const s = stack('Cycle', {
      Resources: {
        A: { Type: 'AWS::SSM::Parameter', Properties: { Name: 'a', Type: 'String', Value: { 'Fn::GetAtt': ['B', 'Value'] } } },
        B: { Type: 'AWS::SSM::Parameter', Properties: { Name: 'b', Type: 'String', Value: { 'Fn::GetAtt': ['A', 'Value'] } } },
      },
    });

    expect(() => buildCloudModel([s])).toThrow('test-app/Cycle A (Properties.Value): circular reference while resolving test-app/Cycle/A#Value');
  });

  it('refuses two resources that would get the same local name', () => {
    const table = { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'Shared', KeySchema: [], AttributeDefinitions: [] } };

    expect(() => buildCloudModel([stack('One', { Resources: { T: table } }), stack('Two', { Resources: { T: table } })])).toThrow('the table name Shared is also used by test-app/One T');
  });

  it('marks a function whose code it cannot run, without refusing the whole model', () => {
    const s = stack('Images', { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ImageUri: 'repo:tag' }, PackageType: 'Image' } } } });

    const { model, notes } = buildCloudModel([s]);

    expect(model.functions[0]?.unavailableReason).toContain('container image');
    expect(notes[0]).toContain('Images-Fn');
  });

  it('says which assembly is missing when a manifest cannot be read', async () => {
    await expect(readCloudAssembly(join(FIXTURES, 'does-not-exist'), 'ghost')).rejects.toThrow(/Cannot read cloud assembly manifest of ghost/);
  });
});
