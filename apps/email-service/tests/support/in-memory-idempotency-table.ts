/**
 * A stand-in for the DynamoDB table Powertools idempotency writes to, installed on an
 * aws-sdk-client-mock of DynamoDBClient. It keeps items in a Map and honours the one condition that
 * matters: PutItem fails with ConditionalCheckFailedException (returning the old item) while a live
 * record exists, exactly as DynamoDB does, so the real DynamoDBPersistenceLayer runs against it.
 */
import * as dynamodbSdk from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** The parts of the DynamoDB SDK the fake uses; pass the module a handler loaded, if it has its own registry. */
export type DynamoDBSdk = Pick<
  typeof dynamodbSdk,
  'ConditionalCheckFailedException' | 'DeleteItemCommand' | 'GetItemCommand' | 'PutItemCommand' | 'UpdateItemCommand'
>;

type Item = Record<string, AttributeValue>;

function keyOf(key: Item | undefined): string {
  const id = key?.['id']?.S;
  if (!id) throw new Error('the fake idempotency table expects a string partition key "id"');
  return id;
}

function numberOf(value: AttributeValue | undefined): number | undefined {
  return value?.N === undefined ? undefined : Number(value.N);
}

/** True when DynamoDB would let a new record replace this one (the persistence layer's condition). */
function isReplaceable(item: Item, nowMs: number): boolean {
  const expiry = numberOf(item['expiration']);
  if (expiry !== undefined && expiry < nowMs / 1000) return true;
  const inProgressExpiry = numberOf(item['in_progress_expiration']);
  return item['status']?.S === 'INPROGRESS' && inProgressExpiry !== undefined && inProgressExpiry < nowMs;
}

/** The fake table; `items` is exposed for assertions. */
export interface FakeIdempotencyTable {
  readonly items: Map<string, Item>;
}

/**
 * Installs the fake on a DynamoDBClient mock. Call after `mock.reset()`. `sdk` must be the module
 * instance the code under test uses, or its `instanceof ConditionalCheckFailedException` fails.
 */
export function installFakeIdempotencyTable(mock: AwsClientStub<DynamoDBClient>, sdk: DynamoDBSdk = dynamodbSdk): FakeIdempotencyTable {
  const { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } = sdk;
  const items = new Map<string, Item>();
  mock.on(PutItemCommand).callsFake((input: { Item: Item }) => {
    const key = keyOf(input.Item);
    const existing = items.get(key);
    if (existing && !isReplaceable(existing, Date.now())) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 }, Item: existing });
    }
    items.set(key, { ...input.Item });
    return {};
  });
  mock.on(GetItemCommand).callsFake((input: { Key: Item }) => {
    const item = items.get(keyOf(input.Key));
    return item ? { Item: item } : {};
  });
  mock.on(UpdateItemCommand).callsFake(
    (input: { Key: Item; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Item }) => {
      const key = keyOf(input.Key);
      const item: Item = { ...(items.get(key) ?? input.Key) };
      const assignments = input.UpdateExpression.replace(/^SET\s+/i, '').split(',');
      for (const assignment of assignments) {
        const [name, value] = assignment.split('=').map((part) => part.trim());
        const attribute = name ? input.ExpressionAttributeNames[name] : undefined;
        const attributeValue = value ? input.ExpressionAttributeValues[value] : undefined;
        if (!attribute || !attributeValue) throw new Error(`the fake idempotency table cannot apply "${assignment}"`);
        item[attribute] = attributeValue;
      }
      items.set(key, item);
      return {};
    },
  );
  mock.on(DeleteItemCommand).callsFake((input: { Key: Item }) => {
    items.delete(keyOf(input.Key));
    return {};
  });
  return { items };
}
