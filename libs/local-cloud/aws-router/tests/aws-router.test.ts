/**
 * The router, table-driven over real requests: what the AWS SDK v3 clients and Debian's AWS CLI
 * v2 send for each service reaches that service, and an operation the local cloud lacks answers
 * `UnknownOperationException` naming it and its service, in a shape each client parses.
 */
import { serveOnLoopback } from '@onboarding/local-aws-core';
import { awsCliAvailable, runAwsCli } from '@onboarding/local-aws-core/testing';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { request } from 'node:http';
import { createAwsRouter, type AwsRequestIdentity, type AwsServiceHandler } from '../src';

jest.setTimeout(120_000);

const credentials = { accessKeyId: 'router-test', secretAccessKey: 'x' };

/** A router on loopback whose wired handlers and seen requests the test controls. */
async function routerWith(handlers: Record<string, AwsServiceHandler> = {}, unsignedService?: string) {
  const seen: AwsRequestIdentity[] = [];
  const bugs: unknown[] = [];
  const server = await serveOnLoopback(createAwsRouter({ handlers, unsignedService, onRoute: (identity) => seen.push(identity), onHandlerError: (e) => bugs.push(e) }));
  return { server, seen, bugs };
}

function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the AWS router with the AWS SDK v3', () => {
  let router: Awaited<ReturnType<typeof routerWith>>;

  beforeAll(async () => {
    router = await routerWith();
  });

  afterAll(() => router.server.close());

  const config = () => ({ endpoint: router.server.url, region: 'us-east-1', credentials });
  const cases: [string, () => Promise<unknown>, string, string, string][] = [
    ['DynamoDB ListTables (JSON 1.0)', () => new DynamoDBClient(config()).send(new ListTablesCommand({})), 'dynamodb', 'ListTables', 'DynamoDB'],
    ['S3 ListBuckets (REST-XML)', () => new S3Client({ ...config(), forcePathStyle: true }).send(new ListBucketsCommand({})), 's3', 'ListBuckets', 'S3'],
    ['S3 GetObject (REST-XML)', () => new S3Client({ ...config(), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: 'users', Key: 'tenants/acme/a.json' })), 's3', 'GetObject', 'S3'],
    ['SES v2 GetAccount (REST-JSON, signed as ses)', () => new SESv2Client(config()).send(new GetAccountCommand({})), 'sesv2', 'GetAccount', 'SES v2'],
    ['EventBridge ListRules (JSON 1.1)', () => new EventBridgeClient(config()).send(new ListRulesCommand({})), 'events', 'ListRules', 'EventBridge'],
    ['Step Functions ListStateMachines (JSON 1.0, signed as states)', () => new SFNClient(config()).send(new ListStateMachinesCommand({})), 'stepfunctions', 'ListStateMachines', 'Step Functions'],
    ['SSM GetParameter (JSON 1.1)', () => new SSMClient(config()).send(new GetParameterCommand({ Name: '/onboarding/x' })), 'ssm', 'GetParameter', 'SSM'],
    ['Secrets Manager GetSecretValue (JSON 1.1)', () => new SecretsManagerClient(config()).send(new GetSecretValueCommand({ SecretId: 'x' })), 'secretsmanager', 'GetSecretValue', 'Secrets Manager'],
    ['SQS ListQueues (JSON 1.0, query-compatible)', () => new SQSClient(config()).send(new ListQueuesCommand({})), 'sqs', 'ListQueues', 'SQS'],
    ['CloudWatch Logs DescribeLogGroups (JSON 1.1)', () => new CloudWatchLogsClient(config()).send(new DescribeLogGroupsCommand({})), 'logs', 'DescribeLogGroups', 'CloudWatch Logs'],
    ['Lambda ListFunctions (REST-JSON)', () => new LambdaClient(config()).send(new ListFunctionsCommand({})), 'lambda', 'ListFunctions', 'Lambda'],
    ['Lambda GetFunctionConfiguration (REST-JSON)', () => new LambdaClient(config()).send(new GetFunctionConfigurationCommand({ FunctionName: 'CreateUser' })), 'lambda', 'GetFunctionConfiguration', 'Lambda'],
    ['Lambda Invoke (REST-JSON)', () => new LambdaClient(config()).send(new InvokeCommand({ FunctionName: 'CreateUser', Payload: Buffer.from('{}') })), 'lambda', 'Invoke', 'Lambda'],
    ['Scheduler ListSchedules (REST-JSON)', () => new SchedulerClient(config()).send(new ListSchedulesCommand({})), 'scheduler', 'ListSchedules', 'EventBridge Scheduler'],
  ];

  it.each(cases)('routes %s and answers UnknownOperationException the SDK raises', async (_what, call, serviceId, operation, serviceName) => {
    router.seen.length = 0;

    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(router.seen).toEqual([expect.objectContaining({ service: expect.objectContaining({ id: serviceId }), operation })]);
    expect(error).toMatchObject({ name: 'UnknownOperationException', message: `The local cloud does not implement the ${operation} operation of ${serviceName}` });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });
});

describe('the AWS router in front of wired engines', () => {
  it('passes requests through unchanged: SQS works through the single endpoint, queue URLs included', async () => {
    const { SqsEngine, createSqsHandler } = await import('@onboarding/local-sqs');
    const router = await routerWith({ sqs: createSqsHandler(new SqsEngine()) });
    const sqs = new SQSClient({ endpoint: router.server.url, region: 'us-east-1', credentials });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'through-the-router' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));

      expect(QueueUrl?.startsWith(router.server.url)).toBe(true);
      expect(received.Messages?.[0]?.Body).toBe('hello');
    } finally {
      sqs.destroy();
      await router.server.close();
    }
  });

  it('answers a handler that throws with a 500 InternalFailure in its protocol, never a hang', async () => {
    const router = await routerWith({
      logs: () => {
        throw new Error('boom');
      },
    });
    try {
      const error = await new CloudWatchLogsClient({ endpoint: router.server.url, region: 'us-east-1', credentials, maxAttempts: 1 }).send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);

      expect(error).toMatchObject({ name: 'InternalFailure', message: 'The local CloudWatch Logs failed: boom', $metadata: { httpStatusCode: 500 } });
      expect(router.bugs).toHaveLength(1);
    } finally {
      await router.server.close();
    }
  });

  it('refuses an unsigned request, or sends it to the unsigned service when one is set', async () => {
    const s3Requests: string[] = [];
    const strict = await routerWith();
    const lenient = await routerWith(
      {
        s3: (req, res) => {
          s3Requests.push(String(req.url));
          res.end('object');
        },
      },
      's3',
    );
    try {
      const refused = await raw(`${strict.server.url}/users/a.json`);
      const served = await raw(`${lenient.server.url}/users/a.json`);

      expect(refused.status).toBe(403);
      expect(refused.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
      expect(served.body).toBe('object');
      expect(s3Requests).toEqual(['/users/a.json']);
    } finally {
      await strict.server.close();
      await lenient.server.close();
    }
  });

  it('names a service it does not know by its signing name', async () => {
    const router = await routerWith();
    try {
      const answer = await raw(router.server.url, {
        method: 'POST',
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/quantum/aws4_request, SignedHeaders=host, Signature=0', 'x-amz-target': 'Quantum_2030.Entangle', 'content-type': 'application/x-amz-json-1.1' },
        body: '{}',
      });

      expect(JSON.parse(answer.body)).toEqual({ __type: 'UnknownOperationException', message: 'The local cloud does not implement the Entangle operation of the service signed as "quantum"' });
    } finally {
      await router.server.close();
    }
  });
});

(awsCliAvailable() ? describe : describe.skip)("the AWS router with Debian's AWS CLI v2", () => {
  let router: Awaited<ReturnType<typeof routerWith>>;

  beforeAll(async () => {
    router = await routerWith();
  });

  afterAll(() => router.server.close());

  it.each([
    ['sqs (Query)', ['sqs', 'list-queues'], 'sqs', 'ListQueues', 'SQS'],
    ['ses v1 (Query, signed as ses)', ['ses', 'get-send-quota'], 'ses', 'GetSendQuota', 'SES'],
    ['sesv2 (REST-JSON, signed as ses)', ['sesv2', 'get-account'], 'sesv2', 'GetAccount', 'SES v2'],
    ['dynamodb (JSON 1.0)', ['dynamodb', 'list-tables'], 'dynamodb', 'ListTables', 'DynamoDB'],
    ['dynamodbstreams (JSON 1.0, signed as dynamodb)', ['dynamodbstreams', 'list-streams'], 'dynamodbstreams', 'ListStreams', 'DynamoDB Streams'],
    ['lambda (REST-JSON)', ['lambda', 'list-functions'], 'lambda', 'ListFunctions', 'Lambda'],
    ['lambda get-function (REST-JSON)', ['lambda', 'get-function', '--function-name', 'CreateUser'], 'lambda', 'GetFunction', 'Lambda'],
    ['logs (JSON 1.1)', ['logs', 'describe-log-groups'], 'logs', 'DescribeLogGroups', 'CloudWatch Logs'],
    ['events (JSON 1.1)', ['events', 'list-archives'], 'events', 'ListArchives', 'EventBridge'],
    ['stepfunctions (JSON 1.0)', ['stepfunctions', 'describe-state-machine-for-execution', '--execution-arn', 'arn:aws:states:us-east-1:000000000000:execution:m:e'], 'stepfunctions', 'DescribeStateMachineForExecution', 'Step Functions'],
    ['scheduler (REST-JSON)', ['scheduler', 'list-schedule-groups'], 'scheduler', 'ListScheduleGroups', 'EventBridge Scheduler'],
    ['sts (Query)', ['sts', 'get-caller-identity'], 'sts', 'GetCallerIdentity', 'STS'],
    ['s3api (REST-XML)', ['s3api', 'list-buckets'], 's3', 'ListBuckets', 'S3'],
    ['kinesis (JSON 1.1)', ['kinesis', 'list-streams'], 'kinesis', 'ListStreams', 'Kinesis'],
  ])('routes %s and the CLI prints UnknownOperationException', async (_what, args, serviceId, operation, serviceName) => {
    router.seen.length = 0;

    const result = await runAwsCli(args, { endpoint: router.server.url });

    expect(router.seen.map((s) => s.service?.id)).toEqual([serviceId]);
    expect(result.exitCode).toBe(254);
    expect(result.stderr).toContain(`An error occurred (UnknownOperationException) when calling the ${operation} operation: The local cloud does not implement the ${operation} operation of ${serviceName}`);
  });

  it('routes a URL presigned by the CLI (X-Amz-Credential) to S3', async () => {
    const s3Requests: string[] = [];
    const withS3 = await routerWith({
      s3: (req, res) => {
        s3Requests.push(String(req.url));
        res.end('presigned object');
      },
    });
    try {
      const presigned = await runAwsCli(['s3', 'presign', 's3://users/tenants/acme/profile.json'], { endpoint: withS3.server.url });
      const url = presigned.stdout.trim();

      const answer = await raw(url);

      expect(url).toContain('X-Amz-Credential=');
      expect(answer.body).toBe('presigned object');
      expect(s3Requests.at(-1)).toMatch(/^\/users\/tenants\/acme\/profile\.json\?/);
    } finally {
      await withS3.server.close();
    }
  });
});
