/**
 * Query and Scan, on a table or on one of its secondary indexes: key conditions checked as
 * DynamoDB checks them, a page ends at Limit evaluated items or at 1 MB read, LastEvaluatedKey
 * resumes exactly after the last item evaluated, FilterExpression applies after the read (Count
 * vs ScannedCount), and projections follow the index's projection (a local index fetches what it
 * does not hold from the table; a global one cannot).
 */
import { compareScalars, itemSize, type AttributeValue, type Item } from '../attribute-value';
import { CapacityMeter, readUnits } from '../capacity';
import { ValidationError } from '../errors';
import { beginsWith, compileCondition, evaluateCondition, type Condition, type Projection } from '../expressions';
import type { Operand } from '../expressions/ast';
import { optionalBoolean, optionalEnum, optionalInteger, optionalItem, optionalString, refuseLegacyParameters, type Input } from '../request';
import { encodeKeyValue, type Partition, type SortedPartitions } from '../sorted-partitions';
import type { KeyAttribute, SecondaryIndex, Table } from '../table';
import type { EngineContext } from './context';
import { expressionAttributes, projectionOf, returnConsumedCapacity } from './item-operations';

const PAGE_BYTES = 1024 * 1024;
const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'] as const;
type Select = (typeof SELECT)[number];

/** What a read walks: the table's own partitions or an index's, with their keys. */
interface Source {
  table: Table;
  index?: SecondaryIndex;
  data: SortedPartitions;
  hash: KeyAttribute;
  range?: KeyAttribute;
}

function sourceOf(table: Table, input: Input): Source {
  const indexName = optionalString(input, 'IndexName');
  if (indexName === undefined) return { table, data: table.primary, hash: table.hash, range: table.range };
  const index = table.indexes.get(indexName);
  if (!index) throw new ValidationError(`The table does not have the specified index: ${indexName}`);
  return { table, index, data: index.data, hash: index.definition.hash, range: index.definition.range };
}

/** The key attributes of an item in a source: the index's and the table's. */
function keyNames(source: Source): string[] {
  const names = [source.table.hash.name, ...(source.table.range ? [source.table.range.name] : [])];
  if (source.index) {
    for (const attribute of [source.index.definition.hash, source.index.definition.range]) if (attribute && !names.includes(attribute.name)) names.push(attribute.name);
  }
  return names;
}

function lastEvaluatedKey(source: Source, item: Item): Item {
  const key: Item = {};
  for (const name of keyNames(source)) key[name] = item[name] as AttributeValue;
  return key;
}

/** ExclusiveStartKey, checked to hold exactly the source's key attributes. */
function startKeyOf(source: Source, input: Input): Item | undefined {
  const start = optionalItem(input, 'ExclusiveStartKey');
  if (!start) return undefined;
  const names = keyNames(source);
  if (Object.keys(start).length !== names.length) {
    throw new ValidationError(source.index ? 'The provided starting key is invalid' : "Exclusive Start Key must have same size as table's key schema");
  }
  for (const name of names) {
    if (start[name] === undefined) throw new ValidationError('The provided starting key is invalid: The provided key element does not match the schema');
  }
  const attributes = [source.table.hash, source.table.range, source.index?.definition.hash, source.index?.definition.range].filter((a): a is KeyAttribute => a !== undefined);
  for (const attribute of attributes) {
    if (!(attribute.type in (start[attribute.name] as AttributeValue))) throw new ValidationError('The provided starting key is invalid: The provided key element does not match the schema');
  }
  return start;
}

function selectOf(input: Input, source: Source, projection: Projection | undefined): Select {
  const select = optionalEnum(input, 'Select', SELECT);
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection) throw new ValidationError('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  if (projection && select && select !== 'SPECIFIC_ATTRIBUTES') {
    const what = select === 'COUNT' ? 'only the Count' : select;
    throw new ValidationError(`Cannot specify the ProjectionExpression when choosing to get ${what}`);
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !source.index) throw new ValidationError('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && source.index?.kind === 'GSI' && source.index.definition.projection.ProjectionType !== 'ALL') {
    throw new ValidationError(`One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${source.index.name} because its projection type is not ALL`);
  }
  const index = source.index;
  if (projection && index?.kind === 'GSI' && index.projected) {
    const missing = [...projection.topLevel].filter((name) => !index.projected?.has(name));
    if (missing.length > 0) throw new ValidationError(`One or more parameter values were invalid: Global secondary index ${index.name} does not project [${missing.join(', ')}]`);
  }
  return select ?? (projection ? 'SPECIFIC_ATTRIBUTES' : source.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
}

/** The item a read answers with, before the request's own projection. */
function visibleItem(source: Source, item: Item, select: Select, projection: Projection | undefined): Item {
  const index = source.index;
  if (!index || !index.projected) return item;
  if (index.kind === 'LSI' && (select === 'ALL_ATTRIBUTES' || (projection && [...projection.topLevel].some((n) => !index.projected?.has(n))))) return item;
  return index.project(item);
}

interface PageOptions {
  source: Source;
  limit?: number;
  filter?: Condition;
  select: Select;
  projection?: Projection;
  consistent: boolean;
}

/** Reads a page from an iterator of stored items. */
function readPage(entries: Iterable<Item>, options: PageOptions): Record<string, unknown> & { bytes: number } {
  const items: Item[] = [];
  let count = 0;
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  let stoppedEarly = false;
  for (const stored of entries) {
    if ((options.limit !== undefined && scanned >= options.limit) || bytes >= PAGE_BYTES) {
      stoppedEarly = true;
      break;
    }
    const item = visibleItem(options.source, stored, options.select, options.projection);
    scanned++;
    bytes += itemSize(item);
    last = stored;
    if (options.filter && !evaluateCondition(options.filter, item)) continue;
    count++;
    if (options.select !== 'COUNT') items.push(options.projection ? options.projection.apply(item) : item);
  }
  // DynamoDB ends a page at Limit without looking further: the key is answered even when nothing follows.
  if (!stoppedEarly && options.limit !== undefined && scanned >= options.limit) stoppedEarly = true;
  return {
    ...(options.select !== 'COUNT' ? { Items: items } : {}),
    Count: count,
    ScannedCount: scanned,
    ...(stoppedEarly && last ? { LastEvaluatedKey: lastEvaluatedKey(options.source, last) } : {}),
    bytes,
  };
}

function meterRead(source: Source, bytes: number, consistent: boolean, mode: ReturnType<typeof returnConsumedCapacity>): Record<string, unknown> {
  const meter = new CapacityMeter(source.table.name);
  const units = readUnits(bytes, consistent);
  if (source.index) {
    meter.addTable(0);
    meter.addIndex(source.index.name, source.index.kind, units);
  } else meter.addTable(units);
  const capacity = meter.report(mode);
  return capacity ? { ConsumedCapacity: capacity } : {};
}

/** A filter may not name the key attributes of what a Query reads. */
function checkFilterAvoidsKeys(filter: Condition | undefined, source: Source): void {
  if (!filter) return;
  const keys = new Set([source.hash.name, ...(source.range ? [source.range.name] : [])]);
  const visit = (c: Condition): void => {
    const operands: unknown[] = [];
    switch (c.kind) {
      case 'and':
      case 'or':
        visit(c.left);
        visit(c.right);
        return;
      case 'not':
        visit(c.operand);
        return;
      case 'exists':
      case 'not_exists':
      case 'type':
        operands.push({ kind: 'path', path: c.path });
        break;
      case 'compare':
      case 'begins_with':
      case 'contains':
        operands.push(c.left, c.right);
        break;
      case 'between':
        operands.push(c.operand, c.low, c.high);
        break;
      case 'in':
        operands.push(c.operand, ...c.list);
        break;
    }
    for (const o of operands) {
      let operand = o as { kind: string; path?: (string | number)[]; operand?: unknown };
      while (operand.kind === 'size') operand = operand.operand as typeof operand;
      const name = operand.kind === 'path' ? operand.path?.[0] : undefined;
      if (typeof name === 'string' && keys.has(name)) throw new ValidationError(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`);
    }
  };
  visit(filter);
}

type RangeCondition = { op: '=' | '<' | '<=' | '>' | '>='; value: AttributeValue } | { op: 'between'; low: AttributeValue; high: AttributeValue } | { op: 'begins_with'; value: AttributeValue };

/** Splits a key condition into the partition value and the sort key condition, with DynamoDB's refusals. */
function analyzeKeyCondition(condition: Condition, source: Source): { hashValue: AttributeValue; range?: RangeCondition } {
  const leaves: Condition[] = [];
  const flatten = (c: Condition): void => {
    if (c.kind === 'and') {
      flatten(c.left);
      flatten(c.right);
    } else leaves.push(c);
  };
  flatten(condition);
  let hashValue: AttributeValue | undefined;
  let range: RangeCondition | undefined;
  const seen = new Set<string>();
  for (const leaf of leaves) {
    let name: string;
    let rangeCondition: RangeCondition | undefined;
    let isEquality = false;
    let value: AttributeValue;
    const operandName = (o: Operand): string | undefined => {
      if (o.kind === 'size') throw new ValidationError('KeyConditionExpressions cannot contain nested operations');
      if (o.kind !== 'path') return undefined;
      if (o.path.length > 1) throw new ValidationError('KeyConditionExpressions cannot contain nested operations');
      return o.path[0] as string;
    };
    switch (leaf.kind) {
      case 'or':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: OR');
      case 'not':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: NOT');
      case 'in':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: IN');
      case 'exists':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: attribute_exists');
      case 'not_exists':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: attribute_not_exists');
      case 'type':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: attribute_type');
      case 'contains':
        throw new ValidationError('Invalid operator used in KeyConditionExpression: contains');
      case 'compare': {
        if (leaf.op === '<>') throw new ValidationError('Invalid operator used in KeyConditionExpression: <>');
        const left = operandName(leaf.left);
        const right = operandName(leaf.right);
        if (left !== undefined && right !== undefined) {
          throw new ValidationError(`Invalid KeyConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: ${leaf.op}, first operand: [${left}]`);
        }
        const pathSide = left ?? right;
        const valueSide = left !== undefined ? leaf.right : leaf.left;
        if (pathSide === undefined || valueSide.kind !== 'value') throw new ValidationError('Invalid KeyConditionExpression: a key condition compares a key attribute with a value');
        name = pathSide;
        value = valueSide.value;
        // `:v < sk` means sk > :v.
        const flipped: Record<string, '=' | '<' | '<=' | '>' | '>='> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
        const op = left !== undefined ? leaf.op : (flipped[leaf.op] as '=');
        isEquality = op === '=';
        rangeCondition = { op, value };
        break;
      }
      case 'between': {
        const n = operandName(leaf.operand);
        if (n === undefined || leaf.low.kind !== 'value' || leaf.high.kind !== 'value') throw new ValidationError('Invalid KeyConditionExpression: BETWEEN compares a key attribute with two values');
        name = n;
        value = leaf.low.value;
        rangeCondition = { op: 'between', low: leaf.low.value, high: leaf.high.value };
        break;
      }
      case 'begins_with': {
        const n = operandName(leaf.left);
        if (n === undefined || leaf.right.kind !== 'value') throw new ValidationError('Invalid KeyConditionExpression: begins_with takes a key attribute and a value');
        name = n;
        value = leaf.right.value;
        rangeCondition = { op: 'begins_with', value };
        break;
      }
      default:
        throw new ValidationError('Query key condition not supported');
    }
    if (seen.has(name)) throw new ValidationError('KeyConditionExpressions must only contain one condition per key');
    seen.add(name);
    const attribute = name === source.hash.name ? source.hash : name === source.range?.name ? source.range : undefined;
    if (!attribute) throw new ValidationError('Query condition missed key schema element');
    if (!(attribute.type in value) || (rangeCondition?.op === 'between' && !(attribute.type in rangeCondition.high))) {
      throw new ValidationError('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
    if (attribute === source.hash) {
      if (!isEquality) throw new ValidationError('Query key condition not supported');
      hashValue = value;
    } else range = rangeCondition;
  }
  if (!hashValue) throw new ValidationError('Query condition missed key schema element');
  return { hashValue, ...(range ? { range } : {}) };
}

const startsWith = (value: AttributeValue | undefined, prefix: AttributeValue) => value !== undefined && beginsWith(value, prefix);

/** The [from, to) slice of a sorted partition that a sort key condition selects. */
function rangeBounds(entries: Partition, rangeName: string | undefined, range: RangeCondition | undefined): [number, number] {
  if (!range || !rangeName) return [0, entries.size];
  const cmp = (e: Item, v: AttributeValue) => compareScalars(e[rangeName] as AttributeValue, v) ?? 0;
  const firstAtLeast = (v: AttributeValue) => entries.seek((e) => (cmp(e, v) < 0 ? -1 : 0));
  const firstAbove = (v: AttributeValue) => entries.seek((e) => (cmp(e, v) <= 0 ? -1 : 0));
  switch (range.op) {
    case '=':
      return [firstAtLeast(range.value), firstAbove(range.value)];
    case '<':
      return [0, firstAtLeast(range.value)];
    case '<=':
      return [0, firstAbove(range.value)];
    case '>':
      return [firstAbove(range.value), entries.size];
    case '>=':
      return [firstAtLeast(range.value), entries.size];
    case 'between':
      return [firstAtLeast(range.low), firstAbove(range.high)];
    case 'begins_with': {
      const from = firstAtLeast(range.value);
      const to = entries.seek((e) => (cmp(e, range.value) < 0 || startsWith(e[rangeName], range.value) ? -1 : 0));
      return [from, Math.max(from, to)];
    }
  }
}

function matchesRange(value: AttributeValue | undefined, range: RangeCondition | undefined): boolean {
  if (!range) return true;
  if (!value) return false;
  switch (range.op) {
    case 'between':
      return (compareScalars(value, range.low) ?? -1) >= 0 && (compareScalars(value, range.high) ?? 1) <= 0;
    case 'begins_with':
      return startsWith(value, range.value);
    default: {
      const order = compareScalars(value, range.value);
      if (order === undefined) return false;
      return range.op === '=' ? order === 0 : range.op === '<' ? order < 0 : range.op === '<=' ? order <= 0 : range.op === '>' ? order > 0 : order >= 0;
    }
  }
}

export function query(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const source = sourceOf(table, input);
  refuseLegacyParameters(input);
  const attributes = expressionAttributes(input, ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression'], ['FilterExpression', 'KeyConditionExpression']);
  if (input.KeyConditionExpression == null) throw new ValidationError('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const keyCondition = compileCondition('KeyConditionExpression', input.KeyConditionExpression, attributes);
  const filter = input.FilterExpression != null ? compileCondition('FilterExpression', input.FilterExpression, attributes) : undefined;
  const projection = projectionOf(input, attributes);
  attributes.checkAllUsed();
  const { hashValue, range } = analyzeKeyCondition(keyCondition, source);
  checkFilterAvoidsKeys(filter, source);
  const select = selectOf(input, source, projection);
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  if (consistent && source.index?.kind === 'GSI') throw new ValidationError('Consistent reads are not supported on global secondary indexes');
  const limit = optionalInteger(input, 'Limit');
  if (limit !== undefined && limit < 1) throw new ValidationError('Limit must be greater than or equal to 1');
  const forward = optionalBoolean(input, 'ScanIndexForward') ?? true;
  const mode = returnConsumedCapacity(input);
  const start = startKeyOf(source, input);

  const entries = source.data.partition(encodeKeyValue(hashValue) as string);
  let [from, to] = rangeBounds(entries, source.range?.name, range);
  if (start) {
    if (compareScalars(start[source.hash.name] as AttributeValue, hashValue) !== 0) throw new ValidationError('The provided starting key does not match the range key predicate');
    if (source.range && !matchesRange(start[source.range.name], range)) throw new ValidationError('The provided starting key does not match the range key predicate');
    const after = entries.seek((e) => (source.data.compare(e, start) <= 0 ? -1 : 0));
    if (forward) from = Math.max(from, after);
    else to = Math.min(to, entries.seek((e) => (source.data.compare(e, start) < 0 ? -1 : 0)));
  }
  const { bytes, ...page } = readPage(entries.range(from, to, forward), { source, limit, filter, select, projection, consistent });
  return { ...page, ...meterRead(source, bytes, consistent, mode) };
}

/** FNV-1a of a partition key, for Segment/TotalSegments. */
function segmentOf(partitionKey: string, totalSegments: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) {
    hash ^= partitionKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % totalSegments;
}

function* scanEntries(source: Source, start: Item | undefined, segment: { segment: number; total: number } | undefined): Generator<Item> {
  const keys = source.data.partitionKeys();
  let first = 0;
  let startKey: string | undefined;
  if (start) {
    startKey = encodeKeyValue(start[source.hash.name]) as string;
    let high = keys.length;
    while (first < high) {
      const mid = (first + high) >>> 1;
      if ((keys[mid] as string) < startKey) first = mid + 1;
      else high = mid;
    }
  }
  for (let p = first; p < keys.length; p++) {
    const key = keys[p] as string;
    if (segment && segmentOf(key, segment.total) !== segment.segment) continue;
    const entries = source.data.partition(key);
    let from = 0;
    if (start && key === startKey) from = entries.seek((e) => (source.data.compare(e, start) <= 0 ? -1 : 0));
    yield* entries.range(from, entries.size);
  }
}

export function scan(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const source = sourceOf(table, input);
  refuseLegacyParameters(input);
  const attributes = expressionAttributes(input, ['FilterExpression', 'ProjectionExpression']);
  const filter = input.FilterExpression != null ? compileCondition('FilterExpression', input.FilterExpression, attributes) : undefined;
  const projection = projectionOf(input, attributes);
  attributes.checkAllUsed();
  const select = selectOf(input, source, projection);
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  if (consistent && source.index?.kind === 'GSI') throw new ValidationError('Consistent reads are not supported on global secondary indexes');
  const limit = optionalInteger(input, 'Limit');
  if (limit !== undefined && limit < 1) throw new ValidationError('Limit must be greater than or equal to 1');
  const segmentNumber = optionalInteger(input, 'Segment');
  const totalSegments = optionalInteger(input, 'TotalSegments');
  let segment: { segment: number; total: number } | undefined;
  if (segmentNumber !== undefined || totalSegments !== undefined) {
    if (totalSegments === undefined) throw new ValidationError('If segment is specified, total segment must also be specified');
    if (segmentNumber === undefined) throw new ValidationError('If total segment is specified, segment must also be specified');
    if (totalSegments < 1 || totalSegments > 1_000_000) throw new ValidationError('TotalSegments must be between 1 and 1000000');
    if (segmentNumber < 0 || segmentNumber >= totalSegments) {
      throw new ValidationError(`1 validation error detected: Value '${segmentNumber}' at 'segment' failed to satisfy constraint: Member must have value ${segmentNumber < 0 ? 'greater than or equal to 0' : `less than or equal to ${totalSegments - 1}`}`);
    }
    segment = { segment: segmentNumber, total: totalSegments };
  }
  const mode = returnConsumedCapacity(input);
  const start = startKeyOf(source, input);
  const { bytes, ...page } = readPage(scanEntries(source, start, segment), { source, limit, filter, select, projection, consistent });
  return { ...page, ...meterRead(source, bytes, consistent, mode) };
}
