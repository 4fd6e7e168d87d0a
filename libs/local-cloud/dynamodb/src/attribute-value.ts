/**
 * DynamoDB's attribute values in their wire form (`{ "S": "x" }`, `{ "N": "1" }`, ...): validation
 * of what a request sends (numbers made canonical, sets without duplicates, binaries as canonical
 * base64), equality and ordering as DynamoDB defines them, and item sizes.
 *
 * Stored items are never mutated: a write replaces the item (or the changed branch of it), so a
 * stored value can be answered, shared between indexes and journaled as it is.
 */
import { SerializationError, ValidationError } from './errors';
import { canonicalNumber, compareNumbers, significantDigits } from './numbers';

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

export type Item = Record<string, AttributeValue>;

/** The type descriptors of DynamoDB, as `attribute_type` names them. */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'SS' | 'NS' | 'BS' | 'L' | 'M';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];

/** The type descriptor of a (valid) value. */
export function typeOf(value: AttributeValue): AttributeType {
  for (const key in value) return key as AttributeType;
  throw new ValidationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes base64 as DynamoDB reads it; refuses what is not base64. */
export function decodeBinary(text: unknown): Buffer {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new SerializationError('Base64 encoded binary value is not valid');
  }
  return Buffer.from(text, 'base64');
}

function setOf(type: 'SS' | 'NS' | 'BS', raw: unknown): string[] {
  if (!Array.isArray(raw)) throw new SerializationError(`Expected a list for ${type}`);
  if (raw.length === 0) {
    throw new ValidationError(
      type === 'BS' ? 'One or more parameter values were invalid: Binary sets should not be empty' : `One or more parameter values were invalid: An ${type === 'SS' ? 'string' : 'number'} set  may not be empty`,
    );
  }
  const members = raw.map((member) => {
    if (type === 'BS') return decodeBinary(member).toString('base64');
    if (typeof member !== 'string') throw new SerializationError(`Expected strings in ${type}`);
    return type === 'NS' ? canonicalNumber(member) : member;
  });
  if (new Set(members).size !== members.length) {
    if (type === 'SS') throw new ValidationError(`One or more parameter values were invalid: Input collection [${members.join(', ')}] contains duplicates`);
    throw new ValidationError(type === 'NS' ? 'Input collection contains duplicates' : 'One or more parameter values were invalid: Input collection of type BS contains duplicates.');
  }
  return members;
}

/**
 * Checks one attribute value from a request and returns it in canonical form (the same object
 * when it already is). Throws ValidationError or SerializationError with DynamoDB's words.
 */
export function validateValue(raw: unknown, depth = 0): AttributeValue {
  if (!isObject(raw)) throw new SerializationError('Unexpected value type in payload: an AttributeValue must be an object');
  let found: string | undefined;
  for (const key in raw) {
    if (raw[key] === undefined || raw[key] === null) continue;
    if (found !== undefined) throw new ValidationError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    found = key;
  }
  if (depth > 32) throw new ValidationError('Nesting Levels have exceeded supported limits');
  const v = found === undefined ? undefined : raw[found];
  switch (found) {
    case 'S':
      if (typeof v !== 'string') throw new SerializationError('Unexpected value type in payload: S must be a string');
      return raw as AttributeValue;
    case 'N': {
      if (typeof v !== 'string') throw new SerializationError('Unexpected value type in payload: N must be a string');
      const n = canonicalNumber(v);
      return n === v && Object.keys(raw).length === 1 ? (raw as AttributeValue) : { N: n };
    }
    case 'B': {
      const b = decodeBinary(v).toString('base64');
      return b === v && Object.keys(raw).length === 1 ? (raw as AttributeValue) : { B: b };
    }
    case 'BOOL':
      if (typeof v !== 'boolean') throw new SerializationError('Unexpected value type in payload: BOOL must be a boolean');
      return { BOOL: v };
    case 'NULL':
      if (v !== true) {
        if (typeof v !== 'boolean') throw new SerializationError('Unexpected value type in payload: NULL must be a boolean');
        throw new ValidationError('One or more parameter values were invalid: Null attribute value types must have the value of true');
      }
      return { NULL: true };
    case 'SS':
    case 'NS':
    case 'BS':
      return { [found]: setOf(found, v) } as AttributeValue;
    case 'L':
      if (!Array.isArray(v)) throw new SerializationError('Unexpected value type in payload: L must be a list');
      return { L: v.map((element) => validateValue(element, depth + 1)) };
    case 'M':
      if (!isObject(v)) throw new SerializationError('Unexpected value type in payload: M must be a map');
      return { M: validateItemAttributes(v, depth + 1) };
    default:
      throw new ValidationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
}

/** Checks a map of attribute values (an item, a key, a nested map). */
export function validateItemAttributes(raw: Record<string, unknown>, depth = 0, what = 'Item'): Item {
  const item: Item = {};
  for (const name in raw) {
    if (name === '') throw new ValidationError('Empty attribute name');
    if (name === '__proto__') throw new ValidationError('The attribute name __proto__ is not supported by this local DynamoDB');
    const value = raw[name];
    if (value === null || value === undefined) throw new ValidationError(`The supplied ${what} contains a null AttributeValue: ${name} is null`);
    item[name] = validateValue(value, depth);
  }
  return item;
}

/** Equality as DynamoDB compares values in conditions: same type, same value (sets unordered). */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const x = (a as Record<string, unknown>)[type];
  const y = (b as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
    case 'B':
    case 'BOOL':
    case 'NULL':
      return x === y;
    case 'N':
      return x === y || compareNumbers(x as string, y as string) === 0;
    case 'SS':
    case 'NS':
    case 'BS': {
      const xs = x as string[];
      const ys = y as string[];
      if (xs.length !== ys.length) return false;
      const members = new Set(xs);
      return ys.every((m) => members.has(m));
    }
    case 'L': {
      const xs = x as AttributeValue[];
      const ys = y as AttributeValue[];
      return xs.length === ys.length && xs.every((element, i) => valuesEqual(element, ys[i] as AttributeValue));
    }
    case 'M': {
      const xs = x as Item;
      const ys = y as Item;
      const keys = Object.keys(xs);
      if (keys.length !== Object.keys(ys).length) return false;
      return keys.every((k) => ys[k] !== undefined && valuesEqual(xs[k] as AttributeValue, ys[k] as AttributeValue));
    }
  }
}

/** Orders strings by their UTF-8 bytes (= code points), as DynamoDB orders S values. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // UTF-16 orders surrogates (U+D800..DFFF) below U+E000..FFFF; code points order them above.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** Orders binaries (base64 text) by their bytes. */
export function compareBinaries(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/**
 * Orders two scalar values of the same type (S, N or B), as key conditions and comparators do;
 * undefined when they cannot be ordered (other types, or different types).
 */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a) return 'S' in b ? compareStrings(a.S, b.S) : undefined;
  if ('N' in a) return 'N' in b ? compareNumbers(a.N, b.N) : undefined;
  if ('B' in a) return 'B' in b ? compareBinaries(a.B, b.B) : undefined;
  return undefined;
}

/** Bytes of a name or string value in UTF-8. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Size of a value by DynamoDB's rules (developer guide, "Item sizes and formats"). */
export function valueSize(value: AttributeValue): number {
  if ('S' in value) return utf8Length(value.S);
  if ('N' in value) return Math.ceil(significantDigits(value.N) / 2) + 1;
  if ('B' in value) return Math.floor((value.B.length * 3) / 4) - (value.B.endsWith('==') ? 2 : value.B.endsWith('=') ? 1 : 0);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((n, s) => n + utf8Length(s), 0);
  if ('NS' in value) return value.NS.reduce((n, s) => n + Math.ceil(significantDigits(s) / 2) + 1, 0);
  if ('BS' in value) return value.BS.reduce((n, s) => n + valueSize({ B: s }), 0);
  if ('L' in value) return 3 + value.L.reduce((n, element) => n + 1 + valueSize(element), 0);
  let n = 3;
  for (const name in value.M) n += 1 + utf8Length(name) + valueSize(value.M[name] as AttributeValue);
  return n;
}

/** Size of an item: every attribute's name and value. */
export function itemSize(item: Item): number {
  let n = 0;
  for (const name in item) n += utf8Length(name) + valueSize(item[name] as AttributeValue);
  return n;
}

/** DynamoDB's item size limit, 400 KB. */
export const MAX_ITEM_SIZE = 400 * 1024;
