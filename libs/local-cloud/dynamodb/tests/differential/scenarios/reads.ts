/**
 * Query and Scan: key conditions (every operator), both directions, Limit and pagination to the
 * end, filters (Count vs ScannedCount), Select, projections, global and local secondary indexes
 * (sparse, KEYS_ONLY, INCLUDE, ALL; a local index fetching attributes it does not hold), parallel
 * scan segments, and the refusals of each.
 */
import type { Action, Body, Scenario, Step } from '../harness';

const T = 'diff-reads';
const table: Body = {
  TableName: T,
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'gpk', AttributeType: 'S' },
    { AttributeName: 'gsk', AttributeType: 'N' },
    { AttributeName: 'tag', AttributeType: 'S' },
    { AttributeName: 'lsk', AttributeType: 'N' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  GlobalSecondaryIndexes: [
    { IndexName: 'by-group', KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }, { AttributeName: 'gsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    { IndexName: 'by-tag', KeySchema: [{ AttributeName: 'tag', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    { IndexName: 'by-group-include', KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }, { AttributeName: 'gsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] } },
  ],
  LocalSecondaryIndexes: [{ IndexName: 'by-lsk', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'lsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] } }],
};

const puts: Action[] = [];
let serial = 0;
for (const pk of ['TENANT#a', 'TENANT#b', 'TENANT#c']) {
  for (const sk of ['USER#001', 'USER#002', 'USER#010', 'USER#100', 'EMAIL#ada@example.com', 'EMAIL#bob@example.com', 'META', 'USER#ünïcode', 'USER#😀']) {
    serial++;
    const item: Body = { pk: { S: pk }, sk: { S: sk }, name: { S: `name ${serial}` }, n: { N: String(serial) }, big: { S: 'x'.repeat(serial * 10) } };
    // Sparse indexes: only some items have their keys.
    if (serial % 2 === 0) Object.assign(item, { gpk: { S: `G${serial % 3}` }, gsk: { N: String(serial * 7) } });
    if (serial % 3 !== 0) item.tag = { S: serial % 3 === 1 ? 'red' : 'blue' };
    if (serial % 4 !== 1) item.lsk = { N: String(100 - serial) };
    puts.push({ op: 'PutItem', input: { TableName: T, Item: item } });
  }
}

const q = (condition: string, values: Body, extra: Body = {}): Step => ({
  op: 'Query',
  input: { TableName: T, KeyConditionExpression: condition, ExpressionAttributeValues: values, ...extra },
});
const a = { ':p': { S: 'TENANT#a' } };

const queries: Action[] = [
  q('pk = :p', a),
  q('pk = :p', a, { ScanIndexForward: false }),
  q('pk = :p AND sk = :s', { ...a, ':s': { S: 'META' } }),
  q('pk = :p AND sk < :s', { ...a, ':s': { S: 'USER#010' } }),
  q('pk = :p AND sk <= :s', { ...a, ':s': { S: 'USER#010' } }),
  q('pk = :p AND sk > :s', { ...a, ':s': { S: 'USER#010' } }),
  q('pk = :p AND sk >= :s', { ...a, ':s': { S: 'USER#010' } }, { ScanIndexForward: false }),
  q('pk = :p AND sk BETWEEN :l AND :h', { ...a, ':l': { S: 'EMAIL#' }, ':h': { S: 'USER#002' } }),
  q('pk = :p AND begins_with(sk, :s)', { ...a, ':s': { S: 'USER#' } }),
  q('pk = :p AND begins_with(sk, :s)', { ...a, ':s': { S: 'USER#0' } }, { ScanIndexForward: false }),
  q(':p = pk AND :s < sk', { ...a, ':s': { S: 'USER#010' } }),
  q('(pk = :p) AND (begins_with(sk, :s))', { ...a, ':s': { S: 'EMAIL#' } }),
  q('#p = :p AND #s > :s', { ...a, ':s': { S: 'F' } }, { ExpressionAttributeNames: { '#p': 'pk', '#s': 'sk' } }),
  q('pk = :p', { ':p': { S: 'TENANT#none' } }),
  q('pk = :p', a, { Limit: 3 }),
  q('pk = :p', a, { Limit: 9 }),
  q('pk = :p', a, { Limit: 3, ScanIndexForward: false, ExclusiveStartKey: { pk: { S: 'TENANT#a' }, sk: { S: 'USER#010' } } }),
  q('pk = :p', a, { ExclusiveStartKey: { pk: { S: 'TENANT#a' }, sk: { S: 'USER#0' } } }),
  q('pk = :p', a, { FilterExpression: 'n > :n', ExpressionAttributeValues: { ...a, ':n': { N: '4' } } }),
  q('pk = :p', a, { FilterExpression: 'n > :n', Limit: 4, ExpressionAttributeValues: { ...a, ':n': { N: '4' } } }),
  q('pk = :p', a, { FilterExpression: 'attribute_exists(gpk) AND contains(#name, :x)', ExpressionAttributeNames: { '#name': 'name' }, ExpressionAttributeValues: { ...a, ':x': { S: '1' } } }),
  q('pk = :p', a, { Select: 'COUNT' }),
  q('pk = :p', a, { Select: 'COUNT', FilterExpression: 'n < :n', ExpressionAttributeValues: { ...a, ':n': { N: '3' } } }),
  q('pk = :p', a, { ProjectionExpression: 'sk, #name', ExpressionAttributeNames: { '#name': 'name' } }),
  q('pk = :p', a, { Select: 'SPECIFIC_ATTRIBUTES', AttributesToGet: ['sk', 'n'] }),
  q('pk = :p', a, { ReturnConsumedCapacity: 'TOTAL' }),
  q('pk = :p', a, { ReturnConsumedCapacity: 'INDEXES', ConsistentRead: true }),
  // Indexes.
  q('gpk = :g', { ':g': { S: 'G1' } }, { IndexName: 'by-group' }),
  q('gpk = :g AND gsk BETWEEN :l AND :h', { ':g': { S: 'G0' }, ':l': { N: '0' }, ':h': { N: '100' } }, { IndexName: 'by-group', ScanIndexForward: false }),
  q('gpk = :g', { ':g': { S: 'G2' } }, { IndexName: 'by-group', Limit: 2, ReturnConsumedCapacity: 'INDEXES' }),
  q('gpk = :g', { ':g': { S: 'G2' } }, { IndexName: 'by-group-include' }),
  q('gpk = :g', { ':g': { S: 'G2' } }, { IndexName: 'by-group-include', ProjectionExpression: '#name, n', ExpressionAttributeNames: { '#name': 'name' } }),
  q('gpk = :g', { ':g': { S: 'G2' } }, { IndexName: 'by-group-include', Select: 'ALL_PROJECTED_ATTRIBUTES' }),
  { ...q('tag = :t', { ':t': { S: 'red' } }, { IndexName: 'by-tag' }), compare: { unordered: true } },
  { ...q('tag = :t', { ':t': { S: 'blue' } }, { IndexName: 'by-tag', Select: 'COUNT' }), compare: { unordered: true } },
  q('pk = :p', a, { IndexName: 'by-lsk' }),
  q('pk = :p AND lsk > :l', { ...a, ':l': { N: '95' } }, { IndexName: 'by-lsk', ScanIndexForward: false }),
  q('pk = :p', a, { IndexName: 'by-lsk', Select: 'ALL_ATTRIBUTES', Limit: 2 }),
  q('pk = :p', a, { IndexName: 'by-lsk', ProjectionExpression: 'big, #name', ExpressionAttributeNames: { '#name': 'name' } }),
  q('pk = :p', a, { IndexName: 'by-lsk', ConsistentRead: true, ReturnConsumedCapacity: 'INDEXES' }),
  { paginate: 'Query', input: { TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: a, Limit: 2 } },
  { paginate: 'Query', input: { TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: a, Limit: 4, ScanIndexForward: false } },
  { paginate: 'Query', input: { TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ...a, ':n': { N: '3' } }, FilterExpression: 'n > :n', Limit: 2 } },
  { paginate: 'Query', input: { TableName: T, IndexName: 'by-group', KeyConditionExpression: 'gpk = :g', ExpressionAttributeValues: { ':g': { S: 'G1' } }, Limit: 1 } },
  { paginate: 'Query', input: { TableName: T, IndexName: 'by-lsk', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'TENANT#b' } }, Limit: 2 } },
  { paginate: 'Query', input: { TableName: T, IndexName: 'by-tag', KeyConditionExpression: 'tag = :t', ExpressionAttributeValues: { ':t': { S: 'red' } }, Limit: 2 }, unordered: true },
  // Refusals.
  q('sk = :s', { ':s': { S: 'x' } }),
  q('pk > :p', a),
  q('pk = :p OR sk = :s', { ...a, ':s': { S: 'x' } }),
  q('pk = :p AND sk = :s AND sk = :s', { ...a, ':s': { S: 'x' } }),
  q('pk = :p AND n = :s', { ...a, ':s': { N: '1' } }),
  q('pk = :p AND sk <> :s', { ...a, ':s': { S: 'x' } }),
  q('pk = :p AND NOT sk = :s', { ...a, ':s': { S: 'x' } }),
  q('pk = :p AND sk IN (:s)', { ...a, ':s': { S: 'x' } }),
  q('pk = :p AND size(sk) = :s', { ...a, ':s': { N: '1' } }),
  q('pk = :p AND begins_with(sk, :s)', { ...a, ':s': { N: '1' } }),
  q('pk = :s', { ':s': { N: '1' } }),
  q('pk = pk', a),
  q('pk = :p', a, { FilterExpression: 'sk > :s', ExpressionAttributeValues: { ...a, ':s': { S: 'x' } } }),
  q('pk = :p', a, { IndexName: 'nope' }),
  q('gpk = :g', { ':g': { S: 'G1' } }, { IndexName: 'by-group', ConsistentRead: true }),
  q('tag = :t', { ':t': { S: 'red' } }, { IndexName: 'by-tag', Select: 'ALL_ATTRIBUTES' }),
  q('pk = :p', a, { Limit: 0 }),
  q('pk = :p', a, { Select: 'SPECIFIC_ATTRIBUTES' }),
  q('pk = :p', a, { Select: 'COUNT', ProjectionExpression: 'sk' }),
  q('pk = :p', a, { ExclusiveStartKey: { pk: { S: 'TENANT#b' }, sk: { S: 'META' } } }),
  q('pk = :p', a, { ExclusiveStartKey: { pk: { S: 'TENANT#a' } } }),
  { op: 'Query', input: { TableName: T, ExpressionAttributeValues: a } },
];

const scans: Action[] = [
  { op: 'Scan', input: { TableName: T } },
  { op: 'Scan', input: { TableName: T, FilterExpression: 'begins_with(sk, :u) AND n > :n', ExpressionAttributeValues: { ':u': { S: 'USER#' }, ':n': { N: '10' } } } },
  { op: 'Scan', input: { TableName: T, Select: 'COUNT', FilterExpression: 'attribute_exists(tag)' } },
  { op: 'Scan', input: { TableName: T, ProjectionExpression: 'pk, sk, n' } },
  { op: 'Scan', input: { TableName: T, IndexName: 'by-tag' } },
  { op: 'Scan', input: { TableName: T, IndexName: 'by-lsk', ProjectionExpression: 'lsk, big' } },
  { op: 'Scan', input: { TableName: T, IndexName: 'by-group-include', FilterExpression: 'gsk > :g', ExpressionAttributeValues: { ':g': { N: '100' } } } },
  { paginate: 'Scan', input: { TableName: T, Limit: 4 } },
  { paginate: 'Scan', input: { TableName: T, Limit: 5, FilterExpression: 'n > :n', ExpressionAttributeValues: { ':n': { N: '20' } } } },
  { paginate: 'Scan', input: { TableName: T, IndexName: 'by-group', Limit: 3 } },
  { paginate: 'Scan', input: { TableName: T, IndexName: 'by-tag', Limit: 4 } },
  { op: 'Scan', input: { TableName: T, Limit: 0 } },
  { op: 'Scan', input: { TableName: T, Segment: 1 } },
  { op: 'Scan', input: { TableName: T, Segment: 2, TotalSegments: 2 } },
  { op: 'Scan', input: { TableName: T, IndexName: 'by-group', ConsistentRead: true } },
];

/** Parallel scan: each engine splits the table into segments its own way; together they are the table. */
const segments: Action[] = [
  { paginate: 'Scan', input: { TableName: T }, segments: 3 },
  { paginate: 'Scan', input: { TableName: T, Limit: 2 }, segments: 2 },
  { paginate: 'Scan', input: { TableName: T, IndexName: 'by-group' }, segments: 4 },
];

export const readScenarios: Scenario[] = [
  { name: 'queries on the table and on global and local secondary indexes', tables: [table], actions: [...puts, ...queries] },
  { name: 'scans with filters, projections, indexes and pagination', tables: [table], actions: [...puts, ...scans] },
  { name: 'parallel scan segments', tables: [table], actions: [...puts, ...segments] },
];
