/**
 * Single-item operations: conditions (every comparator, function and precedence), update
 * expressions (every action and function, nested paths, lists, sets), ReturnValues, and
 * ReturnValuesOnConditionCheckFailure.
 */
import type { Action, Body, Scenario } from '../harness';

export const hashTable = (name: string, extra: Body = {}): Body => ({
  TableName: name,
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...extra,
});

const T = 'diff-items';
const key = (pk: string) => ({ pk: { S: pk } });
const doc = {
  pk: { S: 'doc' },
  s: { S: 'héllo wörld' },
  n: { N: '42.5' },
  neg: { N: '-7' },
  b: { B: 'AAECAwQ=' },
  t: { BOOL: true },
  z: { NULL: true },
  ss: { SS: ['a', 'b', 'c'] },
  ns: { NS: ['1', '2.5', '10'] },
  bs: { BS: ['AQ==', 'Ag=='] },
  l: { L: [{ S: 'x' }, { N: '1' }, { M: { deep: { S: 'y' } } }] },
  m: { M: { k: { S: 'v' }, inner: { M: { n: { N: '3' } } }, list: { L: [{ N: '1' }, { N: '2' }] } } },
  e: { S: '' },
};

/** A PutItem of `doc` under a condition, answering the old item when it fails. */
const conditional = (condition: string, values?: Body, names?: Body): Action => ({
  op: 'PutItem',
  input: {
    TableName: T,
    Item: doc,
    ConditionExpression: condition,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    ...(values ? { ExpressionAttributeValues: values } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
  },
});

const conditions: Action[] = [
  { op: 'PutItem', input: { TableName: T, Item: doc } },
  conditional('attribute_exists(pk)'),
  conditional('attribute_not_exists(pk)'),
  conditional('attribute_not_exists(nothing)'),
  conditional('attribute_exists(m.inner.n)'),
  conditional('attribute_exists(l[2].deep)'),
  conditional('attribute_exists(l[7])'),
  conditional('s = :s', { ':s': { S: 'héllo wörld' } }),
  conditional('s <> :s', { ':s': { S: 'héllo wörld' } }),
  conditional('n = :n', { ':n': { N: '42.50' } }),
  conditional('n < :n AND n > :m', { ':n': { N: '100' }, ':m': { N: '-1e3' } }),
  conditional('n <= :n', { ':n': { N: '42' } }),
  conditional('neg >= :n', { ':n': { N: '-7.0' } }),
  conditional('s > :n', { ':n': { N: '1' } }),
  conditional('nothing <> :n', { ':n': { N: '1' } }),
  conditional('nothing = :n', { ':n': { N: '1' } }),
  conditional('NOT nothing = :n', { ':n': { N: '1' } }),
  conditional('n BETWEEN :a AND :b', { ':a': { N: '42.5' }, ':b': { N: '43' } }),
  conditional('s BETWEEN :a AND :b', { ':a': { S: 'h' }, ':b': { S: 'i' } }),
  conditional('n IN (:a, :b, :c)', { ':a': { N: '1' }, ':b': { S: '42.5' }, ':c': { N: '42.5' } }),
  conditional('n IN (:a)', { ':a': { S: '42.5' } }),
  conditional('begins_with(s, :p)', { ':p': { S: 'hé' } }),
  conditional('begins_with(s, :p)', { ':p': { S: 'wö' } }),
  conditional('begins_with(b, :p)', { ':p': { B: 'AAE=' } }),
  conditional('contains(s, :p)', { ':p': { S: 'wör' } }),
  conditional('contains(ss, :p)', { ':p': { S: 'b' } }),
  conditional('contains(ns, :p)', { ':p': { N: '2.50' } }),
  conditional('contains(bs, :p)', { ':p': { B: 'Ag==' } }),
  conditional('contains(l, :p)', { ':p': { S: 'x' } }),
  conditional('contains(l, :p)', { ':p': { M: { deep: { S: 'y' } } } }),
  conditional('contains(m, :p)', { ':p': { S: 'k' } }),
  conditional('size(s) = :n', { ':n': { N: '11' } }),
  conditional('size(b) = :n', { ':n': { N: '5' } }),
  conditional('size(ss) = :n AND size(l) = :n AND size(m) = :n', { ':n': { N: '3' } }),
  conditional('size(n) = :n', { ':n': { N: '1' } }),
  conditional('size(n) <> :n', { ':n': { N: '1' } }),
  conditional('size(e) = :z', { ':z': { N: '0' } }),
  conditional('attribute_type(n, :t)', { ':t': { S: 'N' } }),
  conditional('attribute_type(ss, :t)', { ':t': { S: 'SS' } }),
  conditional('attribute_type(z, :t) AND attribute_type(t, :u)', { ':t': { S: 'NULL' }, ':u': { S: 'BOOL' } }),
  conditional('t = :t', { ':t': { BOOL: true } }),
  conditional('z = :z', { ':z': { NULL: true } }),
  conditional('l = :l', { ':l': { L: [{ S: 'x' }, { N: '1.0' }, { M: { deep: { S: 'y' } } }] } }),
  conditional('ss = :s', { ':s': { SS: ['c', 'a', 'b'] } }),
  conditional('m.inner = :m', { ':m': { M: { n: { N: '3' } } } }),
  conditional('#k = :v AND m.#k = :v', { ':v': { S: 'v' } }, { '#k': 'k' }),
  conditional('m.list[1] = :n', { ':n': { N: '2' } }),
  conditional('l[0] = :s OR l[1] = :s AND l[2] = :s', { ':s': { S: 'x' } }),
  conditional('(l[0] = :s OR l[1] = :s) AND l[2] = :s', { ':s': { S: 'x' } }),
  conditional('NOT (attribute_exists(pk) AND attribute_exists(nothing))'),
  conditional(':a = :b', { ':a': { S: 'x' }, ':b': { S: 'x' } }),
  conditional('#dot = :v', { ':v': { S: 'v' } }, { '#dot': 'm.k' }),
  conditional('e = :e', { ':e': { S: '' } }),
  { op: 'DeleteItem', input: { TableName: T, Key: key('doc'), ConditionExpression: 'n > :n', ExpressionAttributeValues: { ':n': { N: '50' } }, ReturnValues: 'ALL_OLD' } },
  { op: 'DeleteItem', input: { TableName: T, Key: key('doc'), ConditionExpression: 'n < :n', ExpressionAttributeValues: { ':n': { N: '50' } }, ReturnValues: 'ALL_OLD' } },
  { op: 'DeleteItem', input: { TableName: T, Key: key('doc'), ConditionExpression: 'attribute_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
  { op: 'DeleteItem', input: { TableName: T, Key: key('doc'), ReturnValues: 'ALL_OLD' } },
  { op: 'GetItem', input: { TableName: T, Key: key('doc') } },
];

const update = (expression: string, values?: Body, extra: Body = {}): Action => ({
  op: 'UpdateItem',
  input: { TableName: T, Key: key('doc'), UpdateExpression: expression, ...(values ? { ExpressionAttributeValues: values } : {}), ReturnValues: 'ALL_NEW', ...extra },
});

const updates: Action[] = [
  { op: 'PutItem', input: { TableName: T, Item: doc } },
  update('SET x = :v', { ':v': { S: 'new' } }),
  update('SET m.added = :v, m.inner.n = :n', { ':v': { L: [] }, ':n': { N: '4' } }),
  update('SET l[0] = :v, l[9] = :w', { ':v': { S: 'first' }, ':w': { S: 'appended' } }),
  update('SET n = n + :d, neg = neg - :d', { ':d': { N: '0.5' } }),
  update('SET n = :a - n', { ':a': { N: '100' } }),
  update('SET fresh = if_not_exists(fresh, :v), s = if_not_exists(s, :v)', { ':v': { S: 'default' } }),
  update('SET l = list_append(l, :tail), m.list = list_append(:head, m.list)', { ':tail': { L: [{ S: 'end' }] }, ':head': { L: [{ N: '0' }] } }),
  update('SET copy = m.inner, s = n, n = s'),
  update('REMOVE x, m.added, l[0], l[2]'),
  update('REMOVE nothing, l[99]'),
  update('ADD counter :one, n :one', { ':one': { N: '1' } }),
  update('ADD ss :more, ns :nums', { ':more': { SS: ['c', 'd'] }, ':nums': { NS: ['10', '11'] } }),
  update('ADD newset :s', { ':s': { SS: ['only'] } }),
  update('DELETE ss :gone, newset :s', { ':gone': { SS: ['a', 'zz'] }, ':s': { SS: ['only'] } }),
  update('DELETE nothing :s', { ':s': { SS: ['a'] } }),
  update('SET a = :v REMOVE b ADD c :one DELETE ss :d', { ':v': { N: '1' }, ':one': { N: '1' }, ':d': { SS: ['b'] } }),
  update('set lower = :v remove a', { ':v': { S: 'case' } }),
  update('SET #s = :v', { ':v': { S: 'named' } }, { ExpressionAttributeNames: { '#s': 'status' } }),
  update('SET #n.#m = :v', { ':v': { N: '5' } }, { ExpressionAttributeNames: { '#n': 'm', '#m': 'k' } }),
  update('SET grow = :big', { ':big': { S: 'x'.repeat(1000) } }, { ReturnValues: 'UPDATED_NEW' }),
  update('SET grow = :v, m.k = :v', { ':v': { S: 'small' } }, { ReturnValues: 'UPDATED_OLD' }),
  update('SET grow = :v', { ':v': { S: 'again' } }, { ReturnValues: 'ALL_OLD' }),
  update('SET grow = :v', { ':v': { S: 'none' } }, { ReturnValues: 'NONE' }),
  update('REMOVE grow', undefined, { ReturnValues: 'UPDATED_NEW' }),
  update('SET n = :v', { ':v': { N: '1' } }, { ConditionExpression: 'n > :big', ExpressionAttributeValues: { ':v': { N: '1' }, ':big': { N: '1000' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
  // Runtime refusals: nothing changes.
  update('SET n = nothing'),
  update('SET n = s + :one', { ':one': { N: '1' } }),
  update('SET n = list_append(s, :l)', { ':l': { L: [] } }),
  update('ADD s :one', { ':one': { N: '1' } }),
  update('ADD ss :n', { ':n': { NS: ['1'] } }),
  update('DELETE ss :n', { ':n': { NS: ['1'] } }),
  update('SET nothing.deeper = :v', { ':v': { S: 'x' } }),
  update('SET s[0] = :v', { ':v': { S: 'x' } }),
  update('SET l[0].x = :v', { ':v': { S: 'x' } }),
  update('REMOVE nothing.deeper'),
  update('REMOVE s.inner'),
  update('ADD nothing.deeper :one', { ':one': { N: '1' } }),
  update('SET pk = :v', { ':v': { S: 'other' } }),
  update('REMOVE pk'),
  update('SET big = :big', { ':big': { S: 'x'.repeat(410_000) } }),
  // An update of an absent item creates it with its key.
  { op: 'UpdateItem', input: { TableName: T, Key: key('created'), UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } }, ReturnValues: 'ALL_NEW' } },
  { op: 'UpdateItem', input: { TableName: T, Key: key('only-key'), UpdateExpression: 'REMOVE v', ReturnValues: 'ALL_NEW' } },
  { op: 'UpdateItem', input: { TableName: T, Key: key('no-expression'), ReturnValues: 'ALL_NEW' } },
  { op: 'UpdateItem', input: { TableName: T, Key: key('absent'), UpdateExpression: 'SET v = :v', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':v': { N: '1' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
  { op: 'UpdateItem', input: { TableName: T, Key: key('absent'), UpdateExpression: 'SET v = v + :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
  { op: 'GetItem', input: { TableName: T, Key: key('doc'), ProjectionExpression: 'm.inner, l[1], ss, #s', ExpressionAttributeNames: { '#s': 'status' } } },
  { op: 'GetItem', input: { TableName: T, Key: key('doc'), ProjectionExpression: 'nothing' } },
  { op: 'GetItem', input: { TableName: T, Key: key('doc'), AttributesToGet: ['pk', 'n'], ConsistentRead: true } },
  { op: 'GetItem', input: { TableName: T, Key: key('absent') } },
];

const numbers: Action[] = ['+1', '.5', '5.', '1E+5', '-0.0e10', '0001.2300', '1e-130', '9.9999999999999999999999999999999999999E+125', '1234567890123456789012345678901234567800000', '0.00000000000000000000000000000000000000000001'].map(
  (n, i): Action => ({ op: 'PutItem', input: { TableName: T, Item: { pk: { S: `number-${i}` }, n: { N: n }, ns: { NS: [n, '77'] } }, ReturnValues: 'ALL_OLD' } }),
);

export const itemScenarios: Scenario[] = [
  { name: 'conditions on every type, function and comparator', tables: [hashTable(T)], actions: conditions },
  { name: 'update expressions: SET, REMOVE, ADD, DELETE, functions, nested paths, ReturnValues', tables: [hashTable(T)], actions: updates },
  { name: 'numbers are stored exactly and canonically', tables: [hashTable(T)], actions: numbers },
];
