/**
 * An in-memory stand-in for a service's idempotency table, answering the DynamoDB client through
 * aws-sdk-client-mock, so the real Powertools `DynamoDBPersistenceLayer` runs against it: "called
 * twice, wrote once" is then tested on Powertools' own code path, not on a mock of it.
 *
 * It is strict on purpose. It implements the four calls that layer makes with DynamoDB's semantics
 * (a conditional put that returns the old item when the condition fails, an update that creates a
 * missing item), answers a call to another table with ResourceNotFoundException as DynamoDB would,
 * and refuses a condition or an update it does not know rather than guess what it means: a new
 * Powertools version that changes its calls fails the tests loudly instead of passing them wrongly.
 */
import * as dynamodbSdk from '@aws-sdk/client-dynamodb';
import type {
  AttributeValue,
  DeleteItemCommandInput,
  DynamoDBClient,
  GetItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** An item as the DynamoDB client carries it (attribute values, not plain JavaScript). */
export type IdempotencyItem = Record<string, AttributeValue>;

/** A call the persistence layer makes, by its DynamoDB operation name. */
export type IdempotencyOperation = 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem';

const ALL_OPERATIONS: readonly IdempotencyOperation[] = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'];

/**
 * The parts of the DynamoDB SDK the fake uses. Pass the module instance the code under test loaded
 * when it has a module registry of its own (`jest.isolateModules`): Powertools recognizes a failed
 * condition with `instanceof ConditionalCheckFailedException`, which fails across two instances.
 */
export type DynamoDBSdk = Pick<
  typeof dynamodbSdk,
  'ConditionalCheckFailedException' | 'DeleteItemCommand' | 'GetItemCommand' | 'PutItemCommand' | 'ResourceNotFoundException' | 'UpdateItemCommand'
>;

/** Options of {@link installFakeIdempotencyTable}. */
export interface FakeIdempotencyTableOptions {
  /** The table the handler is configured with (`IDEMPOTENCY_TABLE_NAME`); calls to any other table fail. */
  readonly tableName: string;
  /** The SDK module instance the code under test uses. @default the module this library loads */
  readonly sdk?: DynamoDBSdk;
}

/**
 * The condition Powertools puts a record with (`DynamoDBPersistenceLayer._putRecord`): no record
 * yet, an expired one, or one left in progress past its deadline.
 */
const POWERTOOLS_PUT_CONDITION =
  'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)';

/** The partition key of every service's idempotency table (see `IdempotencyTable` in `@onboarding/cdk-constructs`). */
const PARTITION_KEY = 'id';

const numberOf = (value: AttributeValue | undefined): number | undefined => (value?.N === undefined ? undefined : Number(value.N));
const copyOf = (item: IdempotencyItem): IdempotencyItem => structuredClone(item);

/** The fake table: what the persistence layer stored, and switches to make it fail. */
export interface FakeIdempotencyTable {
  /** The table name calls must carry. */
  readonly tableName: string;
  /** The stored items by partition key, as the handler under test left them. */
  readonly items: ReadonlyMap<string, IdempotencyItem>;
  /** From now on the given calls (all four by default) fail with `error`: throttled, unavailable, ... */
  failWith(error: Error, operations?: readonly IdempotencyOperation[]): void;
  /** Ends every outage set with `failWith`. */
  recover(): void;
  /** The `status` of every stored record (`INPROGRESS`, `COMPLETED`, ...), oldest first. */
  statuses(): string[];
}

class InMemoryIdempotencyTable implements FakeIdempotencyTable {
  readonly items = new Map<string, IdempotencyItem>();
  private readonly outages = new Map<IdempotencyOperation, Error>();

  constructor(
    readonly tableName: string,
    private readonly sdk: DynamoDBSdk,
  ) {}

  failWith(error: Error, operations: readonly IdempotencyOperation[] = ALL_OPERATIONS): void {
    for (const operation of operations) this.outages.set(operation, error);
  }

  recover(): void {
    this.outages.clear();
  }

  statuses(): string[] {
    return [...this.items.values()].map((item) => item['status']?.S ?? '(none)');
  }

  put(input: PutItemCommandInput): object {
    this.admit('PutItem', input.TableName);
    if (input.ConditionExpression !== POWERTOOLS_PUT_CONDITION) {
      throw new Error(`The fake idempotency table does not know the condition ${JSON.stringify(input.ConditionExpression)}`);
    }
    const item = input.Item ?? {};
    const key = this.keyOf(item);
    const existing = this.items.get(key);
    if (existing !== undefined && !this.mayReplace(existing, input)) {
      const { ConditionalCheckFailedException } = this.sdk;
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: { httpStatusCode: 400 },
        ...(input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? { Item: copyOf(existing) } : {}),
      });
    }
    this.items.set(key, copyOf(item));
    return {};
  }

  get(input: GetItemCommandInput): object {
    this.admit('GetItem', input.TableName);
    const item = this.items.get(this.keyOf(input.Key));
    return item ? { Item: copyOf(item) } : {};
  }

  /** Applies `SET #a = :a, #b = :b, ...`, the only form Powertools writes; creates a missing item, as DynamoDB does. */
  update(input: UpdateItemCommandInput): object {
    this.admit('UpdateItem', input.TableName);
    const key = this.keyOf(input.Key);
    const assignments = /^SET\s+(.+)$/.exec(input.UpdateExpression ?? '')?.[1];
    if (!assignments) throw new Error(`The fake idempotency table does not know the update ${JSON.stringify(input.UpdateExpression)}`);
    const item: IdempotencyItem = copyOf(this.items.get(key) ?? input.Key ?? {});
    for (const assignment of assignments.split(',')) {
      const [name, value, ...rest] = assignment.split('=').map((part) => part.trim());
      const attribute = input.ExpressionAttributeNames?.[name ?? ''];
      const attributeValue = input.ExpressionAttributeValues?.[value ?? ''];
      if (rest.length > 0 || !attribute || !attributeValue) throw new Error(`The fake idempotency table cannot apply ${JSON.stringify(assignment.trim())}`);
      item[attribute] = attributeValue;
    }
    this.items.set(key, item);
    return {};
  }

  delete(input: DeleteItemCommandInput): object {
    this.admit('DeleteItem', input.TableName);
    this.items.delete(this.keyOf(input.Key));
    return {};
  }

  /** Fails a call during an outage, or to a table that is not this one. */
  private admit(operation: IdempotencyOperation, tableName: string | undefined): void {
    const outage = this.outages.get(operation);
    if (outage) throw outage;
    if (tableName !== this.tableName) {
      const { ResourceNotFoundException } = this.sdk;
      throw new ResourceNotFoundException({ message: `Requested resource not found: Table: ${tableName} not found`, $metadata: { httpStatusCode: 400 } });
    }
  }

  private keyOf(key: IdempotencyItem | undefined): string {
    const id = key?.[PARTITION_KEY]?.S;
    if (!id) throw new Error(`The idempotency table is keyed by the string attribute "${PARTITION_KEY}"; the call has none`);
    return id;
  }

  /** Evaluates POWERTOOLS_PUT_CONDITION on the stored item, with the names and values the call sent. */
  private mayReplace(existing: IdempotencyItem, input: PutItemCommandInput): boolean {
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    const attribute = (placeholder: string): AttributeValue | undefined => {
      const name = names[placeholder];
      if (!name) throw new Error(`The put names no attribute for ${placeholder}`);
      return existing[name];
    };
    const value = (placeholder: string): AttributeValue => {
      const found = values[placeholder];
      if (!found) throw new Error(`The put gives no value for ${placeholder}`);
      return found;
    };
    if (attribute('#id') === undefined) return true;
    const expiry = numberOf(attribute('#expiry'));
    if (expiry !== undefined && expiry < (numberOf(value(':now')) ?? -Infinity)) return true;
    const inProgressExpiry = numberOf(attribute('#in_progress_expiry'));
    return (
      attribute('#status')?.S === value(':inprogress').S &&
      inProgressExpiry !== undefined &&
      inProgressExpiry < (numberOf(value(':now_in_millis')) ?? -Infinity)
    );
  }
}

/**
 * Installs the fake on a mock of the DynamoDB client and returns it. Call it after `mock.reset()`
 * (in `beforeEach`): it answers PutItem, GetItem, UpdateItem and DeleteItem for every table.
 */
export function installFakeIdempotencyTable(dynamodb: AwsClientStub<DynamoDBClient>, options: FakeIdempotencyTableOptions): FakeIdempotencyTable {
  if (options.tableName.trim() === '') throw new Error('installFakeIdempotencyTable needs the table name the handler is configured with');
  const sdk = options.sdk ?? dynamodbSdk;
  const table = new InMemoryIdempotencyTable(options.tableName, sdk);
  dynamodb.on(sdk.PutItemCommand).callsFake((input: PutItemCommandInput) => table.put(input));
  dynamodb.on(sdk.GetItemCommand).callsFake((input: GetItemCommandInput) => table.get(input));
  dynamodb.on(sdk.UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => table.update(input));
  dynamodb.on(sdk.DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => table.delete(input));
  return table;
}
