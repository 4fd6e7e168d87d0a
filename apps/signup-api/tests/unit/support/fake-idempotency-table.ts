/**
 * An in-memory stand-in for the idempotency table, behind the real DynamoDB client (through
 * aws-sdk-client-mock), so the real Powertools DynamoDBPersistenceLayer runs against it. It
 * implements the four calls that layer makes, with DynamoDB's conditional-put semantics, and
 * refuses any condition it does not know rather than guess.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
  type AttributeValue,
  type DeleteItemCommandInput,
  type GetItemCommandInput,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;
type Operation = 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem';

/** The condition Powertools puts an in-progress record with (DynamoDBPersistenceLayer._putRecord). */
const POWERTOOLS_PUT_CONDITION =
  'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)';

const numberOf = (value: AttributeValue | undefined): number | undefined => (value?.N === undefined ? undefined : Number(value.N));

export class FakeIdempotencyTable {
  /** The stored items by partition key. */
  readonly items = new Map<string, Item>();
  private readonly outages = new Map<string, Error>();

  constructor(
    dynamo: AwsClientStub<DynamoDBClient>,
    readonly tableName: string,
  ) {
    dynamo.on(PutItemCommand).callsFake((input: PutItemCommandInput) => this.put(input));
    dynamo.on(GetItemCommand).callsFake((input: GetItemCommandInput) => this.get(input));
    dynamo.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => this.update(input));
    dynamo.on(DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => this.delete(input));
  }

  /** The given calls (all by default) fail with this error from now on: unavailable, throttled, ... */
  failWith(error: Error, operations: Operation[] = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem']): void {
    for (const operation of operations) this.outages.set(operation, error);
  }

  /** The status of every stored record. */
  statuses(): string[] {
    return [...this.items.values()].map((item) => item.status?.S ?? '?');
  }

  private check(operation: Operation, tableName: string | undefined): void {
    const outage = this.outages.get(operation);
    if (outage) throw outage;
    if (tableName !== this.tableName) {
      throw new ResourceNotFoundException({ message: `Requested resource not found: ${tableName}`, $metadata: {} });
    }
  }

  private keyOf(key: Item | undefined): string {
    const id = key?.id?.S;
    if (!id) throw new Error('the idempotency table is keyed by the string attribute id');
    return id;
  }

  private put(input: PutItemCommandInput) {
    this.check('PutItem', input.TableName);
    if (input.ConditionExpression !== POWERTOOLS_PUT_CONDITION) throw new Error(`the fake table does not know the condition ${input.ConditionExpression}`);
    const item = input.Item ?? {};
    const key = this.keyOf(item);
    const existing = this.items.get(key);
    const values = input.ExpressionAttributeValues ?? {};
    const mayOverwrite =
      existing === undefined ||
      (numberOf(existing.expiration) ?? Infinity) < (numberOf(values[':now']) ?? 0) ||
      (existing.status?.S === values[':inprogress']?.S &&
        existing.in_progress_expiration !== undefined &&
        (numberOf(existing.in_progress_expiration) ?? Infinity) < (numberOf(values[':now_in_millis']) ?? 0));
    if (!mayOverwrite) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        ...(input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? { Item: existing } : {}),
      });
    }
    this.items.set(key, { ...item });
    return {};
  }

  private get(input: GetItemCommandInput) {
    this.check('GetItem', input.TableName);
    const item = this.items.get(this.keyOf(input.Key));
    return item ? { Item: { ...item } } : {};
  }

  /** Supports `SET #a = :a, #b = :b`, the only form Powertools writes. */
  private update(input: UpdateItemCommandInput) {
    this.check('UpdateItem', input.TableName);
    const key = this.keyOf(input.Key);
    const match = /^SET (.+)$/.exec(input.UpdateExpression ?? '');
    if (!match?.[1]) throw new Error(`the fake table does not know the update ${input.UpdateExpression}`);
    const item: Item = { ...(this.items.get(key) ?? input.Key) };
    for (const assignment of match[1].split(',')) {
      const [name, value] = assignment.split('=').map((s) => s.trim());
      const attribute = input.ExpressionAttributeNames?.[name ?? ''];
      const attributeValue = input.ExpressionAttributeValues?.[value ?? ''];
      if (!attribute || !attributeValue) throw new Error(`the fake table cannot resolve ${assignment}`);
      item[attribute] = attributeValue;
    }
    this.items.set(key, item);
    return {};
  }

  private delete(input: DeleteItemCommandInput) {
    this.check('DeleteItem', input.TableName);
    this.items.delete(this.keyOf(input.Key));
    return {};
  }
}
