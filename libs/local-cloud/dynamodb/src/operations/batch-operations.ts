/**
 * BatchGetItem (up to 100 keys, 16 MB answered, the rest as UnprocessedKeys) and BatchWriteItem
 * (up to 25 puts and deletes, no conditions). The whole batch is validated before any item is
 * written; this engine then writes it all at once (nothing is ever left unprocessed).
 */
import { itemSize, type Item } from '../attribute-value';
import { CapacityMeter, meterWrite, readUnits, type ConsumedCapacity } from '../capacity';
import { ValidationError } from '../errors';
import { isObject, optionalBoolean, optionalObject, type Input } from '../request';
import { validateItemAttributes } from '../attribute-value';
import type { EngineContext, PlannedWrite } from './context';
import { checkItemToStore, checkKey, expressionAttributes, projectionOf, returnConsumedCapacity } from './item-operations';

const MAX_GET_KEYS = 100;
const MAX_WRITES = 25;
const MAX_GET_BYTES = 16 * 1024 * 1024;

export function batchGetItem(ctx: EngineContext, input: Input): unknown {
  const requests = optionalObject(input, 'RequestItems');
  if (!requests || Object.keys(requests).length === 0) throw new ValidationError('The requestItems parameter is required for BatchGetItem');
  const mode = returnConsumedCapacity(input);
  let total = 0;
  const plans = Object.entries(requests).map(([tableName, raw]) => {
    const table = ctx.table(tableName);
    if (!isObject(raw) || !Array.isArray(raw.Keys) || raw.Keys.length === 0) throw new ValidationError(`The Keys of table ${tableName} must be a non-empty list`);
    const attributes = expressionAttributes({ ...raw, ExpressionAttributeValues: undefined }, ['ProjectionExpression']);
    const projection = projectionOf(raw, attributes);
    attributes.checkAllUsed();
    const seen = new Set<string>();
    const keys = raw.Keys.map((k) => {
      if (!isObject(k)) throw new ValidationError('Every key must be a map of attribute values');
      const key = validateItemAttributes(k, 0, 'Key');
      const mapKey = checkKey(table, key);
      if (seen.has(mapKey)) throw new ValidationError('Provided list of item keys contains duplicates');
      seen.add(mapKey);
      return { key, mapKey };
    });
    total += keys.length;
    return { tableName, table, projection, keys, raw, consistent: optionalBoolean(raw, 'ConsistentRead') ?? false };
  });
  if (total > MAX_GET_KEYS) throw new ValidationError('Too many items requested for the BatchGetItem call');
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, Record<string, unknown>> = {};
  const capacity: ConsumedCapacity[] = [];
  let bytes = 0;
  for (const plan of plans) {
    const found: Item[] = [];
    const meter = new CapacityMeter(plan.table.name);
    const left: Item[] = [];
    for (const { key, mapKey } of plan.keys) {
      if (bytes >= MAX_GET_BYTES) {
        left.push(key);
        continue;
      }
      const item = plan.table.get(mapKey);
      if (!item) continue;
      bytes += itemSize(item);
      meter.addTable(readUnits(itemSize(item), plan.consistent));
      found.push(plan.projection ? plan.projection.apply(item) : item);
    }
    responses[plan.tableName] = found;
    if (left.length > 0) unprocessed[plan.tableName] = { ...plan.raw, Keys: left };
    const report = meter.report(mode);
    if (report) capacity.push(report);
  }
  return { Responses: responses, UnprocessedKeys: unprocessed, ...(capacity.length ? { ConsumedCapacity: capacity } : {}) };
}

export function batchWriteItem(ctx: EngineContext, input: Input): unknown {
  const requests = optionalObject(input, 'RequestItems');
  if (!requests || Object.keys(requests).length === 0) throw new ValidationError('BatchWriteItem cannot have a null or no requests set');
  const mode = returnConsumedCapacity(input);
  const writes: PlannedWrite[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const [tableName, raw] of Object.entries(requests)) {
    const table = ctx.table(tableName);
    if (!Array.isArray(raw) || raw.length === 0) throw new ValidationError(`The write requests of table ${tableName} must be a non-empty list`);
    for (const request of raw) {
      count++;
      if (!isObject(request)) throw new ValidationError('Every write request must be an object');
      const put = request.PutRequest;
      const del = request.DeleteRequest;
      if ((put === undefined) === (del === undefined)) throw new ValidationError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
      let mapKey: string;
      let after: Item | undefined;
      if (put !== undefined) {
        if (!isObject(put) || !isObject(put.Item)) throw new ValidationError('A PutRequest needs an Item');
        after = validateItemAttributes(put.Item, 0, 'Item');
        mapKey = checkItemToStore(table, after);
      } else {
        if (!isObject(del) || !isObject(del.Key)) throw new ValidationError('A DeleteRequest needs a Key');
        mapKey = checkKey(table, validateItemAttributes(del.Key, 0, 'Key'));
      }
      const id = `${table.name}\u0000${mapKey}`;
      if (seen.has(id)) throw new ValidationError('Provided list of item keys contains duplicates');
      seen.add(id);
      writes.push({ table, key: mapKey, before: table.get(mapKey), after });
    }
  }
  if (count > MAX_WRITES) throw new ValidationError('Too many items requested for the BatchWriteItem call');
  ctx.commit(writes.filter((w) => w.before !== undefined || w.after !== undefined));
  const meters = new Map<string, CapacityMeter>();
  for (const w of writes) {
    const meter = meters.get(w.table.name) ?? new CapacityMeter(w.table.name);
    meters.set(w.table.name, meter);
    meterWrite(meter, w.table, w.before, w.after);
  }
  const capacity = [...meters.values()].map((m) => m.report(mode)).filter((c): c is ConsumedCapacity => c !== undefined);
  return { UnprocessedItems: {}, ...(capacity.length ? { ConsumedCapacity: capacity } : {}) };
}
