/**
 * One table: its definition (keys, indexes, billing, TTL), its items, and its secondary indexes
 * kept in step with every write. Writes come only through `write` (one item at a time, already
 * validated): the engine decides what to write, the table stores it.
 */
import { compareScalars, itemSize, type AttributeValue, type Item } from './attribute-value';
import { ValidationError } from './errors';
import { encodeKeyValue, SortedPartitions } from './sorted-partitions';

export type ScalarType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: ScalarType;
}

export interface IndexProjection {
  ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
}

/** What a table is, as CreateTable defines it (the part that is persisted). */
export interface TableDefinition {
  name: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
  attributeDefinitions: { AttributeName: string; AttributeType: ScalarType }[];
  globalSecondaryIndexes: IndexDefinition[];
  localSecondaryIndexes: IndexDefinition[];
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  /** Seconds since the epoch, as DynamoDB answers CreationDateTime. */
  createdAt: number;
  tableId: string;
  deletionProtection: boolean;
  ttl?: { attributeName: string; enabled: boolean };
  tags?: { Key: string; Value: string }[];
}

export interface IndexDefinition {
  name: string;
  hash: KeyAttribute;
  range?: KeyAttribute;
  projection: IndexProjection;
  provisioned?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

/** A secondary index with its entries. */
export class SecondaryIndex {
  readonly data: SortedPartitions;
  /** Attributes an entry holds: undefined for ALL. */
  readonly projected: ReadonlySet<string> | undefined;

  constructor(
    readonly kind: 'GSI' | 'LSI',
    readonly definition: IndexDefinition,
    table: { hash: KeyAttribute; range?: KeyAttribute },
  ) {
    const { hash, range } = definition;
    const tableOrder = keyOrder(table.hash, table.range);
    this.data = new SortedPartitions(
      (item) => (range && item[range.name] === undefined ? undefined : encodeKeyValue(item[hash.name])),
      (a, b) => {
        if (range) {
          const order = compareScalars(a[range.name] as AttributeValue, b[range.name] as AttributeValue) ?? 0;
          if (order !== 0) return order;
        }
        return tableOrder(a, b);
      },
    );
    const p = definition.projection;
    this.projected =
      p.ProjectionType === 'ALL'
        ? undefined
        : new Set([table.hash.name, ...(table.range ? [table.range.name] : []), hash.name, ...(range ? [range.name] : []), ...(p.ProjectionType === 'INCLUDE' ? (p.NonKeyAttributes ?? []) : [])]);
  }

  get name(): string {
    return this.definition.name;
  }

  /** The attributes of an item this index holds. */
  project(item: Item): Item {
    if (!this.projected) return item;
    const out: Item = {};
    for (const name of this.projected) if (item[name] !== undefined) out[name] = item[name] as AttributeValue;
    return out;
  }
}

/** Orders items by (hash, range): the order of a table's key, and the tie-break of an index. */
export function keyOrder(hash: KeyAttribute, range?: KeyAttribute): (a: Item, b: Item) => number {
  return (a, b) => {
    const h = compareScalars(a[hash.name] as AttributeValue, b[hash.name] as AttributeValue) ?? 0;
    if (h !== 0 || !range) return h;
    return compareScalars(a[range.name] as AttributeValue, b[range.name] as AttributeValue) ?? 0;
  };
}

const KEY_MESSAGES: Record<ScalarType, string> = { S: 'string', N: 'number', B: 'binary' };
const MAX_HASH_KEY_BYTES = 2048;
const MAX_RANGE_KEY_BYTES = 1024;

export class Table {
  readonly items = new Map<string, Item>();
  readonly primary: SortedPartitions;
  readonly indexes = new Map<string, SecondaryIndex>();
  sizeBytes = 0;

  constructor(
    readonly definition: TableDefinition,
    readonly arn: string,
  ) {
    const { hash, range } = definition;
    this.primary = new SortedPartitions((item) => encodeKeyValue(item[hash.name]), range ? keyOrder(range) : () => 0);
    for (const index of definition.globalSecondaryIndexes) this.indexes.set(index.name, new SecondaryIndex('GSI', index, definition));
    for (const index of definition.localSecondaryIndexes) this.indexes.set(index.name, new SecondaryIndex('LSI', index, definition));
  }

  get name(): string {
    return this.definition.name;
  }

  get hash(): KeyAttribute {
    return this.definition.hash;
  }

  get range(): KeyAttribute | undefined {
    return this.definition.range;
  }

  /** The Map key of an item or key (its key attributes must be present and valid). */
  keyOf(item: Item): string {
    const h = encodeKeyValue(item[this.hash.name]) as string;
    if (!this.range) return h;
    return `${h.length}:${h}${encodeKeyValue(item[this.range.name]) as string}`;
  }

  /** The key attributes of an item. */
  keyAttributes(item: Item): Item {
    const key: Item = { [this.hash.name]: item[this.hash.name] as AttributeValue };
    if (this.range) key[this.range.name] = item[this.range.name] as AttributeValue;
    return key;
  }

  /** True when `name` is one of the table's key attributes. */
  isKeyAttribute(name: string): boolean {
    return name === this.hash.name || name === this.range?.name;
  }

  /**
   * Checks the values of a `Key` whose attributes and types are the key's (the operation checked
   * those): not empty, not too large. Returns its Map key.
   */
  checkKey(key: Item): string {
    for (const attribute of this.range ? [this.hash, this.range] : [this.hash]) this.checkKeyValue(attribute, key[attribute.name] as AttributeValue, attribute === this.hash ? MAX_HASH_KEY_BYTES : MAX_RANGE_KEY_BYTES);
    return this.keyOf(key);
  }

  private checkKeyValue(attribute: KeyAttribute, value: AttributeValue, limit: number): void {
    const text = (value as Record<string, string>)[attribute.type] as string;
    if (text === '') {
      throw new ValidationError(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${KEY_MESSAGES[attribute.type]} value. Key: ${attribute.name}`);
    }
    const bytes = attribute.type === 'B' ? Buffer.from(text, 'base64').length : Buffer.byteLength(text);
    if (bytes > limit) throw new ValidationError('Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes');
  }

  /** Checks the key values and secondary index key values of an item whose key types are right (the operation checked those). */
  checkItem(item: Item): void {
    this.checkKey(item);
    for (const index of this.indexes.values()) {
      for (const attribute of index.definition.range ? [index.definition.hash, index.definition.range] : [index.definition.hash]) {
        const value = item[attribute.name];
        if (value !== undefined && (value as Record<string, string>)[attribute.type] === '') {
          throw new ValidationError(
            `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${KEY_MESSAGES[attribute.type]} value. IndexName: ${index.name}, IndexKey: ${attribute.name}`,
          );
        }
      }
    }
  }

  get(key: string): Item | undefined {
    return this.items.get(key);
  }

  /** Stores `item` under `key` (undefined: deletes it), keeping the indexes in step. */
  write(key: string, item: Item | undefined): void {
    const old = this.items.get(key);
    if (old) {
      this.primary.remove(old);
      for (const index of this.indexes.values()) index.data.remove(old);
      this.sizeBytes -= itemSize(old);
    }
    if (item) {
      this.items.set(key, item);
      this.primary.insert(item);
      for (const index of this.indexes.values()) index.data.insert(item);
      this.sizeBytes += itemSize(item);
    } else if (old) this.items.delete(key);
  }

  /** DescribeTable's TableDescription. */
  describe(status: 'ACTIVE' | 'DELETING' = 'ACTIVE'): Record<string, unknown> {
    const d = this.definition;
    const keySchema = (hash: KeyAttribute, range?: KeyAttribute) => [{ AttributeName: hash.name, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' }] : [])];
    const throughput = (p?: { ReadCapacityUnits: number; WriteCapacityUnits: number }) => ({
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: p?.ReadCapacityUnits ?? 0,
      WriteCapacityUnits: p?.WriteCapacityUnits ?? 0,
    });
    const indexDescription = (index: SecondaryIndex) => {
      let projected = 0;
      for (const k of index.data.partitionKeys()) for (const item of index.data.partition(k)) projected += itemSize(index.project(item));
      return {
        IndexName: index.name,
        KeySchema: keySchema(index.definition.hash, index.definition.range),
        Projection: index.definition.projection,
        ...(index.kind === 'GSI' ? { IndexStatus: 'ACTIVE', ProvisionedThroughput: throughput(index.definition.provisioned) } : {}),
        IndexSizeBytes: projected,
        ItemCount: index.data.size,
        IndexArn: `${this.arn}/index/${index.name}`,
      };
    };
    const indexes = [...this.indexes.values()];
    const gsis = indexes.filter((i) => i.kind === 'GSI');
    const lsis = indexes.filter((i) => i.kind === 'LSI');
    return {
      AttributeDefinitions: d.attributeDefinitions,
      TableName: d.name,
      KeySchema: keySchema(d.hash, d.range),
      TableStatus: status,
      CreationDateTime: d.createdAt,
      ProvisionedThroughput: throughput(d.provisioned),
      TableSizeBytes: this.sizeBytes,
      ItemCount: this.items.size,
      TableArn: this.arn,
      TableId: d.tableId,
      ...(d.billingMode === 'PAY_PER_REQUEST' ? { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: d.createdAt } } : {}),
      ...(lsis.length ? { LocalSecondaryIndexes: lsis.map(indexDescription) } : {}),
      ...(gsis.length ? { GlobalSecondaryIndexes: gsis.map(indexDescription) } : {}),
      DeletionProtectionEnabled: d.deletionProtection,
    };
  }
}
