/**
 * A DynamoDB idempotency table for handler tests, behind aws-sdk-client-mock: it keeps the items
 * Powertools writes and refuses a second in-progress record the way the real table's condition
 * does, so "called twice, wrote once" is tested against Powertools' real code path.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

/** Installs the fake on `mock` for `tableName`; returns the live items keyed by `id`. */
export function fakeIdempotencyTable(mock: AwsClientStub<DynamoDBClient>, tableName: string): Map<string, Item> {
  const items = new Map<string, Item>();
  const idOf = (key: Item | undefined): string => key?.id?.S ?? '';

  // Powertools' condition: absent, expired, or in progress with an expired in-progress deadline.
  const blocks = (existing: Item): boolean => {
    const now = Date.now();
    const expired = Number(existing.expiration?.N ?? 0) < now / 1000;
    const inProgressExpiry = existing.in_progress_expiration?.N;
    const inProgressExpired = existing.status?.S === 'INPROGRESS' && inProgressExpiry !== undefined && Number(inProgressExpiry) < now;
    return !expired && !inProgressExpired;
  };

  mock.on(PutItemCommand, { TableName: tableName }).callsFake((input: { Item: Item }) => {
    const id = idOf(input.Item);
    const existing = items.get(id);
    if (existing && blocks(existing)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: existing });
    }
    items.set(id, input.Item);
    return {};
  });
  mock.on(GetItemCommand, { TableName: tableName }).callsFake((input: { Key: Item }) => {
    const item = items.get(idOf(input.Key));
    return item ? { Item: item } : {};
  });
  mock.on(UpdateItemCommand, { TableName: tableName }).callsFake(
    (input: { Key: Item; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Item }) => {
      const id = idOf(input.Key);
      const item: Item = { ...(items.get(id) ?? input.Key) };
      // Powertools only sends `SET #a = :a, #b = :b, ...`.
      for (const assignment of input.UpdateExpression.replace(/^SET /, '').split(',')) {
        const [name, value] = assignment.split('=').map((s) => s.trim());
        const attribute = input.ExpressionAttributeNames[name ?? ''];
        const attributeValue = input.ExpressionAttributeValues[value ?? ''];
        if (attribute && attributeValue) item[attribute] = attributeValue;
      }
      items.set(id, item);
      return {};
    },
  );
  mock.on(DeleteItemCommand, { TableName: tableName }).callsFake((input: { Key: Item }) => {
    items.delete(idOf(input.Key));
    return {};
  });
  return items;
}
