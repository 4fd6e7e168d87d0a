/**
 * The counting proxy in front of a real DynamoDB emulator (dynalite, the local cloud's), called
 * with the real AWS SDK: what it writes down is what DynamoDB would bill.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { eventEntryBytes, operationOf, startCountingProxy, type CountingProxy, type Recording } from '../../src/sandbox/counting-proxy';

describe('the counting proxy', () => {
  let emulator: Server;
  let proxy: CountingProxy;
  let recording: Recording | undefined;
  let client: DynamoDBClient;

  beforeAll(async () => {
    emulator = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', () => resolve()));
    const upstream = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
    proxy = await startCountingProxy('dynamodb', upstream, () => recording);
    client = new DynamoDBClient({ region: 'us-east-1', endpoint: proxy.url, credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 3 });
    await client.send(new CreateTableCommand({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }));
  });

  afterAll(async () => {
    client.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => emulator.close(() => resolve()));
  });

  beforeEach(() => {
    recording = { requests: [] };
  });

  it('writes down the write units of a put and the read units of strong and eventual reads', async () => {
    await client.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'a' }, v: { S: 'x'.repeat(1500) } } }));
    await client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } }, ConsistentRead: true }));
    await client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } } }));

    expect(recording?.requests.map((r) => [r.operation, r.table, r.writeUnits ?? r.readUnits])).toEqual([
      ['PutItem', 'users', 2],
      ['GetItem', 'users', 1],
      ['GetItem', 'users', 0.5],
    ]);
  });

  it('counts a write whose condition failed, which DynamoDB bills too', async () => {
    await client.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'b' } } }));

    await expect(client.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow(/conditional/i);

    expect(recording?.requests[1]).toMatchObject({ operation: 'PutItem', status: 400, writeUnits: 1 });
  });

  it('answers the requests the predicate selects with a 503, which the SDK retries and then reports', async () => {
    recording = { requests: [], fail: (r) => r.table === 'users' };

    await expect(client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } } }))).rejects.toThrow();

    expect(recording.requests.map((r) => [r.operation, r.status, r.injected])).toEqual([
      ['GetItem', 503, true],
      ['GetItem', 503, true],
      ['GetItem', 503, true],
    ]);
  });

  it('passes requests through unrecorded when nothing is recording', async () => {
    recording = undefined;

    await expect(client.send(new GetItemCommand({ TableName: 'users', Key: { pk: { S: 'a' } } }))).resolves.toBeDefined();
  });
});

describe('request operations and sizes', () => {
  it.each([
    ['PUT', '/bucket/a/b.txt', 'PutObject', 1, {}],
    ['PUT', '/bucket/a/b.txt', 'CopyObject', 1, { 'x-amz-copy-source': '/bucket/x' }],
    ['GET', '/bucket?list-type=2&prefix=a%2F', 'ListObjectsV2', 1, {}],
    ['POST', '/bucket?delete', 'DeleteObjects', 1, {}],
    ['GET', '/bucket/a/b.txt', 'GetObject', 2, {}],
    ['HEAD', '/bucket/a/b.txt', 'HeadObject', 2, {}],
    ['DELETE', '/bucket/a/b.txt', 'DeleteObject', 0, {}],
  ])('S3 %s %s is %s, at price tier %s', (method, url, operation, tier, headers) => {
    expect(operationOf('s3', method, url, headers)).toEqual({ operation, s3Tier: tier });
  });

  it('reads the operation of a JSON protocol from X-Amz-Target, and SES v2 SendEmail from its path', () => {
    expect(operationOf('eventbridge', 'POST', '/', { 'x-amz-target': 'AWSEvents.PutEvents' }).operation).toBe('PutEvents');
    expect(operationOf('sesv2', 'POST', '/v2/email/outbound-emails', {}).operation).toBe('SendEmail');
  });

  it('sizes an EventBridge entry as the service meters it', () => {
    expect(eventEntryBytes({ Source: 'abc', DetailType: 'de', Detail: '{"a":1}', Resources: ['r1'], EventBusName: 'not counted' })).toBe(3 + 2 + 7 + 2);
  });
});
