/**
 * CreateTable's input, checked as DynamoDB checks it (messages as AWS's DynamoDB Local words
 * them), turned into a TableDefinition. Streams are refused: this engine does not emulate them.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from './errors';
import { isObject, optionalArray, optionalBoolean, optionalEnum, optionalObject, requiredString, type Input } from './request';
import type { IndexDefinition, IndexProjection, KeyAttribute, ScalarType, TableDefinition } from './table';

const NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/** Refuses a table or index name DynamoDB would refuse. */
export function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new ValidationError("Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'");
  }
}

interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

function keySchema(raw: unknown, types: Map<string, ScalarType>, where: 'table' | 'index'): { hash: KeyAttribute; range?: KeyAttribute } {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ValidationError(where === 'table' ? 'No defined key schema.  A key schema containing at least a hash key must be defined for all tables' : 'Index KeySchema must not be empty');
  }
  if (raw.length > 2) throw new ValidationError('Key Schema too big.  Key Schema must at most consist of the hash and range key of a table');
  const elements = raw.map((e): KeySchemaElement => {
    if (!isObject(e) || typeof e.AttributeName !== 'string' || (e.KeyType !== 'HASH' && e.KeyType !== 'RANGE')) {
      throw new ValidationError('Invalid KeySchema: every element needs an AttributeName and a KeyType of HASH or RANGE');
    }
    return { AttributeName: e.AttributeName, KeyType: e.KeyType };
  });
  if (elements.length === 2 && elements[0]?.AttributeName === elements[1]?.AttributeName) throw new ValidationError('Two keys can not have the same name');
  const [first, second] = elements as [KeySchemaElement, KeySchemaElement | undefined];
  if (first.KeyType !== 'HASH') throw new ValidationError('No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key');
  if (second && second.KeyType !== 'RANGE') throw new ValidationError('Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key');
  const attribute = (element: KeySchemaElement, role: 'Hash' | 'Range'): KeyAttribute => {
    const type = types.get(element.AttributeName);
    if (!type) throw new ValidationError(`${role} Key not specified in Attribute Definitions.  Type unknown.`);
    return { name: element.AttributeName, type };
  };
  return { hash: attribute(first, 'Hash'), ...(second ? { range: attribute(second, 'Range') } : {}) };
}

function projection(raw: unknown): IndexProjection {
  if (!isObject(raw)) throw new ValidationError('Indexes must have a projection specified');
  const type = raw.ProjectionType ?? 'ALL';
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
    throw new ValidationError(`1 validation error detected: Value '${String(type)}' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [INCLUDE, ALL, KEYS_ONLY]`);
  }
  const attributes = raw.NonKeyAttributes;
  if (type === 'INCLUDE') {
    if (!Array.isArray(attributes) || attributes.length === 0) {
      throw new ValidationError('If Projection type INCLUDE is specified, some non-key attributes to include in the projection must be specified as well');
    }
    if (!attributes.every((a) => typeof a === 'string')) throw new ValidationError('NonKeyAttributes must be attribute names');
    return { ProjectionType: 'INCLUDE', NonKeyAttributes: attributes as string[] };
  }
  if (attributes !== undefined && (!Array.isArray(attributes) || attributes.length > 0)) {
    throw new ValidationError('No attributes should be specified to be projected unless projection type is INCLUDE');
  }
  return { ProjectionType: type };
}

function throughput(raw: unknown): { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined {
  if (!isObject(raw)) return undefined;
  const read = raw.ReadCapacityUnits;
  const write = raw.WriteCapacityUnits;
  if (typeof read !== 'number' || typeof write !== 'number' || read < 1 || write < 1) {
    throw new ValidationError('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified and at least 1');
  }
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

/** A TableDefinition from a CreateTable request. */
export function tableDefinitionFromRequest(input: Input, nowMs: number): TableDefinition {
  const name = requiredString(input, 'TableName');
  checkName(name);
  const rawDefinitions = optionalArray(input, 'AttributeDefinitions');
  if (!input.KeySchema || (Array.isArray(input.KeySchema) && input.KeySchema.length === 0)) {
    throw new ValidationError('No defined key schema.  A key schema containing at least a hash key must be defined for all tables');
  }
  if (!rawDefinitions || rawDefinitions.length === 0) throw new ValidationError('No Attribute Schema Defined');
  const types = new Map<string, ScalarType>();
  const attributeDefinitions: TableDefinition['attributeDefinitions'] = [];
  for (const d of rawDefinitions) {
    if (!isObject(d) || typeof d.AttributeName !== 'string') throw new ValidationError('Invalid AttributeDefinitions: every definition needs an AttributeName');
    if (d.AttributeType !== 'S' && d.AttributeType !== 'N' && d.AttributeType !== 'B') throw new ValidationError('Member must satisfy enum value set: [B, N, S]');
    if (types.has(d.AttributeName)) throw new ValidationError('Cannot have two attributes with the same name');
    types.set(d.AttributeName, d.AttributeType);
    attributeDefinitions.push({ AttributeName: d.AttributeName, AttributeType: d.AttributeType });
  }
  const { hash, range } = keySchema(input.KeySchema, types, 'table');
  const billingMode = optionalEnum(input, 'BillingMode', ['PROVISIONED', 'PAY_PER_REQUEST'] as const) ?? 'PROVISIONED';
  const provisioned = throughput(input.ProvisionedThroughput);
  if (billingMode === 'PROVISIONED' && !provisioned) throw new ValidationError('No provisioned throughput specified for the table');
  if (billingMode === 'PAY_PER_REQUEST' && provisioned) {
    throw new ValidationError('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }

  const used = new Set([hash.name, ...(range ? [range.name] : [])]);
  const names = new Set<string>();
  const indexes = (field: 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'): IndexDefinition[] => {
    const raw = optionalArray(input, field);
    if (!raw) return [];
    const kind = field === 'GlobalSecondaryIndexes' ? 'global' : 'local';
    if (raw.length === 0) throw new ValidationError(`One or more parameter values were invalid: List of ${field} is empty`);
    if (kind === 'local' && !range) throw new ValidationError('Local Secondary indices are not allowed on hash tables, only hash and range tables');
    if (raw.length > (kind === 'global' ? 20 : 5)) throw new ValidationError(`One or more parameter values were invalid: Too many ${kind} secondary indexes`);
    return raw.map((r): IndexDefinition => {
      if (!isObject(r) || typeof r.IndexName !== 'string') throw new ValidationError('Every index needs an IndexName');
      checkName(r.IndexName);
      if (names.has(r.IndexName)) throw new ValidationError(`Two ${kind} secondary indices have the same name`);
      names.add(r.IndexName);
      const keys = keySchema(r.KeySchema, types, 'index');
      if (kind === 'local') {
        if (keys.hash.name !== hash.name) throw new ValidationError('Index KeySchema does not have the same leading hash key as table KeySchema for index: ' + r.IndexName);
        if (!keys.range) throw new ValidationError('Index KeySchema must contain a range key for a local secondary index: ' + r.IndexName);
      }
      used.add(keys.hash.name);
      if (keys.range) used.add(keys.range.name);
      if (r.Projection === undefined) throw new ValidationError('Indexes must have a projection specified');
      const index: IndexDefinition = { name: r.IndexName, ...keys, projection: projection(r.Projection) };
      if (kind === 'global') {
        const p = throughput(r.ProvisionedThroughput);
        if (billingMode === 'PROVISIONED' && !p) throw new ValidationError(`One or more parameter values were invalid: ProvisionedThroughput must be specified for index: ${r.IndexName}`);
        if (p) index.provisioned = p;
      }
      return index;
    });
  };
  const globalSecondaryIndexes = indexes('GlobalSecondaryIndexes');
  const localSecondaryIndexes = indexes('LocalSecondaryIndexes');
  if (used.size !== types.size) {
    throw new ValidationError('The number of attributes in key schema must match the number of attributes defined in attribute definitions.');
  }
  const streams = optionalObject(input, 'StreamSpecification');
  if (streams && streams.StreamEnabled === true) {
    throw new ValidationError('DynamoDB Streams are not supported by this local DynamoDB (StreamSpecification.StreamEnabled must be false)');
  }
  const tags = optionalArray(input, 'Tags');
  return {
    name,
    hash,
    ...(range ? { range } : {}),
    attributeDefinitions,
    globalSecondaryIndexes,
    localSecondaryIndexes,
    billingMode,
    ...(provisioned ? { provisioned } : {}),
    createdAt: Math.floor(nowMs) / 1000,
    tableId: randomUUID(),
    deletionProtection: optionalBoolean(input, 'DeletionProtectionEnabled') ?? false,
    ...(tags ? { tags: tags.filter(isObject).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })) } : {}),
  };
}
