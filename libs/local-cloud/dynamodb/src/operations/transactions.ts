/**
 * TransactWriteItems and TransactGetItems. A transaction is validated whole (a malformed item is
 * a ValidationException for the request), then every condition is evaluated against the current
 * items; if any fails, nothing is written and TransactionCanceledException lists one reason per
 * item in request order. Otherwise all writes are committed as one journal record. The engine
 * runs one request at a time, so a transaction is serializable with every other request, which
 * is the isolation DynamoDB documents (no concurrent write sees half of it).
 *
 * ClientRequestToken: a successful transaction's token is kept for 10 minutes; the same token
 * with the same request answers the same result without writing again, with another request
 * IdempotentParameterMismatchException.
 *
 * Errors that only the items' current state reveals (an update of a wrong type, an item grown
 * past 400 KB) cancel the transaction with a `ValidationError` reason, as AWS's documentation
 * describes; DynamoDB Local answers a plain ValidationException there (see the README).
 */
import { createHash } from 'node:crypto';
import { itemSize, validateItemAttributes } from '../attribute-value';
import { CapacityMeter, meterWrite, readUnits, type ConsumedCapacity } from '../capacity';
import { ConditionalCheckFailedError, IdempotentParameterMismatchError, KeyTypeMismatchError, TransactionCanceledError, ValidationError, type CancellationReason } from '../errors';
import { compileCondition, compileUpdate, evaluateCondition, type Condition } from '../expressions';
import { isObject, optionalArray, optionalEnum, optionalString, type Input } from '../request';
import type { Table } from '../table';
import type { EngineContext, PlannedWrite } from './context';
import { checkItemToStore, checkKey, checkUpdateKeepsKey, expressionAttributes, planDelete, planPut, planUpdate, projectionOf, returnConsumedCapacity, type ItemWritePlan } from './item-operations';

const MAX_ITEMS = 100;
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
type Kind = (typeof KINDS)[number];

interface PreparedItem {
  kind: Kind;
  table: Table;
  mapKey: string;
  /** Plans the write against the current items; throws ConditionalCheckFailedError or ValidationError. */
  plan(): ItemWritePlan;
}

function prepare(ctx: EngineContext, entry: unknown, position: number): PreparedItem {
  if (!isObject(entry)) throw new ValidationError('Invalid Request: TransactWriteRequest should contain Delete or Put or Update request');
  const kinds = KINDS.filter((k) => entry[k] !== undefined && entry[k] !== null);
  if (kinds.length === 0) throw new ValidationError('Invalid Request: TransactWriteRequest should contain Delete or Put or Update request');
  if (kinds.length > 1) throw new ValidationError('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0] as Kind;
  const raw = entry[kind];
  if (!isObject(raw)) throw new ValidationError(`Invalid Request: ${kind} must be an object`);
  const table = ctx.table(raw.TableName);
  const returnOldOnFailure = optionalEnum(raw, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const) === 'ALL_OLD';
  const memberPath = `transactItems.${position}.member.${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
  if (kind === 'ConditionCheck' && raw.ConditionExpression == null) {
    throw new ValidationError(`Value null at '${memberPath}.conditionExpression' failed to satisfy constraint: Member must not be null`);
  }
  const fields = kind === 'Update' ? ['ConditionExpression', 'UpdateExpression'] : ['ConditionExpression'];
  const attributes = expressionAttributes(raw, fields, kind === 'Update' ? ['UpdateExpression', 'ConditionExpression'] : ['ConditionExpression']);
  if (kind === 'Update' && raw.UpdateExpression == null) {
    throw new ValidationError(`Value null at '${memberPath}.updateExpression' failed to satisfy constraint: Member must not be null`);
  }
  const actions = kind === 'Update' ? compileUpdate(raw.UpdateExpression, attributes) : [];
  const condition: Condition | undefined = raw.ConditionExpression != null ? compileCondition('ConditionExpression', raw.ConditionExpression, attributes) : undefined;
  attributes.checkAllUsed();
  if (kind === 'Put') {
    if (!isObject(raw.Item)) throw new ValidationError(`Value null at '${memberPath}.item' failed to satisfy constraint: Member must not be null`);
    const item = validateItemAttributes(raw.Item, 0, 'Item');
    const { mapKey, mismatch } = deferKeyMismatch(() => checkItemToStore(table, item), position);
    return {
      kind,
      table,
      mapKey,
      plan: () => {
        if (mismatch) throw mismatch;
        return planPut(ctx, { table, item, condition, returnOldOnFailure });
      },
    };
  }
  if (!isObject(raw.Key)) throw new ValidationError(`Value null at '${memberPath}.key' failed to satisfy constraint: Member must not be null`);
  const key = validateItemAttributes(raw.Key, 0, 'Key');
  const { mapKey, mismatch } = deferKeyMismatch(() => checkKey(table, key), position);
  if (mismatch) {
    return {
      kind,
      table,
      mapKey,
      plan: () => {
        throw mismatch;
      },
    };
  }
  if (kind === 'Update') {
    // Checked with the item, as a cancellation reason of its own (as DynamoDB Local answers it).
    return {
      kind,
      table,
      mapKey,
      plan: () => {
        checkUpdateKeepsKey(table, actions);
        return planUpdate(ctx, { table, key, mapKey, actions, condition, returnOldOnFailure });
      },
    };
  }
  if (kind === 'Delete') return { kind, table, mapKey, plan: () => planDelete(ctx, { table, key, mapKey, condition, returnOldOnFailure }) };
  return {
    kind,
    table,
    mapKey,
    plan: () => {
      const before = table.get(mapKey);
      if (condition && !evaluateCondition(condition, before)) throw new ConditionalCheckFailedError(returnOldOnFailure ? before : undefined);
      return { write: undefined, before, after: before };
    },
  };
}

/**
 * A key of the wrong type cancels the transaction with a ValidationError reason for its item
 * (DynamoDB Local answers so) instead of refusing the request: the check is kept for `plan`.
 */
function deferKeyMismatch(check: () => string, position: number): { mapKey: string; mismatch?: KeyTypeMismatchError } {
  try {
    return { mapKey: check() };
  } catch (error) {
    if (error instanceof KeyTypeMismatchError) return { mapKey: `\u0000invalid key ${position}`, mismatch: error };
    throw error;
  }
}

/** A stable digest of a request, for ClientRequestToken comparisons. */
function requestHash(input: Input): string {
  const { ClientRequestToken: _token, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64');
}

export function transactWriteItems(ctx: EngineContext, input: Input): unknown {
  const items = optionalArray(input, 'TransactItems');
  if (!items || items.length === 0) throw new ValidationError(`Value ${items ? '[]' : 'null'} at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (items.length > MAX_ITEMS) throw new ValidationError(`Member must have length less than or equal to ${MAX_ITEMS}`);
  const mode = returnConsumedCapacity(input);
  const token = optionalString(input, 'ClientRequestToken');
  if (token !== undefined && (token.length < 1 || token.length > 36)) {
    throw new ValidationError(`1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36`);
  }
  const hash = token !== undefined ? requestHash(input) : '';
  if (token !== undefined) {
    const seen = ctx.token(token);
    if (seen) {
      if (seen.requestHash !== hash) throw new IdempotentParameterMismatchError();
      return seen.response;
    }
  }
  const prepared = items.map((entry, i) => prepare(ctx, entry, i + 1));
  const targets = new Set<string>();
  for (const p of prepared) {
    const id = `${p.table.name}\u0000${p.mapKey}`;
    if (targets.has(id)) throw new ValidationError('Transaction request cannot include multiple operations on one item');
    targets.add(id);
  }
  const plans: (ItemWritePlan | undefined)[] = [];
  const reasons: CancellationReason[] = [];
  let cancelled = false;
  for (const p of prepared) {
    try {
      plans.push(p.plan());
      reasons.push({ Code: 'None' });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedError) {
        reasons.push({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(error.item ? { Item: error.item } : {}) });
      } else if (error instanceof ValidationError) {
        reasons.push({ Code: 'ValidationError', Message: error.message });
      } else throw error;
      plans.push(undefined);
      cancelled = true;
    }
  }
  if (cancelled) throw new TransactionCanceledError(reasons);
  const total = plans.reduce((n, plan) => n + (plan?.after ? itemSize(plan.after) : 0), 0);
  if (total > MAX_TRANSACTION_BYTES) throw new ValidationError('Transaction request exceeds the 4 MB size limit');
  const writes = plans.map((plan) => plan?.write).filter((w): w is PlannedWrite => w !== undefined);
  const response = { ...capacityOf(prepared, plans, mode) };
  ctx.commit(writes, token !== undefined ? { token, requestHash: hash, response, at: ctx.now() } : undefined);
  return response;
}

function capacityOf(prepared: PreparedItem[], plans: (ItemWritePlan | undefined)[], mode: ReturnType<typeof returnConsumedCapacity>): Record<string, unknown> {
  if (!mode || mode === 'NONE') return {};
  const meters = new Map<string, CapacityMeter>();
  prepared.forEach((p, i) => {
    const meter = meters.get(p.table.name) ?? new CapacityMeter(p.table.name);
    meters.set(p.table.name, meter);
    const plan = plans[i] as ItemWritePlan;
    if (p.kind === 'ConditionCheck') meter.addTable(2 * Math.max(1, Math.ceil((plan.before ? itemSize(plan.before) : 0) / 1024)));
    else meterWrite(meter, p.table, plan.before, plan.after, 2);
  });
  return { ConsumedCapacity: [...meters.values()].map((m) => m.report(mode)).filter((c): c is ConsumedCapacity => c !== undefined) };
}

export function transactGetItems(ctx: EngineContext, input: Input): unknown {
  const items = optionalArray(input, 'TransactItems');
  if (!items || items.length === 0) throw new ValidationError(`Value ${items ? '[]' : 'null'} at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (items.length > MAX_ITEMS) throw new ValidationError(`Member must have length less than or equal to ${MAX_ITEMS}`);
  const mode = returnConsumedCapacity(input);
  const targets = new Set<string>();
  const gets = items.map((entry) => {
    if (!isObject(entry) || !isObject(entry.Get)) throw new ValidationError('Invalid Request: TransactGetRequest should contain a Get request');
    const raw = entry.Get;
    const table = ctx.table(raw.TableName);
    if (!isObject(raw.Key)) throw new ValidationError('Cannot have null key for GetItem, DeleteItem, or UpdateItem');
    const mapKey = checkKey(table, validateItemAttributes(raw.Key, 0, 'Key'));
    const attributes = expressionAttributes({ ...raw, ExpressionAttributeValues: undefined }, ['ProjectionExpression']);
    const projection = projectionOf(raw, attributes);
    attributes.checkAllUsed();
    const id = `${table.name}\u0000${mapKey}`;
    if (targets.has(id)) throw new ValidationError('Transaction request cannot include multiple operations on one item');
    targets.add(id);
    return { table, mapKey, projection };
  });
  const meters = new Map<string, CapacityMeter>();
  const responses = gets.map(({ table, mapKey, projection }) => {
    const item = table.get(mapKey);
    const meter = meters.get(table.name) ?? new CapacityMeter(table.name);
    meters.set(table.name, meter);
    meter.addTable(2 * readUnits(item ? itemSize(item) : 0, true));
    if (!item) return {};
    return { Item: projection ? projection.apply(item) : item };
  });
  const capacity = [...meters.values()].map((m) => m.report(mode)).filter((c): c is ConsumedCapacity => c !== undefined);
  return { ...(capacity.length ? { ConsumedCapacity: capacity } : {}), Responses: responses };
}
