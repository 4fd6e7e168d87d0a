/**
 * The engine through the real AWS SDK v3, as a team's jest test would use it: tables from
 * CloudFormation properties, transactions (cancellation reasons in order, nothing written, tokens),
 * ReturnValuesOnConditionCheckFailure, TTL, and concurrent transactions on the same items.
 */
import {
  ConditionalCheckFailedException,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '../src';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** The users table and the idempotency table as the user-service template declares them. */
const usersTable = {
  tableName: 'sdk-users',
  properties: {
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    SSESpecification: { SSEEnabled: true },
  },
};
const idempotencyTable = {
  tableName: 'sdk-idempotency',
  properties: {
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
  },
};

let clockOffsetMs = 0;
let db: LocalDynamoDb;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  db = await startLocalDynamoDb({ tables: [usersTable, idempotencyTable], ttlSweepIntervalMs: 0, now: () => Date.now() + clockOffsetMs });
  client = new DynamoDBClient({ endpoint: db.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  documents = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client.destroy();
  await db.close();
});

const userKey = (id: string) => ({ pk: { S: 'TENANT#sdk' }, sk: { S: `USER#${id}` } });
const claimKey = (email: string) => ({ pk: { S: 'TENANT#sdk' }, sk: { S: `EMAIL#${email}` } });

describe('the local DynamoDB through the AWS SDK', () => {
  it('creates the tables of the CloudFormation resources, TTL included', async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'sdk-idempotency' }));

    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' });
    expect(db.notes).toEqual([]);
  });

  it('writes a user and its email claim in one transaction, and refuses a second user with the same email', async () => {
    const create = (userId: string, signupId: string) =>
      documents.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'sdk-users', Item: { pk: 'TENANT#sdk', sk: `USER#${userId}`, signupId, email: 'ada@example.com' }, ConditionExpression: 'attribute_not_exists(sk)' } },
            {
              Put: {
                TableName: 'sdk-users',
                Item: { pk: 'TENANT#sdk', sk: 'EMAIL#ada@example.com', userId, signupId },
                ConditionExpression: 'attribute_not_exists(sk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );

    await create('u1', 's1');
    const refused = await create('u2', 's2').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(TransactionCanceledException);
    const reasons = (refused as TransactionCanceledException).CancellationReasons ?? [];
    expect(reasons.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(reasons[1]?.Item?.['userId']).toEqual({ S: 'u1' });
    // Nothing of the refused transaction was written.
    expect((await client.send(new GetItemCommand({ TableName: 'sdk-users', Key: userKey('u2') }))).Item).toBeUndefined();
    expect((await documents.send(new GetCommand({ TableName: 'sdk-users', Key: { pk: 'TENANT#sdk', sk: 'EMAIL#ada@example.com' } }))).Item?.['userId']).toBe('u1');
  });

  it('cancels everything when a ConditionCheck fails, with the reasons in request order', async () => {
    const refused = await client
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'sdk-users', Item: { ...userKey('u3'), signupId: { S: 's3' } } } },
            { ConditionCheck: { TableName: 'sdk-users', Key: claimKey('nobody@example.com'), ConditionExpression: 'attribute_exists(sk)' } },
            { Update: { TableName: 'sdk-users', Key: userKey('u1'), UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'active' } } } },
          ],
        }),
      )
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(TransactionCanceledException);
    expect((refused as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect((await client.send(new GetItemCommand({ TableName: 'sdk-users', Key: userKey('u3') }))).Item).toBeUndefined();
    expect((await client.send(new GetItemCommand({ TableName: 'sdk-users', Key: userKey('u1') }))).Item?.['status']).toBeUndefined();
  });

  it('applies a transaction once when the same ClientRequestToken comes twice', async () => {
    const increment = () =>
      client.send(
        new TransactWriteItemsCommand({
          ClientRequestToken: 'sdk-token-1',
          TransactItems: [{ Update: { TableName: 'sdk-users', Key: userKey('counter'), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }],
        }),
      );

    await increment();
    await increment();

    expect((await client.send(new GetItemCommand({ TableName: 'sdk-users', Key: userKey('counter') }))).Item?.['n']).toEqual({ N: '1' });
  });

  it('answers the old item of a failed single-item write when asked (ReturnValuesOnConditionCheckFailure)', async () => {
    const refused = await client
      .send(new PutItemCommand({ TableName: 'sdk-users', Item: { ...userKey('u1'), signupId: { S: 'other' } }, ConditionExpression: 'attribute_not_exists(sk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }))
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
    expect((refused as ConditionalCheckFailedException).Item?.['signupId']).toEqual({ S: 's1' });
  });

  it('deletes an item whose TTL has passed, and keeps the others', async () => {
    const now = Math.floor(Date.now() / 1000);
    await documents.send(new PutCommand({ TableName: 'sdk-idempotency', Item: { id: 'expires-soon', expiration: now + 60 } }));
    await documents.send(new PutCommand({ TableName: 'sdk-idempotency', Item: { id: 'expires-later', expiration: now + 3600 } }));

    expect(db.deleteExpiredItems()).toBe(0);
    clockOffsetMs = 120_000;
    const deleted = db.deleteExpiredItems();
    clockOffsetMs = 0;

    expect(deleted).toBe(1);
    expect((await documents.send(new GetCommand({ TableName: 'sdk-idempotency', Key: { id: 'expires-soon' } }))).Item).toBeUndefined();
    expect((await documents.send(new GetCommand({ TableName: 'sdk-idempotency', Key: { id: 'expires-later' } }))).Item).toBeDefined();
  });

  it('keeps two items consistent under 50 concurrent transactions on both', async () => {
    const a = userKey('balance-a');
    const b = userKey('balance-b');
    await client.send(new PutItemCommand({ TableName: 'sdk-users', Item: { ...a, n: { N: '25' } } }));
    await client.send(new PutItemCommand({ TableName: 'sdk-users', Item: { ...b, n: { N: '0' } } }));

    // Each moves one unit from a to b if a has one: 50 attempts, 25 can succeed.
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        client
          .send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Update: { TableName: 'sdk-users', Key: a, UpdateExpression: 'ADD n :minus', ConditionExpression: 'n > :zero', ExpressionAttributeValues: { ':minus': { N: '-1' }, ':zero': { N: '0' } } } },
                { Update: { TableName: 'sdk-users', Key: b, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
              ],
            }),
          )
          .then(
            () => 'applied',
            (error: Error) => error.name,
          ),
      ),
    );

    const [left, right] = await Promise.all([a, b].map((Key) => client.send(new GetItemCommand({ TableName: 'sdk-users', Key, ConsistentRead: true }))));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(25);
    expect(outcomes.filter((o) => o !== 'applied').every((o) => o === 'TransactionCanceledException')).toBe(true);
    expect(left?.Item?.['n']).toEqual({ N: '0' });
    expect(right?.Item?.['n']).toEqual({ N: '25' });
  });

  it('serves the document client: queries, numbers and sets', async () => {
    await documents.send(new PutCommand({ TableName: 'sdk-users', Item: { pk: 'TENANT#docs', sk: 'USER#1', tags: new Set(['a', 'b']), score: 1.5, nested: { list: [1, 'two'] } } }));
    await client.send(new UpdateItemCommand({ TableName: 'sdk-users', Key: { pk: { S: 'TENANT#docs' }, sk: { S: 'USER#1' } }, UpdateExpression: 'SET score = score + :d', ExpressionAttributeValues: { ':d': { N: '1.5' } } }));

    const page = await documents.send(new QueryCommand({ TableName: 'sdk-users', KeyConditionExpression: 'pk = :p AND begins_with(sk, :u)', ExpressionAttributeValues: { ':p': 'TENANT#docs', ':u': 'USER#' } }));

    expect(page.Items).toEqual([{ pk: 'TENANT#docs', sk: 'USER#1', tags: new Set(['a', 'b']), score: 3, nested: { list: [1, 'two'] } }]);
  });
});
