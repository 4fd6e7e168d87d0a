/**
 * PutItem, GetItem, UpdateItem and DeleteItem. Each write is planned in full first (validation,
 * condition, the new item, its size and index keys), so a refused request changes nothing; then
 * it is committed (journaled, then applied) in one step.
 */
import { itemSize, MAX_ITEM_SIZE, type AttributeValue, type Item } from '../attribute-value';
import { CapacityMeter, meterWrite, readUnits, type ReturnConsumedCapacity } from '../capacity';
import { ConditionalCheckFailedError, KeyTypeMismatchError, ValidationError } from '../errors';
import { applyUpdate, compileCondition, compileProjection, compileUpdate, evaluateCondition, ExpressionAttributes, Projection, resolvePath, type Condition, type Path, type UpdateAction } from '../expressions';
import { optionalArray, optionalBoolean, optionalEnum, optionalItem, optionalString, refuseLegacyParameters, type Input } from '../request';
import type { Table } from '../table';
import type { EngineContext, PlannedWrite } from './context';

export const RETURN_CONSUMED_CAPACITY = ['INDEXES', 'TOTAL', 'NONE'] as const;

export function returnConsumedCapacity(input: Input): ReturnConsumedCapacity | undefined {
  return optionalEnum(input, 'ReturnConsumedCapacity', RETURN_CONSUMED_CAPACITY);
}

/** ReturnValuesOnConditionCheckFailure: ALL_OLD puts the item in the failure. */
export function returnOnConditionFailure(input: Input, path = 'returnValuesOnConditionCheckFailure'): boolean {
  return optionalEnum(input, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const, path) === 'ALL_OLD';
}

/**
 * A request's expression attributes, refused when given without an expression that could use
 * them: names need one of `fields`, values one of `valueFields` (named in the message in this order).
 */
export function expressionAttributes(input: Input, fields: string[], valueFields: string[] = fields.filter((f) => f !== 'ProjectionExpression')): ExpressionAttributes {
  const attributes = new ExpressionAttributes(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const given = (f: string) => input[f] !== undefined && input[f] !== null;
  if (given('ExpressionAttributeNames') && !fields.some(given)) throw new ValidationError('ExpressionAttributeNames can only be specified when using expressions');
  if (given('ExpressionAttributeValues') && !valueFields.some(given)) {
    throw new ValidationError(`ExpressionAttributeValues can only be specified when using expressions: ${valueFields.join(' and ')} ${valueFields.length > 1 ? 'are' : 'is'} null`);
  }
  return attributes;
}

const EXPRESSION_FIELDS = ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression', 'ConditionExpression', 'UpdateExpression'];

/** A ProjectionExpression, or the legacy AttributesToGet, or nothing (whole items). */
export function projectionOf(input: Input, attributes: ExpressionAttributes): Projection | undefined {
  const expression = optionalString(input, 'ProjectionExpression');
  const names = optionalArray(input, 'AttributesToGet');
  if (names !== undefined) {
    const expressions = EXPRESSION_FIELDS.filter((f) => input[f] !== undefined && input[f] !== null);
    if (expressions.length > 0) {
      throw new ValidationError(`Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {${expressions.join(', ')}}`);
    }
  }
  if (expression !== undefined) return compileProjection(expression, attributes);
  if (names !== undefined) {
    if (names.length === 0 || !names.every((n) => typeof n === 'string')) throw new ValidationError('AttributesToGet must be a non-empty list of attribute names');
    if (new Set(names).size !== names.length) throw new ValidationError(`One or more parameter values were invalid: Duplicate value in attribute name: ${names.find((n, i) => names.indexOf(n) !== i)}`);
    return new Projection((names as string[]).map((n) => [n]));
  }
  return undefined;
}

/** The key of a request (`Key`), validated against the table. */
export function keyOf(table: Table, input: Input): { key: Item; mapKey: string } {
  const key = optionalItem(input, 'Key');
  if (!key) throw new ValidationError('Cannot have null key for GetItem, DeleteItem, or UpdateItem');
  return { key, mapKey: checkKey(table, key) };
}

/** DynamoDB Local's words for a key that does not match the schema. */
export function checkKey(table: Table, key: Item): string {
  const names = Object.keys(key);
  if (names.length !== (table.range ? 2 : 1)) throw new ValidationError('The number of conditions on the keys is invalid');
  for (const attribute of table.range ? [table.hash, table.range] : [table.hash]) {
    const value = key[attribute.name];
    if (value === undefined) throw new ValidationError('One of the required keys was not given a value');
    if (!(attribute.type in value)) throw new KeyTypeMismatchError();
  }
  return table.checkKey(key);
}

/** Checks an item to be stored: key present with the key's types, valid index keys, size. */
export function checkItemToStore(table: Table, item: Item, sizeMessage = 'Item size has exceeded the maximum allowed size'): string {
  for (const attribute of table.range ? [table.hash, table.range] : [table.hash]) {
    const value = item[attribute.name];
    if (value === undefined) throw new ValidationError('One of the required keys was not given a value');
    if (!(attribute.type in value)) throw new KeyTypeMismatchError();
  }
  for (const index of table.indexes.values()) {
    for (const attribute of index.definition.range ? [index.definition.hash, index.definition.range] : [index.definition.hash]) {
      const value = item[attribute.name];
      if (value !== undefined && !(attribute.type in value)) throw new ValidationError('One or more parameter values were invalid: Type mismatch for Index Key');
    }
  }
  table.checkItem(item);
  if (itemSize(item) > MAX_ITEM_SIZE) throw new ValidationError(sizeMessage);
  return table.keyOf(item);
}

/** A planned single-item write and what to answer about it. */
export interface ItemWritePlan {
  write: PlannedWrite | undefined;
  before: Item | undefined;
  after: Item | undefined;
  /** The paths an UpdateItem changed (for UPDATED_OLD / UPDATED_NEW). */
  updatedPaths?: Path[];
}

/** The old item, refused with ConditionalCheckFailed when the condition does not hold. */
function checkCondition(condition: Condition | undefined, before: Item | undefined, returnOld: boolean): void {
  if (condition && !evaluateCondition(condition, before)) throw new ConditionalCheckFailedError(returnOld ? before : undefined);
}

export interface PutPlanInput {
  table: Table;
  item: Item;
  condition?: Condition;
  returnOldOnFailure: boolean;
}

export function planPut(ctx: EngineContext, p: PutPlanInput): ItemWritePlan {
  const mapKey = checkItemToStore(p.table, p.item);
  const before = p.table.get(mapKey);
  checkCondition(p.condition, before, p.returnOldOnFailure);
  return { write: { table: p.table, key: mapKey, before, after: p.item }, before, after: p.item };
}

export interface DeletePlanInput {
  table: Table;
  key: Item;
  mapKey: string;
  condition?: Condition;
  returnOldOnFailure: boolean;
}

export function planDelete(_ctx: EngineContext, p: DeletePlanInput): ItemWritePlan {
  const before = p.table.get(p.mapKey);
  checkCondition(p.condition, before, p.returnOldOnFailure);
  return { write: before ? { table: p.table, key: p.mapKey, before, after: undefined } : undefined, before, after: undefined };
}

export interface UpdatePlanInput {
  table: Table;
  key: Item;
  mapKey: string;
  actions: UpdateAction[];
  condition?: Condition;
  returnOldOnFailure: boolean;
}

/** Refuses an update of a key attribute (checked before the item is read, as DynamoDB does). */
export function checkUpdateKeepsKey(table: Table, actions: UpdateAction[]): void {
  for (const action of actions) {
    const name = action.path[0] as string;
    if (table.isKeyAttribute(name)) throw new ValidationError(`One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`);
  }
}

export function planUpdate(_ctx: EngineContext, p: UpdatePlanInput): ItemWritePlan {
  const before = p.table.get(p.mapKey);
  checkCondition(p.condition, before, p.returnOldOnFailure);
  const after = applyUpdate(before ?? p.key, p.actions);
  for (const index of p.table.indexes.values()) {
    for (const attribute of index.definition.range ? [index.definition.hash, index.definition.range] : [index.definition.hash]) {
      const value = after[attribute.name];
      if (value === undefined) continue;
      if (!(attribute.type in value)) throw new ValidationError('One or more parameter values were invalid: Type mismatch for Index Key');
      if ((value as Record<string, string>)[attribute.type] === '') {
        throw new ValidationError(
          `One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${attribute.type === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${attribute.name}`,
        );
      }
    }
  }
  if (itemSize(after) > MAX_ITEM_SIZE) throw new ValidationError('Item size to update has exceeded the maximum allowed size');
  return { write: { table: p.table, key: p.mapKey, before, after }, before, after, updatedPaths: p.actions.map((a) => a.path) };
}

function capacityOf(table: Table, mode: ReturnConsumedCapacity | undefined, plan: ItemWritePlan): Record<string, unknown> {
  if (!mode || mode === 'NONE') return {};
  const meter = new CapacityMeter(table.name);
  meterWrite(meter, table, plan.before, plan.after);
  return { ConsumedCapacity: meter.report(mode) };
}

/** The parameters PutItem and DeleteItem share: a condition, ReturnValues NONE or ALL_OLD, capacity. */
function conditionalWriteOptions(input: Input): { condition?: Condition; returnOld: boolean; returnOldOnFailure: boolean; mode: ReturnConsumedCapacity | undefined } {
  refuseLegacyParameters(input);
  const attributes = expressionAttributes(input, ['ConditionExpression']);
  const condition = input.ConditionExpression != null ? compileCondition('ConditionExpression', input.ConditionExpression, attributes) : undefined;
  attributes.checkAllUsed();
  const returnValues = optionalString(input, 'ReturnValues') ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD') throw new ValidationError('Return values set to invalid value');
  return { condition, returnOld: returnValues === 'ALL_OLD', returnOldOnFailure: returnOnConditionFailure(input), mode: returnConsumedCapacity(input) };
}

function answerWrite(ctx: EngineContext, table: Table, plan: ItemWritePlan, returnOld: boolean, mode: ReturnConsumedCapacity | undefined): unknown {
  ctx.commit(plan.write ? [plan.write] : []);
  return { ...(returnOld && plan.before ? { Attributes: plan.before } : {}), ...capacityOf(table, mode, plan) };
}

export function putItem(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const item = optionalItem(input, 'Item');
  if (!item) throw new ValidationError('Item to put in PutItem cannot be null');
  const { condition, returnOld, returnOldOnFailure, mode } = conditionalWriteOptions(input);
  return answerWrite(ctx, table, planPut(ctx, { table, item, condition, returnOldOnFailure }), returnOld, mode);
}

export function deleteItem(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const { key, mapKey } = keyOf(table, input);
  const { condition, returnOld, returnOldOnFailure, mode } = conditionalWriteOptions(input);
  return answerWrite(ctx, table, planDelete(ctx, { table, key, mapKey, condition, returnOldOnFailure }), returnOld, mode);
}

const UPDATE_RETURN_VALUES = new Set(['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);

export function updateItem(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const { key, mapKey } = keyOf(table, input);
  refuseLegacyParameters(input);
  const attributes = expressionAttributes(input, ['ConditionExpression', 'UpdateExpression'], ['UpdateExpression', 'ConditionExpression']);
  const actions = input.UpdateExpression != null ? compileUpdate(input.UpdateExpression, attributes) : [];
  const condition = input.ConditionExpression != null ? compileCondition('ConditionExpression', input.ConditionExpression, attributes) : undefined;
  attributes.checkAllUsed();
  const returnValues = optionalString(input, 'ReturnValues') ?? 'NONE';
  if (!UPDATE_RETURN_VALUES.has(returnValues)) throw new ValidationError('Return values set to invalid value');
  const returnOldOnFailure = returnOnConditionFailure(input);
  const mode = returnConsumedCapacity(input);
  checkUpdateKeepsKey(table, actions);
  const plan = planUpdate(ctx, { table, key, mapKey, actions, condition, returnOldOnFailure });
  ctx.commit(plan.write ? [plan.write] : []);
  let attributesOut: Item | undefined;
  switch (returnValues) {
    case 'ALL_OLD':
      attributesOut = plan.before;
      break;
    case 'ALL_NEW':
      attributesOut = plan.after;
      break;
    case 'UPDATED_OLD':
    case 'UPDATED_NEW': {
      // The top-level attributes of the updated paths that exist (before or after), whole.
      const source = returnValues === 'UPDATED_OLD' ? plan.before : plan.after;
      const updated: Item = {};
      for (const path of plan.updatedPaths ?? []) {
        const name = path[0] as string;
        if (source && resolvePath(source, path) !== undefined) updated[name] = source[name] as AttributeValue;
      }
      attributesOut = Object.keys(updated).length > 0 ? updated : undefined;
      break;
    }
  }
  return { ...(attributesOut ? { Attributes: attributesOut } : {}), ...capacityOf(table, mode, plan) };
}

export function getItem(ctx: EngineContext, input: Input): unknown {
  const table = ctx.table(input.TableName);
  const { mapKey } = keyOf(table, input);
  // GetItem has no ExpressionAttributeValues member: the service ignores one.
  const attributes = expressionAttributes({ ...input, ExpressionAttributeValues: undefined }, ['ProjectionExpression']);
  const projection = projectionOf(input, attributes);
  attributes.checkAllUsed();
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  const mode = returnConsumedCapacity(input);
  const item = table.get(mapKey);
  const answer = item && projection ? projection.apply(item) : item;
  const meter = new CapacityMeter(table.name);
  meter.addTable(readUnits(item ? itemSize(item) : 0, consistent));
  const capacity = meter.report(mode);
  return { ...(answer ? { Item: answer } : {}), ...(capacity ? { ConsumedCapacity: capacity } : {}) };
}
