/**
 * Batches and transactions: BatchWriteItem and BatchGetItem across tables; TransactWriteItems
 * (Put, Update, Delete, ConditionCheck; all or nothing; cancellation reasons in request order,
 * with the old item when asked; ClientRequestToken idempotency) and TransactGetItems.
 */
import type { Action, Answer, Body, Scenario } from '../harness';
import { hashTable } from './items';

const A = 'diff-tx-a';
const B = 'diff-tx-b';
const rangeTable = (name: string): Body => ({
  TableName: name,
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'N' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
});
const a = (pk: string) => ({ pk: { S: pk } });
const b = (pk: string, sk: number) => ({ pk: { S: pk }, sk: { N: String(sk) } });

const batches: Action[] = [
  {
    op: 'BatchWriteItem',
    input: {
      RequestItems: {
        [A]: [1, 2, 3, 4, 5].map((i) => ({ PutRequest: { Item: { ...a(`k${i}`), v: { N: String(i) }, tags: { SS: [`t${i}`] } } } })),
        [B]: [1, 2, 3].map((i) => ({ PutRequest: { Item: { ...b('p', i), v: { S: `b${i}` } } } })),
      },
    },
  },
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: [{ DeleteRequest: { Key: a('k1') } }, { DeleteRequest: { Key: a('absent') } }, { PutRequest: { Item: { ...a('k2'), v: { N: '20' } } } }] } } },
  { op: 'BatchGetItem', input: { RequestItems: { [A]: { Keys: [a('k1'), a('k2'), a('k3'), a('absent')] }, [B]: { Keys: [b('p', 1), b('p', 3)], ProjectionExpression: 'v' } } } },
  { op: 'BatchGetItem', input: { RequestItems: { [A]: { Keys: [a('k4')], ProjectionExpression: '#v', ExpressionAttributeNames: { '#v': 'v' }, ConsistentRead: true } }, ReturnConsumedCapacity: 'TOTAL' } },
  // Refusals: nothing of the batch is written.
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: [{ PutRequest: { Item: a('dup') } }, { DeleteRequest: { Key: a('dup') } }] } } },
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: [{ PutRequest: { Item: a('ok') } }, { PutRequest: { Item: { pk: { N: '1' } } } }] } } },
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: [{ PutRequest: { Item: a('ok') } }], 'diff-missing': [{ PutRequest: { Item: a('x') } }] } } },
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: a(`many${i}`) } })) } } },
  { op: 'BatchWriteItem', input: { RequestItems: {} } },
  { op: 'BatchWriteItem', input: { RequestItems: { [A]: [{ PutRequest: { Item: { ...a('huge'), big: { S: 'x'.repeat(410_000) } } } }] } } },
  { op: 'BatchGetItem', input: { RequestItems: { [A]: { Keys: [a('k2'), a('k2')] } } } },
  { op: 'BatchGetItem', input: { RequestItems: { [A]: { Keys: Array.from({ length: 101 }, (_, i) => a(`g${i}`)) } } } },
  { op: 'BatchGetItem', input: { RequestItems: { 'diff-missing': { Keys: [a('k2')] } } } },
  { op: 'BatchGetItem', input: { RequestItems: { [A]: { Keys: [{ pk: { N: '2' } }] } } } },
];

const put = (table: string, item: Body, extra: Body = {}) => ({ Put: { TableName: table, Item: item, ...extra } });
const tx = (items: Body[], extra: Body = {}): Action => ({ op: 'TransactWriteItems', input: { TransactItems: items, ...extra } });

const transactions: Action[] = [
  tx([put(A, { ...a('user'), status: { S: 'pending' } }), put(A, { ...a('claim'), owner: { S: 'user' } }, { ConditionExpression: 'attribute_not_exists(pk)' }), put(B, { ...b('log', 1), what: { S: 'created' } })]),
  { op: 'GetItem', input: { TableName: A, Key: a('claim') } },
  // A failed ConditionCheck cancels everything; reasons come in request order, with the old item when asked.
  tx([
    put(A, { ...a('other-user') }),
    { ConditionCheck: { TableName: A, Key: a('claim'), ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    { Update: { TableName: B, Key: b('log', 1), UpdateExpression: 'SET what = :w', ExpressionAttributeValues: { ':w': { S: 'changed' } } } },
    { Delete: { TableName: A, Key: a('user'), ConditionExpression: 'status = :s', ExpressionAttributeValues: { ':s': { S: 'active' } } } },
  ]),
  tx([
    { ConditionCheck: { TableName: A, Key: a('claim'), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Delete: { TableName: A, Key: a('user'), ConditionExpression: 'status = :s', ExpressionAttributeValues: { ':s': { S: 'active' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
  ]),
  tx([
    { ConditionCheck: { TableName: A, Key: a('claim'), ConditionExpression: 'owner = :o', ExpressionAttributeValues: { ':o': { S: 'user' } } } },
    { Update: { TableName: A, Key: a('user'), UpdateExpression: 'SET #s = :s ADD visits :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'active' }, ':one': { N: '1' } } } },
    { Delete: { TableName: B, Key: b('log', 1) } },
    { Delete: { TableName: B, Key: b('log', 99) } },
  ]),
  { op: 'TransactGetItems', input: { TransactItems: [{ Get: { TableName: A, Key: a('user') } }, { Get: { TableName: A, Key: a('nobody') } }, { Get: { TableName: B, Key: b('log', 1), ProjectionExpression: 'what' } }, { Get: { TableName: A, Key: a('claim'), ProjectionExpression: '#o', ExpressionAttributeNames: { '#o': 'owner' } } }] } },
  { op: 'TransactGetItems', input: { TransactItems: [{ Get: { TableName: A, Key: a('user') } }], ReturnConsumedCapacity: 'TOTAL' } },
  // ClientRequestToken: the same request twice applies once; another request with the token is refused.
  tx([{ Update: { TableName: A, Key: a('counter'), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }], { ClientRequestToken: 'token-one' }),
  tx([{ Update: { TableName: A, Key: a('counter'), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }], { ClientRequestToken: 'token-one' }),
  {
    ...tx([{ Update: { TableName: A, Key: a('counter'), UpdateExpression: 'ADD n :two', ExpressionAttributeValues: { ':two': { N: '2' } } } }], { ClientRequestToken: 'token-one' }),
    compare: { message: false, reason: 'DynamoDB Local answers IdempotentParameterMismatchException with an empty message; ours says what happened' },
  },
  { op: 'GetItem', input: { TableName: A, Key: a('counter') } },
  // A cancelled transaction does not keep its token: a retry with the same token runs.
  tx([{ Update: { TableName: A, Key: a('counter'), UpdateExpression: 'ADD n :one', ConditionExpression: 'n > :big', ExpressionAttributeValues: { ':one': { N: '1' }, ':big': { N: '100' } } } }], { ClientRequestToken: 'token-two' }),
  tx([{ Update: { TableName: A, Key: a('counter'), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }], { ClientRequestToken: 'token-two' }),
  { op: 'GetItem', input: { TableName: A, Key: a('counter') } },
  // Refusals of the request as a whole.
  tx([put(A, a('same')), { Delete: { TableName: A, Key: a('same') } }]),
  tx([put(A, a('x'), { ConditionExpression: 'a =' })]),
  tx([put('diff-missing', a('x'))]),
  tx([]),
  tx([{ Put: { TableName: A, Item: a('x') }, Delete: { TableName: A, Key: a('x') } }]),
  tx([{}]),
  tx([{ ConditionCheck: { TableName: A, Key: a('claim') } }]),
  tx([{ Update: { TableName: A, Key: a('user'), UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } } }]),
  tx([put(A, { pk: { N: '1' } })]),
  { op: 'TransactGetItems', input: { TransactItems: [{ Get: { TableName: A, Key: a('user') } }, { Get: { TableName: A, Key: a('user') } }] } },
  { op: 'TransactGetItems', input: { TransactItems: [{ Get: { TableName: 'diff-missing', Key: a('user') } }] } },
  // What only the current items reveal cancels the transaction with a ValidationError reason (AWS's documentation);
  // DynamoDB Local answers a plain ValidationException instead.
  {
    ...tx([{ Update: { TableName: A, Key: a('user'), UpdateExpression: 'SET visits = #s + :one', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':one': { N: '1' } } } }, put(B, b('never', 1))]),
    divergence: {
      reason: 'AWS documents a TransactionCanceledException with a ValidationError reason; DynamoDB Local answers ValidationException',
      oracle: (answer: Answer) => expectError(answer, 'ValidationException', 'An operand in the update expression has an incorrect data type'),
      ours: (answer: Answer) => {
        expectError(answer, 'TransactionCanceledException');
        const reasons = answer.body.CancellationReasons as { Code: string; Message?: string }[];
        if (reasons.length !== 2 || reasons[0]?.Code !== 'ValidationError' || reasons[0].Message !== 'An operand in the update expression has an incorrect data type' || reasons[1]?.Code !== 'None') {
          throw new Error(`unexpected cancellation reasons ${JSON.stringify(reasons)}`);
        }
      },
    },
  },
];

function expectError(answer: Answer, type: string, message?: string): void {
  const actual = String(answer.body.__type ?? '').split('#').pop();
  const text = String(answer.body.message ?? answer.body.Message ?? '');
  if (answer.status !== 400 || actual !== type || (message !== undefined && text !== message)) throw new Error(`expected ${type}${message ? `: ${message}` : ''}, got ${answer.status} ${JSON.stringify(answer.body)}`);
}

export const writeScenarios: Scenario[] = [
  { name: 'batch writes and batch gets across tables', tables: [hashTable(A), rangeTable(B)], actions: batches },
  { name: 'transactions: all or nothing, cancellation reasons, tokens, TransactGetItems', tables: [hashTable(A), rangeTable(B)], actions: transactions },
];
