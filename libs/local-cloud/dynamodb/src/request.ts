/**
 * Reading the fields of a request body with DynamoDB's checks: the shape (SerializationException
 * when a field has the wrong JSON type, as the service's deserializer answers), required fields
 * and enumerations (ValidationException, worded as the service's request validation).
 */
import { validateItemAttributes, type Item } from './attribute-value';
import { SerializationError, ValidationError } from './errors';

export type Input = Record<string, unknown>;

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The wire name of a member in validation messages: `TableName` → `tableName`. */
const memberName = (field: string) => field.charAt(0).toLowerCase() + field.slice(1);

function present(input: Input, field: string): boolean {
  return input[field] !== undefined && input[field] !== null;
}

export function optionalString(input: Input, field: string): string | undefined {
  if (!present(input, field)) return undefined;
  const value = input[field];
  if (typeof value !== 'string') throw new SerializationError(`Unexpected value type in payload: ${field} must be a string`);
  return value;
}

export function requiredString(input: Input, field: string, path = memberName(field)): string {
  const value = optionalString(input, field);
  if (value === undefined) throw new ValidationError(`1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  if (!present(input, field)) return undefined;
  const value = input[field];
  if (typeof value !== 'boolean') throw new SerializationError(`Unexpected value type in payload: ${field} must be a boolean`);
  return value;
}

export function optionalInteger(input: Input, field: string): number | undefined {
  if (!present(input, field)) return undefined;
  const value = input[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new SerializationError(`Unexpected value type in payload: ${field} must be an integer`);
  return value;
}

export function optionalObject(input: Input, field: string): Record<string, unknown> | undefined {
  if (!present(input, field)) return undefined;
  const value = input[field];
  if (!isObject(value)) throw new SerializationError(`Unexpected value type in payload: ${field} must be an object`);
  return value;
}

export function optionalArray(input: Input, field: string): unknown[] | undefined {
  if (!present(input, field)) return undefined;
  const value = input[field];
  if (!Array.isArray(value)) throw new SerializationError(`Unexpected value type in payload: ${field} must be a list`);
  return value;
}

/** An enumeration member, refused as the service's validation refuses it. */
export function optionalEnum<T extends string>(input: Input, field: string, allowed: readonly T[], path = memberName(field)): T | undefined {
  const value = optionalString(input, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

/** An item or key map from the request (validated and made canonical). */
export function optionalItem(input: Input, field: string, what = field): Item | undefined {
  const raw = optionalObject(input, field);
  return raw === undefined ? undefined : validateItemAttributes(raw, 0, what);
}

/** Parameters of the pre-expression API, which this engine does not implement. */
const LEGACY = ['Expected', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter', 'ConditionalOperator'];

/** Refuses the legacy conditional parameters with a message that says what to use instead. */
export function refuseLegacyParameters(input: Input): void {
  for (const field of LEGACY) {
    if (present(input, field)) {
      throw new ValidationError(`${field} is a legacy parameter that this local DynamoDB does not support: use ConditionExpression, UpdateExpression, KeyConditionExpression or FilterExpression`);
    }
  }
}
