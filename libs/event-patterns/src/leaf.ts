/**
 * One leaf of a pattern, `"field": [ ...matchers ]`: validated, then compiled into a single
 * predicate over the scalar values found at that field. Matchers in one array are OR-ed.
 *
 * Type rules (EventBridge compares the JSON text of values, which is why they hold):
 * - strings match strings only: `"5"` never matches `5`, `"true"` never matches `true`;
 * - numbers match by value, to six decimals within +/-5e9 ({@link comparableNumber});
 * - `null` matches only `null`, and is not the empty string;
 * - every `anything-but` form matches any value it cannot rule out, so `{"anything-but": "x"}`
 *   matches `5`, `true` and `null`, and a numeric `anything-but` matches every string.
 */
import { InvalidEventPatternError, type PathSegment } from './errors';
import { caseForms, endsWithIgnoreCase, equalsIgnoreCase, startsWithIgnoreCase, type CaseForms } from './ignore-case';
import { inCidr, ipKey, parseCidr, type CidrRange } from './ip';
import { comparableNumber, isComparable } from './numbers';
import { parseWildcard, wildcardMatcher } from './wildcard';

/** A value an event can hold at a leaf: what JSON allows besides objects and arrays. */
export type Scalar = string | number | boolean | null;

/** A compiled leaf. */
export interface LeafMatcher {
  /** Predicate over one value found at the field; null when the leaf only says `exists: false`. */
  readonly test: ((value: Scalar) => boolean) | null;
  /** The leaf also matches when the field has no value at all (`{"exists": false}`). */
  readonly absentOk: boolean;
  /** Rough evaluation cost, used to try cheap leaves first where order cannot change the answer. */
  readonly cost: number;
}

function refuse(reason: string, path: readonly PathSegment[]): never {
  throw new InvalidEventPatternError(reason, path);
}

/** A plain JSON object (not an array, not a class instance such as a Date). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
}

/** A number as written in a pattern: finite (JSON has no other kind) and a real number, not a boolean. */
function isJsonNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function comparableOperand(value: unknown, operator: string, path: readonly PathSegment[]): number {
  if (!isJsonNumber(value)) refuse(`Value of ${operator} must be numeric`, path);
  if (!isComparable(value)) refuse('Value must be between -5.0e9 and +5.0e9, inclusive', path);
  return comparableNumber(value);
}

/** What a leaf array collects before it is turned into one predicate. */
class LeafBuilder {
  readonly exactStrings = new Set<string>();
  readonly exactIpKeys = new Set<string>();
  readonly exactComparables = new Set<number>();
  readonly exactOutOfRange = new Set<number>();
  readonly cidrs: CidrRange[] = [];
  readonly stringTests: ((value: string) => boolean)[] = [];
  readonly numberTests: ((comparable: number) => boolean)[] = [];
  readonly anyValueTests: ((value: Scalar) => boolean)[] = [];
  matchNull = false;
  matchTrue = false;
  matchFalse = false;
  matchAnything = false;
  absentOk = false;
  cost = 0;

  addExact(value: unknown, path: readonly PathSegment[]): void {
    if (typeof value === 'string') {
      this.exactStrings.add(value);
      // EventBridge compares an exact value that is an IP address as an address, so
      // "2001:db8::1" also matches "2001:0db8:0:0:0:0:0:1".
      const key = ipKey(value);
      if (key !== undefined) this.exactIpKeys.add(key);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) refuse('Match value must be a finite number', path);
      // In range, numbers compare by value to six decimals; beyond +/-5e9 (an account id
      // written as a number, say) they can only be equal.
      if (isComparable(value)) this.exactComparables.add(comparableNumber(value));
      else this.exactOutOfRange.add(value);
    } else if (value === null) this.matchNull = true;
    else if (value === true) this.matchTrue = true;
    else if (value === false) this.matchFalse = true;
    else refuse('Match value must be String, number, true, false, or null', path);
  }

  addOperator(expression: Record<string, unknown>, path: readonly PathSegment[]): void {
    const keys = Object.keys(expression);
    if (keys.length === 0) refuse('Match expression name not found', path);
    if (keys.length > 1) refuse('Only one key allowed in match expression', [...path, keys[1] as string]);
    const operator = keys[0] as string;
    const operand = expression[operator];
    const at = [...path, operator];
    switch (operator) {
      case 'prefix':
        return this.addAffix(operand, at, 'prefix');
      case 'suffix':
        return this.addAffix(operand, at, 'suffix');
      case 'equals-ignore-case': {
        if (typeof operand !== 'string') refuse('equals-ignore-case match pattern must be a string', at);
        const forms = caseForms(operand);
        this.stringTests.push((value) => equalsIgnoreCase(value, forms));
        this.cost = Math.max(this.cost, 1);
        return;
      }
      case 'wildcard': {
        if (typeof operand !== 'string') refuse('wildcard match pattern must be a string', at);
        this.stringTests.push(compileWildcard(operand, at));
        this.cost = Math.max(this.cost, 2);
        return;
      }
      case 'exists':
        if (operand === true) this.matchAnything = true;
        else if (operand === false) this.absentOk = true;
        else refuse('exists match pattern must be either true or false.', at);
        return;
      case 'cidr': {
        if (typeof operand !== 'string') refuse('cidr match pattern must be a string', at);
        const range = parseCidr(operand);
        if (typeof range === 'string') refuse(range, at);
        this.cidrs.push(range);
        this.cost = Math.max(this.cost, 1);
        return;
      }
      case 'numeric':
        this.numberTests.push(compileNumeric(operand, at));
        this.cost = Math.max(this.cost, 1);
        return;
      case 'anything-but':
        this.anyValueTests.push(compileAnythingBut(operand, at));
        this.cost = Math.max(this.cost, 1);
        return;
      default:
        // Includes "exactly", which EventBridge's engine knows but the user guide never
        // mentions: a pattern that depends on undocumented behaviour is refused, not guessed at.
        refuse(`Unrecognized match type ${operator}`, at);
    }
  }

  private addAffix(operand: unknown, at: readonly PathSegment[], kind: 'prefix' | 'suffix'): void {
    if (typeof operand === 'string') {
      this.stringTests.push(kind === 'prefix' ? (value) => value.startsWith(operand) : (value) => value.endsWith(operand));
      this.cost = Math.max(this.cost, 1);
      return;
    }
    if (!isPlainObject(operand)) refuse(`${kind} match pattern must be a string`, at);
    const keys = Object.keys(operand);
    const title = kind === 'prefix' ? 'Prefix' : 'Suffix';
    if (keys.length === 0) refuse(`${title} expression name not found`, at);
    if (keys[0] !== 'equals-ignore-case') refuse(`Unsupported ${kind} pattern: ${keys[0]}`, [...at, keys[0] as string]);
    if (keys.length > 1) refuse('Only one key allowed in match expression', [...at, keys[1] as string]);
    const inner = operand['equals-ignore-case'];
    if (typeof inner !== 'string') refuse('equals-ignore-case match pattern must be a string', [...at, 'equals-ignore-case']);
    const forms = caseForms(inner);
    this.stringTests.push(kind === 'prefix' ? (value) => startsWithIgnoreCase(value, forms) : (value) => endsWithIgnoreCase(value, forms));
    this.cost = Math.max(this.cost, 1);
  }

  build(): LeafMatcher {
    const hasValueTest =
      this.matchAnything ||
      this.exactStrings.size > 0 ||
      this.exactComparables.size > 0 ||
      this.exactOutOfRange.size > 0 ||
      this.matchNull ||
      this.matchTrue ||
      this.matchFalse ||
      this.cidrs.length > 0 ||
      this.stringTests.length > 0 ||
      this.numberTests.length > 0 ||
      this.anyValueTests.length > 0;
    return { test: hasValueTest ? this.predicate() : null, absentOk: this.absentOk, cost: this.absentOk ? 3 : this.cost };
  }

  /** The one predicate of the leaf, specialised for the shapes that dominate real patterns. */
  private predicate(): (value: Scalar) => boolean {
    if (this.matchAnything) return () => true;
    const { exactStrings, exactIpKeys, exactComparables, exactOutOfRange, cidrs, stringTests, numberTests, anyValueTests } = this;
    const onlyStrings =
      exactComparables.size === 0 &&
      exactOutOfRange.size === 0 &&
      !this.matchNull &&
      !this.matchTrue &&
      !this.matchFalse &&
      exactIpKeys.size === 0 &&
      cidrs.length === 0 &&
      numberTests.length === 0 &&
      anyValueTests.length === 0;
    if (onlyStrings && stringTests.length === 0) {
      if (exactStrings.size === 1) {
        const [only] = exactStrings;
        return (value) => value === only;
      }
      return (value) => typeof value === 'string' && exactStrings.has(value);
    }
    if (onlyStrings && exactStrings.size === 0 && stringTests.length === 1) {
      const [only] = stringTests as [(value: string) => boolean];
      return (value) => typeof value === 'string' && only(value);
    }
    const { matchNull, matchTrue, matchFalse } = this;
    const needsIpKey = exactIpKeys.size > 0 || cidrs.length > 0;
    return (value) => {
      if (typeof value === 'string') {
        if (exactStrings.has(value)) return true;
        for (const test of stringTests) if (test(value)) return true;
        if (needsIpKey) {
          const key = ipKey(value);
          if (key !== undefined) {
            if (exactIpKeys.has(key)) return true;
            for (const range of cidrs) if (inCidr(key, range)) return true;
          }
        }
      } else if (typeof value === 'number') {
        const comparable = comparableNumber(value);
        if (comparable === comparable) {
          if (exactComparables.has(comparable)) return true;
          for (const test of numberTests) if (test(comparable)) return true;
        } else if (exactOutOfRange.has(value)) return true;
      } else if (value === null) {
        if (matchNull) return true;
      } else if (value ? matchTrue : matchFalse) return true;
      for (const test of anyValueTests) if (test(value)) return true;
      return false;
    };
  }
}

function compileWildcard(operand: string, at: readonly PathSegment[]): (value: string) => boolean {
  const parts = parseWildcard(operand);
  if (typeof parts === 'string') refuse(parts, at);
  return wildcardMatcher(parts);
}

const LOWER_BOUNDS = new Set(['>', '>=']);
const UPPER_BOUNDS = new Set(['<', '<=']);

/**
 * `{"numeric": [op, n]}` or `{"numeric": [">"|">=", low, "<"|"<=", high]}` with low below high.
 * The predicate receives the comparable (scaled) form of the event's number.
 */
function compileNumeric(operand: unknown, at: readonly PathSegment[]): (comparable: number) => boolean {
  if (!Array.isArray(operand)) refuse('Value of numeric must be an array.', at);
  const items: readonly unknown[] = operand;
  const [operator, first] = items;
  if (typeof operator !== 'string') refuse(`Invalid member in numeric match: ${describe(operator)}`, [...at, 0]);
  if (operator !== '=' && !LOWER_BOUNDS.has(operator) && !UPPER_BOUNDS.has(operator)) refuse(`Unrecognized numeric range operator: ${operator}`, [...at, 0]);
  const value = comparableOperand(first, operator, [...at, 1]);
  if (operator === '=' || UPPER_BOUNDS.has(operator)) {
    if (items.length > 2) refuse('Too many elements in numeric expression', [...at, 2]);
    if (operator === '=') return (comparable) => comparable === value;
    return operator === '<' ? (comparable) => comparable < value : (comparable) => comparable <= value;
  }
  const openBottom = operator === '>';
  if (items.length === 2) return openBottom ? (comparable) => comparable > value : (comparable) => comparable >= value;
  const upper = items[2];
  if (typeof upper !== 'string') refuse(`Bad value in numeric range: ${describe(upper)}`, [...at, 2]);
  if (!UPPER_BOUNDS.has(upper)) refuse(`Bad numeric range operator: ${upper}`, [...at, 2]);
  const top = comparableOperand(items[3], upper, [...at, 3]);
  if (items.length > 4) refuse('Too many terms in numeric range expression', [...at, 4]);
  if (!(value < top)) refuse('Bottom must be less than top', at);
  const openTop = upper === '<';
  if (openBottom) return openTop ? (c) => c > value && c < top : (c) => c > value && c <= top;
  return openTop ? (c) => c >= value && c < top : (c) => c >= value && c <= top;
}

function stringList(operand: unknown, at: readonly PathSegment[], elementReason: string): string[] {
  if (typeof operand === 'string') return [operand];
  if (!Array.isArray(operand)) refuse(elementReason, at);
  // An empty list would rule nothing out and so match every value: refused, as the plain
  // anything-but list refuses it, rather than accepted with that surprising meaning.
  if (operand.length === 0) refuse('anything-but list must not be empty', at);
  return operand.map((item: unknown, index) => (typeof item === 'string' ? item : refuse(elementReason, [...at, index])));
}

/**
 * Every `anything-but` form. Each returns a predicate over any scalar: true unless the value is
 * ruled out. Only strings can be ruled out by string forms, only numbers by numeric ones.
 */
function compileAnythingBut(operand: unknown, at: readonly PathSegment[]): (value: Scalar) => boolean {
  if (typeof operand === 'string') return (value) => value !== operand;
  if (typeof operand === 'number') {
    const excluded = comparableOperand(operand, 'anything-but', at);
    return (value) => typeof value !== 'number' || comparableNumber(value) !== excluded;
  }
  if (Array.isArray(operand)) return compileAnythingButList(operand, at);
  if (!isPlainObject(operand)) refuse('Value of anything-but must be an array or single string/number value.', at);
  const keys = Object.keys(operand);
  if (keys.length === 0) refuse('Anything-But expression name not found', at);
  if (keys.length > 1) refuse('Only one key allowed in match expression', [...at, keys[1] as string]);
  const kind = keys[0] as string;
  const inner = operand[kind];
  const innerAt = [...at, kind];
  switch (kind) {
    case 'prefix':
    case 'suffix': {
      // The user guide: anything-but works with a single prefix (or suffix), not a list.
      if (Array.isArray(inner)) refuse(`anything-but ${kind} takes a single string, not a list`, innerAt);
      if (typeof inner !== 'string') refuse('prefix/suffix match pattern must be a string', innerAt);
      if (inner === '') refuse('Null prefix/suffix not allowed', innerAt);
      return kind === 'prefix'
        ? (value) => typeof value !== 'string' || !value.startsWith(inner)
        : (value) => typeof value !== 'string' || !value.endsWith(inner);
    }
    case 'equals-ignore-case': {
      const forms: CaseForms[] = stringList(inner, innerAt, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.').map(caseForms);
      return (value) => typeof value !== 'string' || !forms.some((form) => equalsIgnoreCase(value, form));
    }
    case 'wildcard': {
      const tests = stringList(inner, innerAt, 'wildcard match pattern must be a string').map((text, index) =>
        compileWildcard(text, Array.isArray(inner) ? [...innerAt, index] : innerAt),
      );
      return (value) => typeof value !== 'string' || !tests.some((test) => test(value));
    }
    default:
      // Includes a nested anything-but: EventBridge does not negate a negation.
      return refuse(`Unsupported anything-but pattern: ${kind}`, innerAt);
  }
}

function compileAnythingButList(items: readonly unknown[], at: readonly PathSegment[]): (value: Scalar) => boolean {
  if (items.length === 0) refuse('anything-but list must not be empty', at);
  items.forEach((item, index) => {
    if (typeof item !== 'string' && typeof item !== 'number') refuse('Inside anything but list, start|null|boolean is not supported.', [...at, index]);
  });
  const strings = items.filter((item): item is string => typeof item === 'string');
  if (strings.length === items.length) {
    const excluded = new Set(strings);
    return (value) => typeof value !== 'string' || !excluded.has(value);
  }
  if (strings.length > 0) refuse('Inside anything but list, either all values are number or string, mixed type is not supported', at);
  const excluded = new Set(items.map((item, index) => comparableOperand(item, 'anything-but', [...at, index])));
  return (value) => typeof value !== 'number' || !excluded.has(comparableNumber(value));
}

/**
 * Validates and compiles the array of matchers at one field of a pattern.
 * @param values the array found at the field
 * @param path where the array is, for error messages
 */
export function compileLeaf(values: readonly unknown[], path: readonly PathSegment[]): LeafMatcher {
  if (values.length === 0) refuse('Empty arrays are not allowed', path);
  const builder = new LeafBuilder();
  values.forEach((value, index) => {
    if (isPlainObject(value)) builder.addOperator(value, [...path, index]);
    else if (typeof value === 'object' && value !== null) refuse('Match value must be String, number, true, false, or null', [...path, index]);
    else builder.addExact(value, [...path, index]);
  });
  return builder.build();
}
