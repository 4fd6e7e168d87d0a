/**
 * The fake idempotency table under the real Powertools persistence layer: what it must do is let
 * Powertools suppress duplicates exactly as it does against DynamoDB, and refuse what DynamoDB
 * would refuse.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { installFakeIdempotencyTable, lambdaContext, waitFor, type FakeIdempotencyTable } from '../src';

const TABLE = 'demo-idempotency';
const dynamodb = mockClient(DynamoDBClient);
let table: FakeIdempotencyTable;

/** A step that counts its runs, made idempotent on `signupId` with the real Powertools code. */
function idempotentStep(options: { tableName?: string; expiresAfterSeconds?: number; remainingTimeInMillis?: number } = {}) {
  const runs: string[] = [];
  let hold: Promise<void> | undefined;
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'signupId', expiresAfterSeconds: options.expiresAfterSeconds ?? 3600 });
  config.registerLambdaContext(lambdaContext('demo', { remainingTimeInMillis: options.remainingTimeInMillis ?? 9_000 }));
  const step = makeIdempotent(
    async (input: { signupId: string }) => {
      runs.push(input.signupId);
      await hold;
      return { signupId: input.signupId, run: runs.length };
    },
    { persistenceStore: new DynamoDBPersistenceLayer({ tableName: options.tableName ?? TABLE }), config },
  );
  return {
    step,
    runs,
    /** Makes the next runs wait until the returned function is called. */
    holdRuns(): () => void {
      let release: () => void = () => undefined;
      hold = new Promise((resolve) => (release = resolve));
      return () => release();
    },
  };
}

beforeEach(() => {
  table = installFakeIdempotencyTable(dynamodb, { tableName: TABLE });
});

afterEach(() => {
  dynamodb.reset();
  jest.restoreAllMocks();
});

describe('installFakeIdempotencyTable', () => {
  it('lets Powertools run a step once for two calls with the same key, answering the first result both times', async () => {
    const { step, runs } = idempotentStep();

    const first = await step({ signupId: 's-1' });
    const second = await step({ signupId: 's-1' });

    expect(runs).toEqual(['s-1']);
    expect(second).toEqual(first);
    expect(table.statuses()).toEqual(['COMPLETED']);
  });

  it('keeps one record per key, so another key runs the step again', async () => {
    const { step, runs } = idempotentStep();

    await step({ signupId: 's-1' });
    await step({ signupId: 's-2' });

    expect(runs).toEqual(['s-1', 's-2']);
    expect(table.items.size).toBe(2);
  });

  it('refuses a concurrent call while the first is in progress, as the conditional put does in DynamoDB', async () => {
    const { step, runs, holdRuns } = idempotentStep();
    const release = holdRuns();
    const first = step({ signupId: 's-1' });
    await waitFor(() => runs.length === 1);

    const concurrent = step({ signupId: 's-1' });

    await expect(concurrent).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    expect(table.statuses()).toEqual(['INPROGRESS']);
    release();
    await expect(first).resolves.toMatchObject({ run: 1 });
    expect(runs).toEqual(['s-1']);
  });

  it('lets a call take over a record left in progress past the invocation deadline', async () => {
    const { step, runs, holdRuns } = idempotentStep({ remainingTimeInMillis: 1_000 });
    const release = holdRuns();
    const crashed = step({ signupId: 's-1' });
    await waitFor(() => runs.length === 1);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 5_000);
    release();

    const takeover = step({ signupId: 's-1' });

    await expect(takeover).resolves.toMatchObject({ signupId: 's-1' });
    expect(runs).toEqual(['s-1', 's-1']);
    await crashed.catch(() => undefined);
  });

  it('runs the step again once the record has expired', async () => {
    const { step, runs } = idempotentStep({ expiresAfterSeconds: 60 });
    await step({ signupId: 's-1' });
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);

    await step({ signupId: 's-1' });

    expect(runs).toEqual(['s-1', 's-1']);
  });

  it('answers a call to another table with ResourceNotFoundException and stores nothing', async () => {
    const { step, runs } = idempotentStep({ tableName: 'someone-elses-table' });

    const error = await step({ signupId: 's-1' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'IdempotencyPersistenceLayerError', cause: expect.any(ResourceNotFoundException) });
    expect(runs).toEqual([]);
    expect(table.items.size).toBe(0);
  });

  it('fails the chosen calls during an outage, and works again after recover()', async () => {
    const { step, runs } = idempotentStep();
    table.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }), ['PutItem']);

    const during = await step({ signupId: 's-1' }).catch((e: unknown) => e);
    table.recover();
    const after = await step({ signupId: 's-1' });

    expect(during).toMatchObject({ name: 'IdempotencyPersistenceLayerError', cause: expect.objectContaining({ name: 'ThrottlingException' }) });
    expect(after).toMatchObject({ run: 1 });
    expect(runs).toEqual(['s-1']);
  });

  it('refuses a put with a condition it does not know, rather than guess its meaning', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1' });

    const put = client.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'k' } }, ConditionExpression: 'attribute_not_exists(#id)', ExpressionAttributeNames: { '#id': 'id' } }));

    await expect(put).rejects.toThrow(/does not know the condition/);
    expect(table.items.size).toBe(0);
  });

  it('refuses a call without the string partition key "id"', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1' });

    await expect(client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'k' } } }))).rejects.toThrow(/keyed by the string attribute "id"/);
  });

  it('hands out copies, so a test cannot change a stored record by accident', async () => {
    const { step } = idempotentStep();
    await step({ signupId: 's-1' });
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const key = [...table.items.keys()][0] as string;

    const read = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: key } } }));
    if (read.Item) read.Item['status'] = { S: 'TAMPERED' };

    expect(table.statuses()).toEqual(['COMPLETED']);
  });

  it('refuses to install without a table name', () => {
    expect(() => installFakeIdempotencyTable(dynamodb, { tableName: ' ' })).toThrow(/needs the table name/);
  });

  it('serves code loaded in a module registry of its own when given that registry\'s SDK', async () => {
    let runs = 0;
    let second: unknown;
    await new Promise<void>((resolve, reject) => {
      jest.isolateModules(() => {
        const sdk = require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
        const { mockClient: isolatedMockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
        const powertools = require('@aws-lambda-powertools/idempotency') as typeof import('@aws-lambda-powertools/idempotency');
        const { DynamoDBPersistenceLayer: IsolatedLayer } = require('@aws-lambda-powertools/idempotency/dynamodb') as typeof import('@aws-lambda-powertools/idempotency/dynamodb');
        const isolatedMock = isolatedMockClient(sdk.DynamoDBClient);
        installFakeIdempotencyTable(isolatedMock, { tableName: TABLE, sdk });
        const config = new powertools.IdempotencyConfig({ eventKeyJmesPath: 'signupId' });
        config.registerLambdaContext(lambdaContext('demo'));
        const step = powertools.makeIdempotent(async (_input: { signupId: string }) => ({ run: ++runs }), { persistenceStore: new IsolatedLayer({ tableName: TABLE }), config });
        step({ signupId: 's-1' })
          .then(() => step({ signupId: 's-1' }))
          .then((answer) => (second = answer))
          .finally(() => isolatedMock.restore())
          .then(() => resolve(), reject);
      });
    });

    expect(runs).toBe(1);
    expect(second).toEqual({ run: 1 });
  });
});
