/**
 * The engine: every table in memory, the operations of DynamoDB's API as synchronous functions of
 * a request body, TTL, and the hook persistence uses. It is a library with no server: a test can
 * call `engine.execute('PutItem', {...})` directly, the HTTP server (server.ts) is a thin
 * protocol layer on top.
 *
 * One request runs at a time, start to end, in one synchronous call: that is what makes every
 * single-item write atomic and every transaction serializable without locks. Writes go through
 * `commit`, which hands them to the journal first (with a data directory) and applies them only
 * once the journal has them, so a write is visible only when it would survive a crash.
 */
import type { Item } from './attribute-value';
import { checkName, tableDefinitionFromRequest } from './create-table';
import { InternalServerError, LimitExceededError, ResourceInUseError, ResourceNotFoundError, UnknownOperationError, ValidationError } from './errors';
import { batchGetItem, batchWriteItem } from './operations/batch-operations';
import type { EngineContext, PlannedWrite, TokenRecord } from './operations/context';
import { deleteItem, getItem, putItem, updateItem } from './operations/item-operations';
import { query, scan } from './operations/read-operations';
import { transactGetItems, transactWriteItems } from './operations/transactions';
import { isObject, optionalBoolean, optionalInteger, optionalObject, optionalString, requiredString, type Input } from './request';
import { Table, type TableDefinition } from './table';
import { expiryOf, isExpired, TtlIndex } from './ttl-index';

/** One change as the journal records it (and as a snapshot lists the whole state). */
export type JournalRecord =
  | { op: 'createTable'; definition: TableDefinition }
  | { op: 'deleteTable'; table: string }
  | { op: 'timeToLive'; table: string; ttl: { attributeName: string; enabled: boolean } | undefined }
  | { op: 'put'; table: string; item: Item }
  | { op: 'delete'; table: string; key: Item }
  | { op: 'token'; record: TokenRecord };

/** Where committed changes go before they are applied: throws when it cannot keep them. */
export interface Journal {
  write(records: JournalRecord[]): void;
}

export interface EngineOptions {
  /** Region in ARNs. @default 'us-east-1' */
  region?: string;
  /** Account id in ARNs. @default '000000000000' */
  accountId?: string;
  /** The clock, in milliseconds since the epoch (tests move it to expire items). @default Date.now */
  now?: () => number;
}

/** How long a ClientRequestToken is remembered, as DynamoDB documents. */
export const CLIENT_REQUEST_TOKEN_TTL_MS = 10 * 60 * 1000;
const MAX_TABLES = 2500;

type Operation = (input: Input) => unknown;

export class DynamoDbEngine implements EngineContext {
  private readonly tables = new Map<string, Table>();
  private readonly ttlIndexes = new Map<string, TtlIndex>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly operations: Record<string, Operation>;
  readonly region: string;
  readonly accountId: string;
  /** Set by persistence: committed changes are written here before they are applied. */
  journal: Journal | undefined;
  readonly now: () => number;

  constructor(options: EngineOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.now = options.now ?? Date.now;
    this.operations = {
      CreateTable: (i) => this.createTable(i),
      DescribeTable: (i) => ({ Table: this.table(i.TableName).describe() }),
      DeleteTable: (i) => this.deleteTable(i),
      ListTables: (i) => this.listTables(i),
      UpdateTimeToLive: (i) => this.updateTimeToLive(i),
      DescribeTimeToLive: (i) => this.describeTimeToLive(i),
      DescribeEndpoints: () => ({ Endpoints: [{ Address: 'localhost', CachePeriodInMinutes: 1440 }] }),
      DescribeLimits: () => ({ AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 }),
      PutItem: (i) => putItem(this, i),
      GetItem: (i) => getItem(this, i),
      UpdateItem: (i) => updateItem(this, i),
      DeleteItem: (i) => deleteItem(this, i),
      Query: (i) => query(this, i),
      Scan: (i) => scan(this, i),
      BatchGetItem: (i) => batchGetItem(this, i),
      BatchWriteItem: (i) => batchWriteItem(this, i),
      TransactWriteItems: (i) => transactWriteItems(this, i),
      TransactGetItems: (i) => transactGetItems(this, i),
    };
  }

  /** The operations this engine answers. */
  get operationNames(): string[] {
    return Object.keys(this.operations);
  }

  /**
   * Runs one operation on a parsed request body and returns the response body. Throws a
   * {@link DynamoDbError} (ValidationException, ConditionalCheckFailedException, ...) for
   * everything DynamoDB refuses; any other error is a bug of the engine.
   */
  execute(operation: string, input: unknown): unknown {
    const run = this.operations[operation];
    if (!run) throw new UnknownOperationError();
    if (!isObject(input)) throw new ValidationError('The request body must be a JSON object');
    return run(input);
  }

  // ---- EngineContext

  table(name: unknown): Table {
    if (typeof name !== 'string') throw new ValidationError("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    const arn = /^arn:aws[\w-]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/.exec(name);
    const table = this.tables.get(arn ? (arn[1] as string) : name);
    if (!table) throw new ResourceNotFoundError('Cannot do operations on a non-existent table');
    return table;
  }

  commit(writes: PlannedWrite[], token?: TokenRecord): void {
    if (writes.length === 0 && !token) return;
    if (this.journal) {
      const records: JournalRecord[] = writes.map((w) => (w.after ? { op: 'put', table: w.table.name, item: w.after } : { op: 'delete', table: w.table.name, key: w.table.keyAttributes(w.before as Item) }));
      if (token) records.push({ op: 'token', record: token });
      this.journalWrite(records);
    }
    for (const w of writes) this.apply(w.table, w.key, w.after);
    if (token) this.tokens.set(token.token, token);
  }

  token(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (record && this.now() - record.at > CLIENT_REQUEST_TOKEN_TTL_MS) {
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  // ---- tables

  private journalWrite(records: JournalRecord[]): void {
    try {
      this.journal?.write(records);
    } catch (error) {
      throw new InternalServerError('The local DynamoDB could not record the write in its data directory; nothing was changed', error);
    }
  }

  private apply(table: Table, key: string, item: Item | undefined): void {
    table.write(key, item);
    this.ttlIndexes.get(table.name)?.track(key, item);
  }

  private arnOf(name: string): string {
    return `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${name}`;
  }

  /** Adds a table from its definition (CreateTable, replay, or tables given at start). */
  private addTable(definition: TableDefinition): Table {
    const table = new Table(definition, this.arnOf(definition.name));
    this.tables.set(definition.name, table);
    if (definition.ttl?.enabled) this.ttlIndexes.set(definition.name, new TtlIndex(definition.ttl.attributeName));
    return table;
  }

  private createTable(input: Input): unknown {
    const definition = tableDefinitionFromRequest(input, this.now());
    if (this.tables.has(definition.name)) throw new ResourceInUseError('Cannot create preexisting table');
    if (this.tables.size >= MAX_TABLES) throw new LimitExceededError(`Subscriber limit exceeded: There is a limit of ${MAX_TABLES} tables per account`);
    this.journalWrite([{ op: 'createTable', definition }]);
    return { TableDescription: this.addTable(definition).describe() };
  }

  /**
   * Creates a table from a CreateTable request unless one of that name exists (kept with its
   * items, as a data directory keeps it). Returns whether it was created.
   */
  ensureTable(request: Input): boolean {
    const name = requiredString(request, 'TableName');
    checkName(name);
    if (this.tables.has(name)) return false;
    this.createTable(request);
    return true;
  }

  private deleteTable(input: Input): unknown {
    const table = this.table(input.TableName);
    if (table.definition.deletionProtection) throw new ValidationError(`Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
    this.journalWrite([{ op: 'deleteTable', table: table.name }]);
    const description = table.describe('DELETING');
    this.tables.delete(table.name);
    this.ttlIndexes.delete(table.name);
    return { TableDescription: description };
  }

  private listTables(input: Input): unknown {
    const limit = optionalInteger(input, 'Limit') ?? 100;
    if (limit < 1 || limit > 100) throw new ValidationError(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`);
    const start = optionalString(input, 'ExclusiveStartTableName');
    const names = [...this.tables.keys()].sort().filter((n) => start === undefined || n > start);
    const page = names.slice(0, limit);
    return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
  }

  private updateTimeToLive(input: Input): unknown {
    const table = this.table(input.TableName);
    const spec = optionalObject(input, 'TimeToLiveSpecification');
    if (!spec) throw new ValidationError('TimeToLiveSpecification cannot be null');
    const enabled = optionalBoolean(spec, 'Enabled');
    const attributeName = optionalString(spec, 'AttributeName');
    if (enabled === undefined) throw new ValidationError("1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
    if (!attributeName) throw new ValidationError("1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
    const current = table.definition.ttl;
    if (current?.enabled && current.attributeName !== attributeName) throw new ValidationError('TimeToLive is active on a different AttributeName');
    if (enabled && current?.enabled) throw new ValidationError('TimeToLive is already enabled');
    if (!enabled && !current?.enabled) throw new ValidationError('TimeToLive is already disabled');
    const ttl = enabled ? { attributeName, enabled } : undefined;
    this.journalWrite([{ op: 'timeToLive', table: table.name, ttl }]);
    this.setTimeToLive(table, ttl);
    return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
  }

  private setTimeToLive(table: Table, ttl: { attributeName: string; enabled: boolean } | undefined): void {
    if (ttl) table.definition.ttl = ttl;
    else delete table.definition.ttl;
    this.ttlIndexes.delete(table.name);
    if (ttl?.enabled) {
      const index = new TtlIndex(ttl.attributeName);
      for (const [key, item] of table.items) index.track(key, item);
      this.ttlIndexes.set(table.name, index);
    }
  }

  private describeTimeToLive(input: Input): unknown {
    const ttl = this.table(input.TableName).definition.ttl;
    return { TimeToLiveDescription: ttl?.enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.attributeName } : { TimeToLiveStatus: 'DISABLED' } };
  }

  // ---- TTL

  /**
   * Deletes every item whose TTL has passed (epoch seconds below now, at most five years ago),
   * as DynamoDB's TTL process does, only promptly. Returns how many items it deleted.
   */
  deleteExpiredItems(): number {
    const nowSeconds = this.now() / 1000;
    let deleted = 0;
    for (const [name, index] of this.ttlIndexes) {
      const table = this.tables.get(name);
      if (!table) continue;
      const keys = index.takeExpired(nowSeconds, (key) => isExpired(expiryOf(table.get(key), index.attributeName), nowSeconds));
      if (keys.length === 0) continue;
      this.commit(keys.map((key) => ({ table, key, before: table.get(key), after: undefined })));
      deleted += keys.length;
    }
    return deleted;
  }

  /** Seconds since the epoch of the next recorded expiry of any table (for a sweeper's timer). */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const index of this.ttlIndexes.values()) {
      const n = index.next();
      if (n !== undefined && (next === undefined || n < next)) next = n;
    }
    return next;
  }

  // ---- persistence

  /** The whole state as journal records (tables, items, live tokens), for a snapshot. */
  *snapshot(): Generator<JournalRecord> {
    for (const table of this.tables.values()) {
      yield { op: 'createTable', definition: table.definition };
      for (const item of table.items.values()) yield { op: 'put', table: table.name, item };
    }
    for (const token of this.tokens.keys()) {
      const record = this.token(token);
      if (record) yield { op: 'token', record };
    }
  }

  /** Applies a journaled record again (at start, from a data directory). */
  replay(record: JournalRecord): void {
    switch (record.op) {
      case 'createTable':
        this.addTable(record.definition);
        return;
      case 'deleteTable':
        this.tables.delete(record.table);
        this.ttlIndexes.delete(record.table);
        return;
      case 'timeToLive': {
        const table = this.tables.get(record.table);
        if (table) this.setTimeToLive(table, record.ttl);
        return;
      }
      case 'put': {
        const table = this.tables.get(record.table);
        if (table) this.apply(table, table.keyOf(record.item), record.item);
        return;
      }
      case 'delete': {
        const table = this.tables.get(record.table);
        if (table) this.apply(table, table.keyOf(record.key), undefined);
        return;
      }
      case 'token':
        this.tokens.set(record.record.token, record.record);
        return;
    }
  }

  /** Names of the tables, sorted. */
  tableNames(): string[] {
    return [...this.tables.keys()].sort();
  }
}
