import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startDynamoDb, type DynamoDbEmulator } from '../../src/emulators/dynamodb';
import { closeServer, listen } from '../../src/emulators/listen';
import { startS3, type S3Emulator } from '../../src/emulators/s3';
import { createSecretsManager } from '../../src/emulators/secrets-manager';
import { startSes, type SesEmulator } from '../../src/emulators/ses';
import { createSsm } from '../../src/emulators/ssm';
import { createWebhookSink } from '../../src/emulators/webhook-sink';
import type { SecretModel, SsmParameterModel, TableModel } from '../../src/model';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const region = 'us-east-1';
const credentials = { accessKeyId: 'OrdersFunction1234', secretAccessKey: 'local-cloud-function-secret' };
const origin = { app: 'fixture', stackName: 'FixtureStack', logicalId: 'X' };

const ordersTable: TableModel = {
  ...origin,
  tableName: 'FixtureStack-Orders',
  arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/FixtureStack-Orders',
  keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  attributeDefinitions: [
    { AttributeName: 'id', AttributeType: 'S' },
    { AttributeName: 'status', AttributeType: 'S' },
  ],
  globalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }],
  timeToLiveAttribute: 'expiresAt',
};

/** A node http server for a handler, on a free port. */
async function serve(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return { url: await listen(server, 0, 'test'), server };
}

describe('DynamoDB emulator (dynalite)', () => {
  let dynamo: DynamoDbEmulator;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoDb({ port: 0, tables: [ordersTable] });
    client = new DynamoDBClient({ endpoint: dynamo.url, region, credentials });
  });
  afterAll(() => dynamo.close());

  it('creates the model’s tables with their indexes, usable with the real AWS SDK', async () => {
    await client.send(new PutItemCommand({ TableName: ordersTable.tableName, Item: { id: { S: 'o-1' }, status: { S: 'OPEN' } } }));

    const item = await client.send(new GetItemCommand({ TableName: ordersTable.tableName, Key: { id: { S: 'o-1' } } }));
    const open = await client.send(new QueryCommand({ TableName: ordersTable.tableName, IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'OPEN' } } }));

    expect(item.Item).toEqual({ id: { S: 'o-1' }, status: { S: 'OPEN' } });
    expect(open.Items?.map((i) => i.id?.S)).toEqual(['o-1']);
  });

  it('refuses a conditional write that fails with ConditionalCheckFailedException, leaving the item as it was', async () => {
    await client.send(new PutItemCommand({ TableName: ordersTable.tableName, Item: { id: { S: 'o-2' }, status: { S: 'OPEN' } } }));

    await expect(
      client.send(new PutItemCommand({ TableName: ordersTable.tableName, Item: { id: { S: 'o-2' }, status: { S: 'CLOSED' } }, ConditionExpression: 'attribute_not_exists(id)' })),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await client.send(new GetItemCommand({ TableName: ordersTable.tableName, Key: { id: { S: 'o-2' } } }))).Item?.status?.S).toBe('OPEN');
  });

  it('keeps the data on disk across restarts with a data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lc-dynamo-'));
    try {
      const first = await startDynamoDb({ port: 0, tables: [ordersTable], dataDir: dir });
      try {
        await new DynamoDBClient({ endpoint: first.url, region, credentials }).send(new PutItemCommand({ TableName: ordersTable.tableName, Item: { id: { S: 'kept' } } }));
      } finally {
        await first.close();
      }

      const second = await startDynamoDb({ port: 0, tables: [ordersTable], dataDir: dir });
      const item = await new DynamoDBClient({ endpoint: second.url, region, credentials }).send(new GetItemCommand({ TableName: ordersTable.tableName, Key: { id: { S: 'kept' } } }));
      await second.close();

      expect(item.Item).toEqual({ id: { S: 'kept' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says which port is taken when it cannot listen', async () => {
    const taken = await serve(() => undefined);
    try {
      const port = Number(new URL(taken.url).port);

      await expect(startDynamoDb({ port, tables: [] })).rejects.toThrow(`Port ${port} for the DynamoDB emulator is already in use`);
    } finally {
      await closeServer(taken.server);
    }
  });
});

describe('S3 emulator (s3rver)', () => {
  let s3: S3Emulator;

  beforeAll(async () => {
    s3 = await startS3({ port: 0, buckets: [{ ...origin, bucketName: 'fixturestack-receipts', arn: 'arn:aws:s3:::fixturestack-receipts' }], accessKeys: { [credentials.accessKeyId]: credentials.secretAccessKey } });
  });
  afterAll(() => s3.close());

  it('creates the model’s buckets and serves a function’s own key as well as S3RVER, path style', async () => {
    const asFunction = new S3Client({ endpoint: s3.url, region, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const asDeveloper = new S3Client({ endpoint: s3.url, region, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });

    await asFunction.send(new PutObjectCommand({ Bucket: 'fixturestack-receipts', Key: 'tenants/t1/users/u1/.keep', Body: 'hello' }));
    const object = await asDeveloper.send(new GetObjectCommand({ Bucket: 'fixturestack-receipts', Key: 'tenants/t1/users/u1/.keep' }));

    expect(await object.Body?.transformToString()).toBe('hello');
  });

  it('refuses a caller whose key it does not know with InvalidAccessKeyId', async () => {
    const stranger = new S3Client({ endpoint: s3.url, region, credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' }, forcePathStyle: true });

    await expect(stranger.send(new GetObjectCommand({ Bucket: 'fixturestack-receipts', Key: 'tenants/t1/users/u1/.keep' }))).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
  });
});

describe('SES v2 emulator (aws-ses-v2-local)', () => {
  let ses: SesEmulator;
  beforeAll(async () => {
    ses = await startSes({ port: 0 });
  });
  afterAll(() => ses.close());

  it('accepts SendEmail from the real SDK and lists the mail at /store', async () => {
    const client = new SESv2Client({ endpoint: ses.url, region, credentials });

    const sent = await client.send(
      new SendEmailCommand({ FromEmailAddress: 'welcome@example.com', Destination: { ToAddresses: ['ada@example.com'] }, Content: { Simple: { Subject: { Data: 'Welcome' }, Body: { Text: { Data: 'Hi Ada' } } } } }),
    );
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: { messageId: string; subject: string; destination: { to: string[] } }[] };

    expect(store.emails).toContainEqual(expect.objectContaining({ messageId: sent.MessageId, subject: 'Welcome', destination: expect.objectContaining({ to: ['ada@example.com'] }) }));
  });
});

describe('SSM Parameter Store and Secrets Manager', () => {
  const parameters: SsmParameterModel[] = [{ ...origin, name: '/fixture/functions/Fulfil/arn', value: 'arn:aws:lambda:us-east-1:000000000000:function:Fulfil', type: 'String' }];
  const secrets: SecretModel[] = [
    { ...origin, name: 'fixture/webhook', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:fixture/webhook-AbCdEf' },
    { ...origin, name: 'fixture/db', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:fixture/db-123456', generateSecretString: { SecretStringTemplate: '{"user":"app"}', GenerateStringKey: 'password' } },
  ];
  let servers: Server[] = [];
  let ssmClient: SSMClient;
  let secretsClient: SecretsManagerClient;

  beforeAll(async () => {
    const ssm = createSsm({ parameters });
    const sm = createSecretsManager({ secrets, presets: { 'fixture/webhook': 'http://127.0.0.1:9/webhook' } });
    const [a, b] = await Promise.all([serve(ssm.handle), serve(sm.handle)]);
    servers = [a.server, b.server];
    ssmClient = new SSMClient({ endpoint: a.url, region, credentials });
    secretsClient = new SecretsManagerClient({ endpoint: b.url, region, credentials });
  });
  afterAll(() => Promise.all(servers.map((s) => closeServer(s))));

  it('serves the model’s parameters by name and by ARN', async () => {
    const byName = await ssmClient.send(new GetParameterCommand({ Name: '/fixture/functions/Fulfil/arn' }));
    const many = await ssmClient.send(new GetParametersCommand({ Names: ['arn:aws:ssm:us-east-1:000000000000:parameter/fixture/functions/Fulfil/arn', '/nope'] }));

    expect(byName.Parameter).toMatchObject({ Name: '/fixture/functions/Fulfil/arn', Value: 'arn:aws:lambda:us-east-1:000000000000:function:Fulfil', Type: 'String', Version: 1 });
    expect(many.Parameters?.map((p) => p.Name)).toEqual(['/fixture/functions/Fulfil/arn']);
    expect(many.InvalidParameters).toEqual(['/nope']);
  });

  it('answers ParameterNotFound for an unknown parameter, as the SDK expects', async () => {
    await expect(ssmClient.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({ name: 'ParameterNotFound', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses to overwrite a parameter without Overwrite, and versions it with Overwrite', async () => {
    await expect(ssmClient.send(new PutParameterCommand({ Name: '/fixture/functions/Fulfil/arn', Value: 'x', Type: 'String' }))).rejects.toMatchObject({ name: 'ParameterAlreadyExists' });

    const put = await ssmClient.send(new PutParameterCommand({ Name: '/fixture/functions/Fulfil/arn', Value: 'y', Type: 'String', Overwrite: true }));

    expect(put.Version).toBe(2);
    expect((await ssmClient.send(new GetParameterCommand({ Name: '/fixture/functions/Fulfil/arn' }))).Parameter?.Value).toBe('y');
  });

  it('serves a preset secret by name, ARN and partial ARN', async () => {
    for (const id of ['fixture/webhook', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:fixture/webhook-AbCdEf', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:fixture/webhook']) {
      expect((await secretsClient.send(new GetSecretValueCommand({ SecretId: id }))).SecretString).toBe('http://127.0.0.1:9/webhook');
    }
  });

  it('generates a secret inside its template, and stores a new value with PutSecretValue', async () => {
    const generated = JSON.parse((await secretsClient.send(new GetSecretValueCommand({ SecretId: 'fixture/db' }))).SecretString ?? '{}') as { user: string; password: string };

    await secretsClient.send(new PutSecretValueCommand({ SecretId: 'fixture/db', SecretString: 'rotated' }));

    expect(generated.user).toBe('app');
    expect(generated.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await secretsClient.send(new GetSecretValueCommand({ SecretId: 'fixture/db' }))).SecretString).toBe('rotated');
  });

  it('answers ResourceNotFoundException for an unknown secret', async () => {
    await expect(secretsClient.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('keeps a stored secret across restarts with a data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lc-secrets-'));
    try {
      const first = createSecretsManager({ secrets, file: join(dir, 'secrets.json') });
      const a = await serve(first.handle);
      await new SecretsManagerClient({ endpoint: a.url, region, credentials }).send(new PutSecretValueCommand({ SecretId: 'fixture/webhook', SecretString: 'https://hooks.example.com/kept' }));
      await first.close();
      await closeServer(a.server);

      const second = createSecretsManager({ secrets, file: join(dir, 'secrets.json') });
      const kept = second.value('fixture/webhook');
      await second.close();

      expect(kept).toBe('https://hooks.example.com/kept');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('webhook sink', () => {
  it('records POSTed bodies, lists them at GET /messages and clears them with DELETE /messages', async () => {
    const sink = createWebhookSink();
    const { url, server } = await serve(sink.handle);
    try {
      const posted = await fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'New signup', signupId: 's-1' }) });
      await fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'plain text' });

      const messages = await (await fetch(`${url}/messages`)).json();
      const requests = (await (await fetch(`${url}/requests`)).json()) as { path: string }[];
      await fetch(`${url}/messages`, { method: 'DELETE' });
      const cleared = await (await fetch(`${url}/messages`)).json();

      expect(posted.status).toBe(200);
      expect(await posted.text()).toBe('ok');
      expect(messages).toEqual([{ text: 'New signup', signupId: 's-1' }, 'plain text']);
      expect(requests[0]?.path).toBe('/webhook');
      expect(cleared).toEqual([]);
    } finally {
      await closeServer(server);
    }
  });
});
