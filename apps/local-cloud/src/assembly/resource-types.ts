/**
 * What `Ref` and `Fn::GetAtt` return for each resource type, with local names and ARNs in account
 * 000000000000 / us-east-1. Types missing here still get a `Ref` (their local physical id) and an
 * `Arn` attribute; any other attribute of an unknown type is refused with the type named.
 */
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../model';
import { localArn, stableId, type NameKind } from './local-names';

/** What a type's functions may ask about the resource. */
export interface ResourceFacts {
  /** The physical name: the template's name property, or a generated one. */
  name: string;
  /** Seed for stable opaque ids: `<app>/<stack>/<logicalId>`. */
  seed: string;
  /** Resolves one property of the resource (for ARNs that depend on a property). */
  property(name: string): unknown;
}

export interface ResourceTypeSpec {
  /** The property that names the resource, if the template may set it. */
  nameProperty?: string;
  nameKind: NameKind;
  /** Suffix AWS adds to a generated name (SQS FIFO queues). */
  generatedSuffix?: (facts: Omit<ResourceFacts, 'name'>) => string;
  ref: (facts: ResourceFacts) => unknown;
  attributes: Record<string, (facts: ResourceFacts) => unknown>;
}

const secretArn = (f: ResourceFacts) => localArn('secretsmanager', `secret:${f.name}-${stableId(f.seed, 6)}`);
const functionArn = (f: ResourceFacts) => localArn('lambda', `function:${f.name}`);
const tableArn = (f: ResourceFacts) => localArn('dynamodb', `table/${f.name}`);
const busArn = (f: ResourceFacts) => localArn('events', `event-bus/${f.name}`);
const queueUrl = (f: ResourceFacts) => `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${f.name}`;

function ruleArn(f: ResourceFacts): string {
  const bus = f.property('EventBusName');
  const busName = typeof bus === 'string' ? (bus.startsWith('arn:') ? bus.split('/').pop() : bus) : undefined;
  return localArn('events', busName && busName !== 'default' ? `rule/${busName}/${f.name}` : `rule/${f.name}`);
}

function rolePath(f: ResourceFacts): string {
  const path = f.property('Path');
  return typeof path === 'string' && path.length > 0 ? path.replace(/^\/?/, '/').replace(/\/?$/, '/') : '/';
}

/** Ref/GetAtt of every resource type the onboarding system's templates use (and a few more). */
export const RESOURCE_TYPES: Record<string, ResourceTypeSpec> = {
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    nameKind: 'function',
    ref: (f) => f.name,
    attributes: { Arn: functionArn, 'SnapStartResponse.ApplyOn': () => 'None' },
  },
  'AWS::Lambda::Alias': {
    nameProperty: 'Name',
    nameKind: 'generic',
    ref: (f) => `${f.property('FunctionName')}:${f.name}`,
    attributes: {},
  },
  'AWS::Lambda::Version': {
    nameKind: 'generic',
    ref: (f) => `${f.property('FunctionName')}:1`,
    attributes: { Version: () => '1' },
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    nameKind: 'table',
    ref: (f) => f.name,
    attributes: { Arn: tableArn, StreamArn: (f) => `${tableArn(f)}/stream/1970-01-01T00:00:00.000` },
  },
  'AWS::DynamoDB::GlobalTable': {
    nameProperty: 'TableName',
    nameKind: 'table',
    ref: (f) => f.name,
    attributes: { Arn: tableArn, StreamArn: (f) => `${tableArn(f)}/stream/1970-01-01T00:00:00.000`, TableId: (f) => stableId(f.seed, 32) },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    nameKind: 'bucket',
    ref: (f) => f.name,
    attributes: {
      Arn: (f) => `arn:aws:s3:::${f.name}`,
      DomainName: (f) => `${f.name}.s3.amazonaws.com`,
      RegionalDomainName: (f) => `${f.name}.s3.${LOCAL_REGION}.amazonaws.com`,
      DualStackDomainName: (f) => `${f.name}.s3.dualstack.${LOCAL_REGION}.amazonaws.com`,
      WebsiteURL: (f) => `http://${f.name}.s3-website-${LOCAL_REGION}.amazonaws.com`,
    },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    nameKind: 'queue',
    generatedSuffix: (f) => (f.property('FifoQueue') === true || f.property('FifoQueue') === 'true' ? '.fifo' : ''),
    ref: queueUrl,
    attributes: { Arn: (f) => localArn('sqs', f.name), QueueName: (f) => f.name, QueueUrl: queueUrl },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    nameKind: 'queue',
    ref: (f) => localArn('sns', f.name),
    attributes: { TopicArn: (f) => localArn('sns', f.name), TopicName: (f) => f.name },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    nameKind: 'bus',
    ref: (f) => f.name,
    attributes: { Arn: busArn, Name: (f) => f.name, Policy: () => '' },
  },
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    nameKind: 'rule',
    ref: (f) => f.name,
    attributes: { Arn: ruleArn },
  },
  'AWS::Events::Archive': {
    nameProperty: 'ArchiveName',
    nameKind: 'rule',
    ref: (f) => f.name,
    attributes: { Arn: (f) => localArn('events', `archive/${f.name}`) },
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    nameKind: 'stateMachine',
    ref: (f) => localArn('states', `stateMachine:${f.name}`),
    attributes: { Arn: (f) => localArn('states', `stateMachine:${f.name}`), Name: (f) => f.name, StateMachineRevisionId: () => '1' },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    nameKind: 'role',
    ref: (f) => f.name,
    attributes: { Arn: (f) => localArn('iam', `role${rolePath(f)}${f.name}`, { region: false }), RoleId: (f) => `AROA${stableId(f.seed, 17).toUpperCase()}` },
  },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    nameKind: 'role',
    ref: (f) => localArn('iam', `policy/${f.name}`, { region: false }),
    attributes: { PolicyArn: (f) => localArn('iam', `policy/${f.name}`, { region: false }) },
  },
  'AWS::SSM::Parameter': {
    nameProperty: 'Name',
    nameKind: 'generic',
    ref: (f) => f.name,
    attributes: { Value: (f) => f.property('Value'), Type: (f) => f.property('Type') },
  },
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    nameKind: 'generic',
    ref: secretArn,
    attributes: { Id: secretArn },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    nameKind: 'generic',
    ref: (f) => f.name,
    attributes: { Arn: (f) => localArn('logs', `log-group:${f.name}:*`) },
  },
  'AWS::ApiGatewayV2::Api': {
    nameKind: 'generic',
    ref: (f) => stableId(f.seed),
    attributes: {
      ApiId: (f) => stableId(f.seed),
      ApiEndpoint: (f) => `https://${stableId(f.seed)}.execute-api.${LOCAL_REGION}.amazonaws.com`,
    },
  },
  'AWS::ApiGatewayV2::Integration': { nameKind: 'generic', ref: (f) => stableId(f.seed, 7), attributes: { IntegrationId: (f) => stableId(f.seed, 7) } },
  'AWS::ApiGatewayV2::Route': { nameKind: 'generic', ref: (f) => stableId(f.seed, 7), attributes: { RouteId: (f) => stableId(f.seed, 7) } },
  'AWS::ApiGatewayV2::Stage': { nameProperty: 'StageName', nameKind: 'generic', ref: (f) => f.name, attributes: {} },
  'AWS::KMS::Key': {
    nameKind: 'generic',
    ref: (f) => stableId(f.seed, 32),
    attributes: { Arn: (f) => localArn('kms', `key/${stableId(f.seed, 32)}`), KeyId: (f) => stableId(f.seed, 32) },
  },
  'AWS::SES::ConfigurationSet': { nameProperty: 'Name', nameKind: 'generic', ref: (f) => f.name, attributes: {} },
  'AWS::SES::EmailIdentity': {
    nameProperty: 'EmailIdentity',
    nameKind: 'generic',
    ref: (f) => f.name,
    attributes: {},
  },
  'AWS::SES::Template': { nameKind: 'generic', ref: (f) => (f.property('Template') as { TemplateName?: string } | undefined)?.TemplateName ?? f.name, attributes: {} },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    nameKind: 'generic',
    ref: (f) => f.name,
    attributes: { Arn: (f) => localArn('cloudwatch', `alarm:${f.name}`) },
  },
};

/** The service part of a resource type's ARN (`AWS::Pipes::Pipe` → `pipes`), for types not listed above. */
export function serviceOfType(type: string): string {
  return (type.split('::')[1] ?? 'unknown').toLowerCase();
}
