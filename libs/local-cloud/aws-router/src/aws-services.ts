/**
 * The AWS services the router knows, with what identifies their requests on the wire: the SigV4
 * signing name, the protocol(s), the `X-Amz-Target` prefix of JSON services, the path of REST
 * services that share a signing name (SES v1 and v2 both sign as `ses`), and the Query namespace.
 * Facts from each service's API model (as the AWS SDKs and CLI ship them).
 */

/** AWS's wire protocols. */
export type AwsProtocol = 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restJson1' | 'restXml';

/** One REST operation: method, a path pattern (`{Name}` one segment, `{Key+}` the rest), and a required query key. */
export type RestOperation = readonly [method: string, path: string, operation: string, queryKey?: string];

/** How the router recognizes a service's requests. */
export interface AwsServiceDescription {
  /** The router's key for the service, e.g. `sqs`, `sesv2`, `dynamodbstreams`. */
  id: string;
  /** Its name in messages, e.g. `SQS`, `SES v2`. */
  name: string;
  /** The SigV4 signing name, e.g. `sqs`, `ses`, `states`, `monitoring`. */
  signingName: string;
  /** The protocols it answers; SQS answers JSON 1.0 and Query. */
  protocols: readonly AwsProtocol[];
  /** The `X-Amz-Target` prefix of its JSON requests. */
  targetPrefix?: string;
  /** The path its REST requests start with, where another service shares the signing name. */
  pathPrefix?: string;
  /** The XML namespace of its Query answers. */
  xmlNamespace?: string;
  /** Its REST operations, to name an operation the local cloud lacks. */
  restOperations?: readonly RestOperation[];
}

const LAMBDA: readonly RestOperation[] = [
  ['GET', '/2015-03-31/functions', 'ListFunctions'],
  ['GET', '/2015-03-31/functions/', 'ListFunctions'],
  ['POST', '/2015-03-31/functions', 'CreateFunction'],
  ['GET', '/2015-03-31/functions/{FunctionName}', 'GetFunction'],
  ['DELETE', '/2015-03-31/functions/{FunctionName}', 'DeleteFunction'],
  ['GET', '/2015-03-31/functions/{FunctionName}/configuration', 'GetFunctionConfiguration'],
  ['PUT', '/2015-03-31/functions/{FunctionName}/configuration', 'UpdateFunctionConfiguration'],
  ['PUT', '/2015-03-31/functions/{FunctionName}/code', 'UpdateFunctionCode'],
  ['POST', '/2015-03-31/functions/{FunctionName}/invocations', 'Invoke'],
  ['GET', '/2015-03-31/functions/{FunctionName}/policy', 'GetPolicy'],
  ['GET', '/2015-03-31/functions/{FunctionName}/versions', 'ListVersionsByFunction'],
  ['GET', '/2015-03-31/event-source-mappings', 'ListEventSourceMappings'],
  ['GET', '/2015-03-31/event-source-mappings/', 'ListEventSourceMappings'],
  ['GET', '/2016-08-19/account-settings', 'GetAccountSettings'],
  ['GET', '/2016-08-19/account-settings/', 'GetAccountSettings'],
  ['GET', '/2019-09-25/functions/{FunctionName}/event-invoke-config', 'GetFunctionEventInvokeConfig'],
];

const SESV2: readonly RestOperation[] = [
  ['GET', '/v2/email/account', 'GetAccount'],
  ['GET', '/v2/email/identities', 'ListEmailIdentities'],
  ['POST', '/v2/email/identities', 'CreateEmailIdentity'],
  ['GET', '/v2/email/identities/{EmailIdentity}', 'GetEmailIdentity'],
  ['DELETE', '/v2/email/identities/{EmailIdentity}', 'DeleteEmailIdentity'],
  ['POST', '/v2/email/outbound-emails', 'SendEmail'],
  ['GET', '/v2/email/templates', 'ListEmailTemplates'],
  ['GET', '/v2/email/templates/{TemplateName}', 'GetEmailTemplate'],
  ['GET', '/v2/email/configuration-sets', 'ListConfigurationSets'],
  ['GET', '/v2/email/suppression/addresses', 'ListSuppressedDestinations'],
];

const SCHEDULER: readonly RestOperation[] = [
  ['GET', '/schedules', 'ListSchedules'],
  ['POST', '/schedules/{Name}', 'CreateSchedule'],
  ['GET', '/schedules/{Name}', 'GetSchedule'],
  ['PUT', '/schedules/{Name}', 'UpdateSchedule'],
  ['DELETE', '/schedules/{Name}', 'DeleteSchedule'],
  ['GET', '/schedule-groups', 'ListScheduleGroups'],
  ['POST', '/schedule-groups/{Name}', 'CreateScheduleGroup'],
  ['GET', '/schedule-groups/{Name}', 'GetScheduleGroup'],
  ['DELETE', '/schedule-groups/{Name}', 'DeleteScheduleGroup'],
  ['GET', '/tags/{ResourceArn+}', 'ListTagsForResource'],
];

const S3: readonly RestOperation[] = [
  ['GET', '/', 'ListBuckets'],
  ['GET', '/{Bucket}', 'ListObjectsV2', 'list-type'],
  ['GET', '/{Bucket}', 'GetBucketLocation', 'location'],
  ['GET', '/{Bucket}', 'ListObjects'],
  ['PUT', '/{Bucket}', 'CreateBucket'],
  ['HEAD', '/{Bucket}', 'HeadBucket'],
  ['DELETE', '/{Bucket}', 'DeleteBucket'],
  ['POST', '/{Bucket}', 'DeleteObjects', 'delete'],
  ['GET', '/{Bucket}/{Key+}', 'GetObject'],
  ['PUT', '/{Bucket}/{Key+}', 'PutObject'],
  ['HEAD', '/{Bucket}/{Key+}', 'HeadObject'],
  ['DELETE', '/{Bucket}/{Key+}', 'DeleteObject'],
];

/** The services the router recognizes. A service is routed only when the caller wires a handler for it. */
export const AWS_SERVICES: readonly AwsServiceDescription[] = [
  { id: 'dynamodb', name: 'DynamoDB', signingName: 'dynamodb', protocols: ['awsJson1_0'], targetPrefix: 'DynamoDB_20120810' },
  { id: 'dynamodbstreams', name: 'DynamoDB Streams', signingName: 'dynamodb', protocols: ['awsJson1_0'], targetPrefix: 'DynamoDBStreams_20120810' },
  { id: 's3', name: 'S3', signingName: 's3', protocols: ['restXml'], restOperations: S3 },
  { id: 'ses', name: 'SES', signingName: 'ses', protocols: ['awsQuery'], xmlNamespace: 'http://ses.amazonaws.com/doc/2010-12-01/' },
  { id: 'sesv2', name: 'SES v2', signingName: 'ses', protocols: ['restJson1'], pathPrefix: '/v2/', restOperations: SESV2 },
  { id: 'events', name: 'EventBridge', signingName: 'events', protocols: ['awsJson1_1'], targetPrefix: 'AWSEvents' },
  { id: 'stepfunctions', name: 'Step Functions', signingName: 'states', protocols: ['awsJson1_0'], targetPrefix: 'AWSStepFunctions' },
  { id: 'ssm', name: 'SSM', signingName: 'ssm', protocols: ['awsJson1_1'], targetPrefix: 'AmazonSSM' },
  { id: 'secretsmanager', name: 'Secrets Manager', signingName: 'secretsmanager', protocols: ['awsJson1_1'], targetPrefix: 'secretsmanager' },
  { id: 'sqs', name: 'SQS', signingName: 'sqs', protocols: ['awsJson1_0', 'awsQuery'], targetPrefix: 'AmazonSQS', xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  { id: 'logs', name: 'CloudWatch Logs', signingName: 'logs', protocols: ['awsJson1_1'], targetPrefix: 'Logs_20140328' },
  { id: 'lambda', name: 'Lambda', signingName: 'lambda', protocols: ['restJson1'], restOperations: LAMBDA },
  { id: 'scheduler', name: 'EventBridge Scheduler', signingName: 'scheduler', protocols: ['restJson1'], restOperations: SCHEDULER },
  { id: 'sts', name: 'STS', signingName: 'sts', protocols: ['awsQuery'], xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  { id: 'iam', name: 'IAM', signingName: 'iam', protocols: ['awsQuery'], xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  { id: 'sns', name: 'SNS', signingName: 'sns', protocols: ['awsQuery'], xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/' },
  { id: 'cloudformation', name: 'CloudFormation', signingName: 'cloudformation', protocols: ['awsQuery'], xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/' },
  { id: 'cloudwatch', name: 'CloudWatch', signingName: 'monitoring', protocols: ['awsQuery', 'awsJson1_0'], targetPrefix: 'GraniteServiceVersion20100801', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/' },
  { id: 'kinesis', name: 'Kinesis', signingName: 'kinesis', protocols: ['awsJson1_1'], targetPrefix: 'Kinesis_20131202' },
  { id: 'kms', name: 'KMS', signingName: 'kms', protocols: ['awsJson1_1'], targetPrefix: 'TrentService' },
  { id: 'xray', name: 'X-Ray', signingName: 'xray', protocols: ['restJson1'] },
  { id: 'apigateway', name: 'API Gateway', signingName: 'apigateway', protocols: ['restJson1'] },
];
