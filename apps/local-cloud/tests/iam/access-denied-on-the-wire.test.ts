/**
 * Local IAM as a function's AWS SDK meets it: real SDK clients signing with a function's access
 * key id call the real emulators through the authorizing proxies (DynamoDB, S3, SES v2) and the
 * gates of the local cloud's own servers (SSM, Secrets Manager, EventBridge, Lambda). What the
 * role allows goes through; what it does not is refused with the exception AWS raises, by name
 * and status; callers that are not functions are not checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startDynamoDb, type DynamoDbEmulator } from '../../src/emulators/dynamodb';
import { closeServer, listen } from '../../src/emulators/listen';
import { startS3, type S3Emulator } from '../../src/emulators/s3';
import { createSecretsManager } from '../../src/emulators/secrets-manager';
import { startSes, type SesEmulator } from '../../src/emulators/ses';
import { createSsm } from '../../src/emulators/ssm';
import { createLocalIam, type LocalIam } from '../../src/iam';
import { FUNCTION_SECRET_ACCESS_KEY } from '../../src/lambda/function-environment';
import type { CloudModel, FunctionModel, InvokeResult, StateMachineModel, TableModel } from '../../src/model';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const region = 'us-east-1';
const origin = { app: 'wire', stackName: 'Wire', logicalId: 'X' };
const ROLE = 'arn:aws:iam::000000000000:role/Wire-CallerRole';
const BUCKET = 'wire-bucket';
const SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:wire/allowed-AbCdEf';
const SESSION = 'arn:aws:sts::000000000000:assumed-role/Wire-CallerRole/Wire-Caller';

const table: TableModel = {
  ...origin,
  tableName: 'Wire-Table',
  arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Wire-Table',
  keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
};

const caller = { ...origin, logicalId: 'CallerFn0123', functionName: 'Wire-Caller', arn: 'arn:aws:lambda:us-east-1:000000000000:function:Wire-Caller', roleArn: ROLE } as FunctionModel;

const model = {
  functions: [caller],
  tables: [table],
  buckets: [{ ...origin, bucketName: BUCKET, arn: `arn:aws:s3:::${BUCKET}` }],
  secrets: [
    { ...origin, name: 'wire/allowed', arn: SECRET, initialValue: 'allowed-value' },
    { ...origin, name: 'wire/other', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:wire/other-GhIjKl', initialValue: 'other-value' },
  ],
  ssmParameters: [
    { ...origin, name: '/wire/allowed', value: 'a', type: 'String' },
    { ...origin, name: '/wire/other', value: 'o', type: 'String' },
  ],
  queues: [],
  buses: [],
  rules: [],
  stateMachines: [],
  httpRoutes: [],
  roles: {
    [ROLE]: {
      ...origin,
      statements: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table.arn] },
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:GetObject'], Resource: [`arn:aws:s3:::${BUCKET}/allowed/*`] },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`], Condition: { StringLike: { 's3:prefix': ['allowed/*'] } } },
        { Effect: 'Allow', Action: ['ses:SendEmail'], Resource: ['arn:aws:ses:us-east-1:000000000000:identity/example.com'], Condition: { StringEquals: { 'ses:FromAddress': 'welcome@example.com' } } },
        { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: ['arn:aws:ssm:us-east-1:000000000000:parameter/wire/allowed'] },
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:us-east-1:000000000000:secret:wire/allowed-??????'] },
        { Effect: 'Allow', Action: ['events:PutEvents'], Resource: ['arn:aws:events:us-east-1:000000000000:event-bus/allowed'] },
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:us-east-1:000000000000:function:Wire-Allowed'] },
      ],
    },
  },
} as unknown as CloudModel;

const functionCredentials = { accessKeyId: caller.logicalId, secretAccessKey: FUNCTION_SECRET_ACCESS_KEY };
const adminCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to be refused, and it went through');
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return { url: await listen(server, 0, 'test'), server };
}

describe('local IAM on the wire', () => {
  let iam: LocalIam;
  let dynamodb: DynamoDbEmulator;
  let s3: S3Emulator;
  let ses: SesEmulator;
  const closers: (() => Promise<void>)[] = [];
  const urls: Record<string, string> = {};
  const stubbed: string[] = [];

  beforeAll(async () => {
    iam = createLocalIam({ model });
    [dynamodb, s3, ses] = await Promise.all([
      startDynamoDb({ port: 0, tables: [table] }),
      startS3({ port: 0, buckets: model.buckets, accessKeys: { [caller.logicalId]: FUNCTION_SECRET_ACCESS_KEY } }),
      startSes({ port: 0 }),
    ]);
    closers.push(() => dynamodb.close(), () => s3.close(), () => ses.close());
    for (const [name, emulator] of [['dynamodb', dynamodb], ['s3', s3], ['sesv2', ses]] as const) {
      const proxy = await iam.startProxy(name, 0, emulator);
      closers.push(() => proxy.close());
      urls[name] = proxy.url;
    }
    const ssm = createSsm({ parameters: model.ssmParameters });
    const secrets = createSecretsManager({ secrets: model.secrets });
    // Stand-ins for the bus and the Lambda endpoint: what is tested here is the gate in front of them.
    const stub = (name: string) => (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        stubbed.push(name);
        const body = name === 'eventbridge' ? '{"FailedEntryCount":0,"Entries":[{"EventId":"e"}]}' : '{}';
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    };
    for (const [name, handler] of [
      ['ssm', iam.gate('ssm', ssm.handle)],
      ['secretsmanager', iam.gate('secretsmanager', secrets.handle)],
      ['eventbridge', iam.gate('eventbridge', stub('eventbridge'))],
      ['lambda', iam.gate('lambda', stub('lambda'))],
    ] as const) {
      const { url, server } = await serve(handler);
      closers.push(() => closeServer(server));
      urls[name] = url;
    }
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  describe('DynamoDB (behind the proxy)', () => {
    it('lets the function do what its role allows and refuses the rest with AccessDeniedException (HTTP 400)', async () => {
      const client = new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: functionCredentials });

      const read = await client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: 'x' } } }));
      const refused = await rejection(client.send(new PutItemCommand({ TableName: table.tableName, Item: { id: { S: 'x' } } })));

      expect(read.$metadata.httpStatusCode).toBe(200);
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.$metadata.httpStatusCode).toBe(400);
      expect(refused.message).toBe(`User: ${SESSION} is not authorized to perform: dynamodb:PutItem on resource: ${table.arn} because no identity-based policy allows the dynamodb:PutItem action`);
    });

    it('refuses before the emulator sees the request: nothing is written', async () => {
      const fn = new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: functionCredentials });
      const admin = new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: adminCredentials });

      await rejection(fn.send(new PutItemCommand({ TableName: table.tableName, Item: { id: { S: 'never' } } })));
      const item = await admin.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: 'never' } } }));

      expect(item.Item).toBeUndefined();
    });

    it('does not check callers that are not functions', async () => {
      const admin = new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: adminCredentials });

      const written = await admin.send(new PutItemCommand({ TableName: table.tableName, Item: { id: { S: 'admin' } } }));

      expect(written.$metadata.httpStatusCode).toBe(200);
    });
  });

  describe('S3 (behind the proxy)', () => {
    const client = () => new S3Client({ endpoint: urls.s3, region, forcePathStyle: true, credentials: functionCredentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const admin = () => new S3Client({ endpoint: urls.s3, region, forcePathStyle: true, credentials: adminCredentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });

    it('refuses an object outside the granted prefix with AccessDenied (HTTP 403, XML)', async () => {
      await client().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'allowed/a.txt', Body: 'a' }));
      const refused = await rejection(client().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/b.txt', Body: 'b' })));
      const head = await rejection(client().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'other/b.txt' })));

      expect(refused.name).toBe('AccessDenied');
      expect(refused.$metadata.httpStatusCode).toBe(403);
      expect(refused.message).toBe(`User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/other/b.txt" because no identity-based policy allows the s3:PutObject action`);
      expect(head.$metadata.httpStatusCode).toBe(403);
    });

    it('applies the s3:prefix condition of ListBucket, and refuses a listing without a prefix', async () => {
      const allowed = await client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'allowed/' }));
      const elsewhere = await rejection(client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'other/' })));
      const everything = await rejection(client().send(new ListObjectsV2Command({ Bucket: BUCKET })));

      expect(allowed.Contents?.map((o) => o.Key)).toContain('allowed/a.txt');
      expect(elsewhere.name).toBe('AccessDenied');
      expect(everything.name).toBe('AccessDenied');
    });

    it('deletes the allowed keys of a multi-object delete and reports the others as AccessDenied, as S3 does', async () => {
      await admin().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'allowed/gone.txt', Body: 'x' }));
      await admin().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/kept.txt', Body: 'y' }));

      const result = await client().send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'allowed/gone.txt' }, { Key: 'other/kept.txt' }] } }));

      expect(result.Errors).toEqual([expect.objectContaining({ Key: 'other/kept.txt', Code: 'AccessDenied' })]);
      expect(result.Deleted?.map((d) => d.Key)).toEqual(['allowed/gone.txt']);
      const left = await admin().send(new ListObjectsV2Command({ Bucket: BUCKET }));
      expect(left.Contents?.map((o) => o.Key)).toEqual(expect.arrayContaining(['other/kept.txt']));
      expect(left.Contents?.map((o) => o.Key)).not.toContain('allowed/gone.txt');
    });

    it('answers a multi-object delete whose every key is refused without touching the bucket', async () => {
      const result = await client().send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'other/kept.txt' }] } }));

      expect(result.Errors?.map((e) => [e.Key, e.Code])).toEqual([['other/kept.txt', 'AccessDenied']]);
      const left = await admin().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'other/' }));
      expect(left.Contents?.map((o) => o.Key)).toEqual(['other/kept.txt']);
    });

    it('refuses a request whose IAM action it cannot tell, rather than guess (fail closed)', async () => {
      const response = await fetch(`${urls.s3}/${BUCKET}/allowed/a.txt?made-up-subresource`, {
        headers: { authorization: `AWS4-HMAC-SHA256 Credential=${caller.logicalId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });

      expect(response.status).toBe(403);
      expect(await response.text()).toContain('refuses it (fail closed');
    });
  });

  describe('SES v2 (behind the proxy)', () => {
    const client = () => new SESv2Client({ endpoint: urls.sesv2, region, credentials: functionCredentials });
    const email = (from: string) =>
      new SendEmailCommand({ FromEmailAddress: from, Destination: { ToAddresses: ['ada@example.org'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } });

    it('sends from the address the ses:FromAddress condition allows, under the domain identity', async () => {
      const sent = await client().send(email('welcome@example.com'));

      expect(sent.MessageId).toBeTruthy();
    });

    it('refuses another From address with AccessDeniedException (HTTP 403), and nothing is sent', async () => {
      const before = ((await (await fetch(`${ses.url}/store`)).json()) as { emails: unknown[] }).emails.length;

      const refused = await rejection(client().send(email('ceo@example.com')));

      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.$metadata.httpStatusCode).toBe(403);
      expect(refused.message).toContain("is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:us-east-1:000000000000:identity/ceo@example.com'");
      expect(((await (await fetch(`${ses.url}/store`)).json()) as { emails: unknown[] }).emails).toHaveLength(before);
    });
  });

  describe("the local cloud's own servers (behind the gate)", () => {
    it('SSM: reads the granted parameter, refuses another with AccessDeniedException', async () => {
      const client = new SSMClient({ endpoint: urls.ssm, region, credentials: functionCredentials });

      const allowed = await client.send(new GetParameterCommand({ Name: '/wire/allowed' }));
      const refused = await rejection(client.send(new GetParameterCommand({ Name: '/wire/other' })));

      expect(allowed.Parameter?.Value).toBe('a');
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.message).toContain('ssm:GetParameter on resource: arn:aws:ssm:us-east-1:000000000000:parameter/wire/other');
    });

    it('Secrets Manager: matches the -?????? suffix of a grant by name, and refuses another secret without revealing it', async () => {
      const client = new SecretsManagerClient({ endpoint: urls.secretsmanager, region, credentials: functionCredentials });

      const allowed = await client.send(new GetSecretValueCommand({ SecretId: 'wire/allowed' }));
      const refused = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'wire/other' })));

      expect(allowed.SecretString).toBe('allowed-value');
      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.message).not.toContain('other-value');
    });

    it('EventBridge: refuses PutEvents on a bus the role does not name, before the bus sees it', async () => {
      const client = new EventBridgeClient({ endpoint: urls.eventbridge, region, credentials: functionCredentials });
      const seen = stubbed.length;

      const refused = await rejection(client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'onboarding', Source: 's', DetailType: 'd', Detail: '{}' }] })));
      await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'allowed', Source: 's', DetailType: 'd', Detail: '{}' }] }));

      expect(refused.name).toBe('AccessDeniedException');
      expect(stubbed.slice(seen)).toEqual(['eventbridge']);
    });

    it('Lambda: refuses invoking a function the role does not name with AccessDeniedException (HTTP 403)', async () => {
      const client = new LambdaClient({ endpoint: urls.lambda, region, credentials: functionCredentials });

      await client.send(new InvokeCommand({ FunctionName: 'Wire-Allowed', Payload: Buffer.from('{}') }));
      const refused = await rejection(client.send(new InvokeCommand({ FunctionName: 'Wire-Other', Payload: Buffer.from('{}') })));

      expect(refused.name).toBe('AccessDeniedException');
      expect(refused.$metadata.httpStatusCode).toBe(403);
    });
  });

  it('keeps a record of every refused call, naming the function, the action and the resource', () => {
    const denials = iam.denials();

    expect(denials).toEqual(expect.arrayContaining([expect.objectContaining({ caller: 'Wire-Caller', roleArn: ROLE, action: 'dynamodb:PutItem', resource: table.arn, reason: 'implicit-deny' })]));
    expect(denials.every((d) => d.caller === 'Wire-Caller')).toBe(true);
  });
});

describe("a state machine's task calls", () => {
  const MACHINE_ROLE = 'arn:aws:iam::000000000000:role/Wire-MachineRole';
  const machine = { ...origin, name: 'Wire-Flow', arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Wire-Flow', roleArn: MACHINE_ROLE } as StateMachineModel;
  const machineModel = {
    ...model,
    roles: {
      [MACHINE_ROLE]: {
        ...origin,
        statements: [
          { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:us-east-1:000000000000:function:Wire-Step', 'arn:aws:lambda:us-east-1:000000000000:function:Wire-Step:*'] },
          { Effect: 'Allow', Action: ['events:PutEvents'], Resource: ['arn:aws:events:us-east-1:000000000000:event-bus/onboarding'] },
        ],
      },
    },
  } as unknown as CloudModel;
  const ok: InvokeResult = { StatusCode: 200, Payload: { ok: true }, durationMs: 1, coldStart: false };

  it('invokes the functions its role names and fails the others with Lambda.AWSLambdaException’s exception', async () => {
    const invoked: string[] = [];
    const calls = createLocalIam({ model: machineModel }).taskCalls(machine, {
      invokeFunction: async (name) => (invoked.push(name), ok),
      putEvents: async () => ({ FailedEntryCount: 0, Entries: [] }),
    });

    await expect(calls.invokeFunction('arn:aws:lambda:us-east-1:000000000000:function:Wire-Step', {})).resolves.toBe(ok);
    const refused = await rejection(calls.invokeFunction('arn:aws:lambda:us-east-1:000000000000:function:Wire-Other', {}));

    expect(invoked).toEqual(['arn:aws:lambda:us-east-1:000000000000:function:Wire-Step']);
    expect(refused.name).toBe('AWSLambdaException');
    expect(refused.message).toContain('is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:Wire-Other');
    expect(refused.message).toContain('Error Code: AccessDeniedException');
  });

  it('puts events on the bus its role names and refuses another bus', async () => {
    const put: unknown[] = [];
    const calls = createLocalIam({ model: machineModel }).taskCalls(machine, {
      invokeFunction: async () => ok,
      putEvents: async (entries) => (put.push(...entries), { FailedEntryCount: 0, Entries: [{ EventId: '1' }] }),
    });

    await calls.putEvents([{ EventBusName: 'onboarding', Source: 's', DetailType: 'd', Detail: '{}' }]);
    const refused = await rejection(calls.putEvents([{ EventBusName: 'default', Source: 's', DetailType: 'd', Detail: '{}' }]));

    expect(put).toHaveLength(1);
    expect(refused.name).toBe('AmazonEventBridgeException');
  });
});
