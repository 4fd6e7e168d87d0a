/**
 * Tables (CreateTable's checks, DescribeTable, DeleteTable), TTL (UpdateTimeToLive's rules, and
 * expired items disappearing while others stay), and bad input of every kind: malformed and
 * inconsistent expressions, reserved words, unknown tables, oversized items, wrong key types,
 * invalid values. Every refusal must leave the tables as they were, which the comparison of the
 * tables after each scenario checks.
 */
import type { Action, Answer, Body, Scenario } from '../harness';
import { hashTable } from './items';

const T = 'diff-errors';
const key = { pk: { S: 'kept' } };
const kept = { pk: { S: 'kept' }, v: { N: '1' }, s: { S: 'text' }, l: { L: [{ N: '1' }] } };

const put = (item: Body, extra: Body = {}): Action => ({ op: 'PutItem', input: { TableName: T, Item: item, ...extra } });
const cond = (expression: string, extra: Body = {}): Action => put(kept, { ConditionExpression: expression, ...extra });
const upd = (expression: string, extra: Body = {}): Action => ({ op: 'UpdateItem', input: { TableName: T, Key: key, UpdateExpression: expression, ...extra } });
const get = (extra: Body): Action => ({ op: 'GetItem', input: { TableName: T, Key: key, ...extra } });

const badExpressions: Action[] = [
  put(kept),
  cond('v = :v AND'),
  cond('v = = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('(v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v = :v)', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v'),
  cond('v BETWEEN :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v IN ()'),
  cond('v IN :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('_v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('1v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v-w = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('l[x] = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('l[-1] = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('l[99999999999] = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond(': v = v'),
  cond('# v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('foo(v)'),
  cond('Attribute_Exists(v)'),
  cond('size(v)'),
  cond('attribute_exists(v) = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('attribute_exists(:v)', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('attribute_exists(v, s)'),
  cond('contains(v)'),
  cond('size(size(v)) = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('attribute_type(v, :t)', { ExpressionAttributeValues: { ':t': { S: 'NUMBER' } } }),
  cond('attribute_type(v, :t)', { ExpressionAttributeValues: { ':t': { N: '1' } } }),
  cond('begins_with(s, :n)', { ExpressionAttributeValues: { ':n': { N: '1' } } }),
  cond('v < :l', { ExpressionAttributeValues: { ':l': { L: [] } } }),
  cond('v BETWEEN :a AND :b', { ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { S: '1' } } }),
  cond('v BETWEEN :a AND :b', { ExpressionAttributeValues: { ':a': { N: '9' }, ':b': { N: '1' } } }),
  cond('status = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('l.name = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v = :v'),
  cond('#v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v = :v', { ExpressionAttributeValues: { ':v': { N: '1' }, ':unused': { N: '2' } } }),
  cond('v = :v', { ExpressionAttributeValues: { ':v': { N: '1' } }, ExpressionAttributeNames: { '#unused': 'x' } }),
  cond('v = :v', { ExpressionAttributeValues: {} }),
  cond('#v = :v', { ExpressionAttributeNames: {}, ExpressionAttributeValues: { ':v': { N: '1' } } }),
  cond('v = :v', { ExpressionAttributeValues: { ':v': {} } }),
  cond(''),
  put(kept, { ExpressionAttributeNames: { '#v': 'v' } }),
  upd('SET v = :v SET s = :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = :v,', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = :v + :v + :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = if_not_exists(:v, v)', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = list_append(:v, l)', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = :v + :s', { ExpressionAttributeValues: { ':v': { N: '2' }, ':s': { S: 'x' } } }),
  upd('SET v = size(l)'),
  upd('SET v = :v REMOVE v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET l[0] = :v, l[0] = :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET l = :v, l[0] = :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('REMOVE l[0], l.x'),
  upd('ADD v :s', { ExpressionAttributeValues: { ':s': { S: 'x' } } }),
  upd('ADD v :l', { ExpressionAttributeValues: { ':l': { L: [] } } }),
  upd('DELETE v :n', { ExpressionAttributeValues: { ':n': { N: '1' } } }),
  upd('SET'),
  upd(''),
  upd('foo v = :v', { ExpressionAttributeValues: { ':v': { N: '2' } } }),
  upd('SET v = :v', { ExpressionAttributeValues: { ':v': { N: '2' } }, ReturnValues: 'SOMETHING' }),
  get({ ProjectionExpression: 'v, v' }),
  get({ ProjectionExpression: 'l[0].x, l' }),
  get({ ProjectionExpression: 'v,' }),
  get({ ProjectionExpression: 'v', ExpressionAttributeNames: { '#x': 'x' } }),
  get({ ExpressionAttributeNames: { '#x': 'x' } }),
  get({ ProjectionExpression: 'v', AttributesToGet: ['v'] }),
];

const badInput: Action[] = [
  put(kept),
  // Unknown tables.
  { op: 'PutItem', input: { TableName: 'diff-missing', Item: kept } },
  { op: 'GetItem', input: { TableName: 'diff-missing', Key: key } },
  { op: 'UpdateItem', input: { TableName: 'diff-missing', Key: key, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } } },
  { op: 'DeleteItem', input: { TableName: 'diff-missing', Key: key } },
  { op: 'Query', input: { TableName: 'diff-missing', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } } },
  { op: 'Scan', input: { TableName: 'diff-missing' } },
  { op: 'DescribeTable', input: { TableName: 'diff-missing' } },
  { op: 'DeleteTable', input: { TableName: 'diff-missing' } },
  { op: 'DescribeTimeToLive', input: { TableName: 'diff-missing' } },
  { op: 'UpdateTimeToLive', input: { TableName: 'diff-missing', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } } },
  { op: 'PutItem', input: { TableName: 'diff-missing', Item: kept, ConditionExpression: 'v =' } },
  // Oversized items, put and grown by an update.
  put({ ...key, big: { S: 'x'.repeat(410_000) } }),
  put({ ...key, big: { L: [{ S: 'x'.repeat(205_000) }, { B: Buffer.alloc(205_000).toString('base64') }] } }),
  put({ pk: { S: 'just-fits' }, big: { S: 'x'.repeat(400_000) } }),
  upd('SET big2 = :b', { ExpressionAttributeValues: { ':b': { S: 'x'.repeat(410_000) } } }),
  { op: 'UpdateItem', input: { TableName: T, Key: { pk: { S: 'just-fits' } }, UpdateExpression: 'SET more = :b', ExpressionAttributeValues: { ':b': { S: 'x'.repeat(20_000) } } } },
  put({ pk: { S: 'x'.repeat(2049) } }),
  // Keys.
  put({ v: { N: '1' } }),
  put({ pk: { N: '1' } }),
  put({ pk: { B: 'AA==' } }),
  put({ pk: { S: '' } }),
  { op: 'GetItem', input: { TableName: T, Key: { pk: { N: '1' } } } },
  { op: 'GetItem', input: { TableName: T, Key: { pk: { S: 'kept' }, extra: { S: 'x' } } } },
  { op: 'GetItem', input: { TableName: T, Key: { other: { S: 'kept' } } } },
  { op: 'GetItem', input: { TableName: T, Key: {} } },
  { op: 'GetItem', input: { TableName: T } },
  { op: 'DeleteItem', input: { TableName: T, Key: { pk: { S: '' } } } },
  { op: 'UpdateItem', input: { TableName: T, Key: { pk: { N: '1' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } } },
  { op: 'PutItem', input: { TableName: T } },
  // Values.
  ...[{}, { S: 'a', N: '1' }, { SS: [] }, { NS: [] }, { BS: [] }, { SS: ['a', 'a'] }, { NS: ['1', '1.0'] }, { BS: ['AQ==', 'AQ=='] }, { NULL: false }, { N: 'abc' }, { N: '1e200' }, { N: '1e-131' }, { N: '123456789012345678901234567890123456789' }, { L: [{}] }, { M: { x: {} } }, { M: { '': { S: 'x' } } }, { NS: ['x'] }].map(
    (value): Action => put({ ...key, bad: value } as Body),
  ),
  put({ ...key, '': { S: 'x' } }),
  // Enumerations.
  put(kept, { ReturnValues: 'ALL_NEW' }),
  put(kept, { ReturnValues: 'UPDATED_OLD' }),
  { op: 'DeleteItem', input: { TableName: T, Key: key, ReturnValues: 'ALL_NEW' } },
  put(kept, { ReturnValuesOnConditionCheckFailure: 'ALL_NEW' }),
  // The legacy API is not emulated; DynamoDB Local still runs it.
  {
    ...put(kept, { Expected: { v: { Exists: false } } }),
    divergence: {
      reason: 'this engine refuses the legacy Expected parameter (use ConditionExpression) instead of running it',
      oracle: (answer: Answer) => {
        if (String(answer.body.__type).split('#').pop() !== 'ConditionalCheckFailedException') throw new Error(`DynamoDB Local ran Expected differently: ${JSON.stringify(answer.body)}`);
      },
      ours: (answer: Answer) => {
        if (answer.status !== 400 || !String(answer.body.message).startsWith('Expected is a legacy parameter')) throw new Error(`expected a refusal of Expected, got ${JSON.stringify(answer.body)}`);
      },
    },
  },
  { op: 'UnknownThing', input: {} },
  { op: 'GetItem', input: { TableName: T, Key: key, ConsistentRead: true } },
];

const tableActions: Action[] = [
  { op: 'DescribeTable', input: { TableName: 'diff-tables-main' } },
  ...(
    [
      { KeySchema: undefined },
      { KeySchema: [] },
      { AttributeDefinitions: undefined },
      { AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }] },
      { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }] },
      { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'pk', KeyType: 'HASH' }] },
      { KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }] },
      { BillingMode: undefined },
      { BillingMode: 'PROVISIONED' },
      { TableName: 'ab' },
      { TableName: 'a b c' },
      { TableName: 'diff-tables-main' },
      {
        TableName: 'diff-tables-lsi',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
        LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'x', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      },
      { TableName: 'diff-tables-gsi', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }], GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }] }] },
      {
        TableName: 'diff-tables-gsi',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
        GlobalSecondaryIndexes: [
          { IndexName: 'gsi', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
          { IndexName: 'gsi', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
      },
      { TableName: 'diff-tables-gsi', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }], GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE' } }] },
      {
        TableName: 'diff-tables-gsi',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
        GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['a'] } }],
      },
    ] as Body[]
  ).map((change): Action => ({ op: 'CreateTable', input: { ...hashTable('diff-tables-new'), ...change } })),
  { op: 'CreateTable', input: { ...hashTable('diff-tables-provisioned'), BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } },
  { op: 'DescribeTable', input: { TableName: 'diff-tables-provisioned' } },
  {
    op: 'DeleteTable',
    input: { TableName: 'diff-tables-provisioned' },
    divergence: {
      reason: "AWS answers DeleteTable with the table DELETING (API reference); DynamoDB Local answers it ACTIVE",
      oracle: (answer: Answer) => expectStatus(answer, 'ACTIVE'),
      ours: (answer: Answer) => expectStatus(answer, 'DELETING'),
    },
  },
  { op: 'DescribeTable', input: { TableName: 'diff-tables-provisioned' } },
  { op: 'PutItem', input: { TableName: 'diff-tables-provisioned', Item: { pk: { S: 'x' } } } },
  { op: 'PutItem', input: { TableName: 'diff-tables-main', Item: { pk: { S: 'x' } } } },
  { op: 'DescribeTable', input: { TableName: 'diff-tables-main' } },
];

function expectStatus(answer: Answer, status: string): void {
  const description = answer.body.TableDescription as { TableName?: string; TableStatus?: string } | undefined;
  if (answer.status !== 200 || description?.TableName !== 'diff-tables-provisioned' || description.TableStatus !== status) {
    throw new Error(`expected the deleted table's description with TableStatus ${status}, got ${JSON.stringify(answer.body)}`);
  }
}

const ttlTable = 'diff-ttl';
const now = () => Math.floor(Date.now() / 1000);
const ttlActions = (): Action[] => [
  { op: 'DescribeTimeToLive', input: { TableName: ttlTable } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } } },
  { op: 'DescribeTimeToLive', input: { TableName: ttlTable } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: true, AttributeName: 'other' } } },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: false, AttributeName: 'other' } } },
  ...[
    ['expired', { N: String(now() - 30) }],
    ['expired-fraction', { N: `${now() - 30}.5` }],
    ['future', { N: String(now() + 3600) }],
    ['six-years-ago', { N: String(now() - 6 * 365 * 86400) }],
    ['milliseconds', { N: String(Date.now() - 30_000) }],
    ['string', { S: String(now() - 30) }],
    ['none', undefined],
  ].map(([pk, expiresAt]): Action => ({ op: 'PutItem', input: { TableName: ttlTable, Item: { pk: { S: pk as string }, ...(expiresAt ? { expiresAt } : {}) } } })),
  {
    eventually: { op: 'Scan', input: { TableName: ttlTable } },
    until: (answer: Answer) => !(answer.body.Items as { pk: { S: string } }[]).some((i) => i.pk.S.startsWith('expired')),
    timeoutMs: 30_000,
  },
  { op: 'UpdateTimeToLive', input: { TableName: ttlTable, TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } } },
  { op: 'DescribeTimeToLive', input: { TableName: ttlTable } },
];

export const tableAndErrorScenarios: Scenario[] = [
  { name: 'malformed and inconsistent expressions change nothing', tables: [hashTable(T)], actions: badExpressions },
  { name: 'unknown tables, oversized items, wrong keys and invalid values change nothing', tables: [hashTable(T)], actions: badInput },
  { name: 'tables: CreateTable checks, DescribeTable, DeleteTable', tables: [hashTable('diff-tables-main')], actions: tableActions },
];

/** Built when run: its TTL values are relative to the time it runs. */
export const ttlScenario = (): Scenario => ({ name: 'TTL: UpdateTimeToLive rules, expired items deleted, others kept', tables: [hashTable(ttlTable)], actions: ttlActions() });
