/**
 * Laws the matcher must obey for all inputs, checked with generated patterns and events
 * (fast-check). Each law is one EventBridge statement put in general form.
 */
import fc from 'fast-check';
import { matchesPattern } from '../src';
import { ipKey } from '../src/ip';

const anyString = fc.string({ unit: 'grapheme', maxLength: 12 });
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const comparableNumber = fc.double({ min: -5e9, max: 5e9, noNaN: true });
const scalar = fc.oneof(anyString, finiteNumber, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));

describe('anything-but', () => {
  // An exact value that is an IP address also matches other spellings of the address, while
  // anything-but compares the text: the law holds for every other string.
  const notAnAddress = anyString.filter((text) => ipKey(text) === undefined);
  const excluded = fc.oneof(notAnAddress, comparableNumber, fc.integer({ min: -1000, max: 1000 }));

  it('[{"anything-but": x}] is the complement of [x] on any scalar value of a present field', () => {
    fc.assert(
      fc.property(excluded, scalar, fc.boolean(), (x, other, same) => {
        const value = same ? x : other;
        const event = { f: value };

        const exact = matchesPattern({ f: [x] }, event);
        const anythingBut = matchesPattern({ f: [{ 'anything-but': x }] }, event);

        expect(anythingBut).toBe(!exact);
      }),
    );
  });

  it('[{"anything-but": [x, y]}] is the complement of [x, y] on any scalar value of a present field', () => {
    const strings = fc.tuple(notAnAddress, notAnAddress);
    const numbers = fc.tuple(comparableNumber, comparableNumber);
    fc.assert(
      fc.property(fc.oneof(strings, numbers), scalar, fc.constantFrom(0, 1, 2), ([x, y], other, pick) => {
        const value = pick === 0 ? x : pick === 1 ? y : other;

        expect(matchesPattern({ f: [{ 'anything-but': [x, y] }] }, { f: value })).toBe(!matchesPattern({ f: [x, y] }, { f: value }));
      }),
    );
  });
});

describe('$or', () => {
  const small = fc.constantFrom('', 'a', 'ab', 'b', 'ba');
  const smallInt = fc.integer({ min: -3, max: 3 });
  const value = fc.oneof(small, smallInt, fc.boolean(), fc.constant(null));
  const fieldValue = fc.oneof(
    value,
    fc.array(value, { maxLength: 3 }),
    fc.record({ x: value, y: value }, { requiredKeys: [] }),
    fc.array(fc.record({ x: value, y: value }, { requiredKeys: [] }), { maxLength: 3 }),
  );
  const event = fc.record({ a: fieldValue, b: fieldValue, c: fieldValue }, { requiredKeys: [] });
  const matcher = fc.oneof(
    small,
    smallInt,
    fc.constant(null),
    fc.boolean(),
    small.map((prefix) => ({ prefix })),
    smallInt.map((bound) => ({ numeric: ['>', bound] })),
    fc.boolean().map((exists) => ({ exists })),
    small.map((excluded) => ({ 'anything-but': excluded })),
  );
  const leaf = fc.array(matcher, { minLength: 1, maxLength: 3 });
  const nested = fc.dictionary(fc.constantFrom('x', 'y'), leaf, { minKeys: 1, maxKeys: 2 });
  const pattern = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(leaf, nested), { minKeys: 1, maxKeys: 3 });

  it('{"$or": [p, q]} matches exactly when p matches or q matches', () => {
    fc.assert(
      fc.property(pattern, pattern, event, (p, q, e) => {
        expect(matchesPattern({ $or: [p, q] }, e)).toBe(matchesPattern(p, e) || matchesPattern(q, e));
      }),
      { numRuns: 500 },
    );
  });

  it('a field beside an $or must hold together with one of the alternatives', () => {
    fc.assert(
      fc.property(pattern, pattern, leaf, event, (p, q, shared, e) => {
        const combined = { z: shared, $or: [p, q] };
        const withZ = { ...e, z: 'ab' };

        expect(matchesPattern(combined, withZ)).toBe(matchesPattern({ z: shared, ...p }, withZ) || matchesPattern({ z: shared, ...q }, withZ));
      }),
      { numRuns: 300 },
    );
  });
});

describe('prefix, suffix and equals-ignore-case', () => {
  const prefixAndValue = anyString.chain((prefix) => fc.tuple(fc.constant(prefix), fc.oneof(anyString, anyString.map((rest) => prefix + rest))));
  const suffixAndValue = anyString.chain((suffix) => fc.tuple(fc.constant(suffix), fc.oneof(anyString, anyString.map((rest) => rest + suffix))));

  it('prefix agrees with String.prototype.startsWith', () => {
    fc.assert(
      fc.property(prefixAndValue, ([prefix, value]) => {
        expect(matchesPattern({ f: [{ prefix }] }, { f: value })).toBe(value.startsWith(prefix));
      }),
    );
  });

  it('suffix agrees with String.prototype.endsWith', () => {
    fc.assert(
      fc.property(suffixAndValue, ([suffix, value]) => {
        expect(matchesPattern({ f: [{ suffix }] }, { f: value })).toBe(value.endsWith(suffix));
      }),
    );
  });

  it('prefix never matches a value that is not a string', () => {
    fc.assert(
      fc.property(anyString, fc.oneof(finiteNumber, fc.boolean(), fc.constant(null)), (prefix, value) => {
        expect(matchesPattern({ f: [{ prefix }] }, { f: value })).toBe(false);
      }),
    );
  });

  it('equals-ignore-case agrees with comparing lower-cased text, for ASCII text', () => {
    const ascii = fc.string({ unit: 'grapheme-ascii', maxLength: 8 });
    const pair = ascii.chain((operand) => fc.tuple(fc.constant(operand), fc.oneof(ascii, fc.constant(operand.toUpperCase()), fc.constant(operand.toLowerCase()))));
    fc.assert(
      fc.property(pair, ([operand, value]) => {
        expect(matchesPattern({ f: [{ 'equals-ignore-case': operand }] }, { f: value })).toBe(value.toLowerCase() === operand.toLowerCase());
      }),
    );
  });
});

describe('numeric', () => {
  // Two decimals keep distinct values more than a millionth apart, where EventBridge's
  // six-decimal comparison and exact comparison must agree.
  const twoDecimals = fc.double({ min: -5e9, max: 5e9, noNaN: true }).map((x) => Math.round(x * 100) / 100);
  const lowerOps = fc.constantFrom('>', '>=');
  const upperOps = fc.constantFrom('<', '<=');
  const compare = (op: string, a: number, b: number): boolean => (op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : op === '<=' ? a <= b : a === b);

  it('a single comparison agrees with JavaScript for finite numbers within +/-5e9', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '<', '<=', '>', '>='), twoDecimals, twoDecimals, fc.boolean(), (op, bound, other, same) => {
        const value = same ? bound : other;

        expect(matchesPattern({ f: [{ numeric: [op, bound] }] }, { f: value })).toBe(compare(op, value, bound));
      }),
    );
  });

  it('a range agrees with JavaScript for finite numbers within +/-5e9', () => {
    const range = fc.tuple(twoDecimals, twoDecimals).filter(([a, b]) => a !== b).map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(lowerOps, upperOps, range, twoDecimals, fc.constantFrom(0, 1, 2), (low, high, [bottom, top], other, pick) => {
        const value = pick === 0 ? bottom : pick === 1 ? top : other;

        expect(matchesPattern({ f: [{ numeric: [low, bottom, high, top] }] }, { f: value })).toBe(compare(low, value, bottom) && compare(high, value, top));
      }),
    );
  });

  it('never matches a number outside +/-5e9', () => {
    const outside = fc.oneof(fc.double({ min: 5.0000001e9, noNaN: true, noDefaultInfinity: true }), fc.double({ max: -5.0000001e9, noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(outside, (value) => {
        expect(matchesPattern({ f: [{ numeric: ['>=', -5e9, '<=', 5e9] }] }, { f: value })).toBe(false);
      }),
    );
  });
});

describe('wildcard', () => {
  /** The reference: a regular expression built from the operand (no escapes in these operands). */
  const reference = (operand: string, value: string): boolean =>
    new RegExp(`^${operand.split('*').map((run) => run.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`).test(value);
  const operand = fc.array(fc.constantFrom('a', 'b', '.', '*'), { maxLength: 8 }).map((chars) => chars.join('')).filter((text) => !text.includes('**'));
  const value = fc.array(fc.constantFrom('a', 'b', '.', '*'), { maxLength: 10 }).map((chars) => chars.join(''));

  it('agrees with an anchored regular expression where * is any run of characters', () => {
    fc.assert(
      fc.property(operand, value, (wildcard, text) => {
        expect(matchesPattern({ f: [{ wildcard }] }, { f: text })).toBe(reference(wildcard, text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('exists', () => {
  it('exists: true and exists: false are complements for any JSON value of a field, or none', () => {
    fc.assert(
      fc.property(fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }), (value) => {
        const event = value === undefined ? { other: 1 } : { f: value };

        expect(matchesPattern({ f: [{ exists: true }] }, event)).toBe(!matchesPattern({ f: [{ exists: false }] }, event));
      }),
    );
  });
});

describe('Inputs as text', () => {
  it('a pattern or event given as JSON text matches as the same object does', () => {
    const leaf = fc.array(fc.oneof(scalar, anyString.map((prefix) => ({ prefix }))), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(leaf, fc.jsonValue({ maxDepth: 2 }), (matchers, value) => {
        const pattern = { f: matchers };
        const event = { f: value };

        const asObjects = matchesPattern(pattern, event);

        expect(matchesPattern(JSON.stringify(pattern), JSON.stringify(event))).toBe(asObjects);
      }),
    );
  });
});
