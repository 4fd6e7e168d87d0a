/**
 * Edge cases of each operator: value types, boundaries, Unicode, spellings of numbers and
 * addresses. Each case states the event value at a field `f` and whether the leaf matches it.
 */
import { matchesPattern } from '../src';

/** Does `{ f: leaf }` match `{ f: value }`? (`undefined` value: the field is missing.) */
function leafMatches(leaf: unknown[], value: unknown): boolean {
  return matchesPattern({ f: leaf }, value === undefined ? { other: 1 } : { f: value });
}

describe('Exact values', () => {
  it.each([
    ['a string matches the same string', ['abc'], 'abc', true],
    ['strings are compared with their case', ['abc'], 'ABC', false],
    ['a string never matches the number it spells', ['5'], 5, false],
    ['a number never matches a string that spells it', [5], '5', false],
    ['a string never matches the boolean it spells', ['true'], true, false],
    ['true matches true', [true], true, true],
    ['true does not match false', [true], false, false],
    ['false matches false', [false], false, true],
    ['null matches null', [null], null, true],
    ['null does not match the string "null"', [null], 'null', false],
    ['null does not match an empty string', [null], '', false],
    ['an empty string matches an empty string', [''], '', true],
    ['an empty string does not match null', [''], null, false],
    ['nothing matches a missing field', ['abc', 5, null, true], undefined, false],
    ['a string does not match an object value', ['abc'], { abc: 'abc' }, false],
    ['a value matches when it is one of several', ['a', 'b', 7], 7, true],
  ])('%s', (_case, leaf, value, expected) => {
    expect(leafMatches(leaf, value)).toBe(expected);
  });

  it('compares numbers by value, whatever their JSON spelling', () => {
    const event = '{"f": 3.018e2, "g": 300.0, "h": 1E2}';

    expect(matchesPattern('{"f": [301.8], "g": [300], "h": [100.0]}', event)).toBe(true);
  });

  it('compares numbers to six decimal places, as EventBridge does', () => {
    expect(leafMatches([1.0000001], 1.0000002)).toBe(true);
    expect(leafMatches([1.000001], 1.000002)).toBe(false);
  });

  it('compares numbers beyond 5e9 (an account id written as a number) by exact value', () => {
    expect(leafMatches([123456789012], 123456789012)).toBe(true);
    expect(leafMatches([123456789012], 123456789013)).toBe(false);
  });

  it('matches an IP address given as an exact value in any spelling of that address', () => {
    expect(leafMatches(['2001:db8::1'], '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(leafMatches(['10.0.0.1'], '10.0.0.2')).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it.each([
    ['prefix matches the start of a string', [{ prefix: 'us-' }], 'us-east-1', true],
    ['prefix matches a string equal to it', [{ prefix: 'us-' }], 'us-', true],
    ['prefix is case sensitive', [{ prefix: 'us-' }], 'US-EAST-1', false],
    ['prefix never matches a number', [{ prefix: '20' }], 2017, false],
    ['an empty prefix matches every string', [{ prefix: '' }], 'anything', true],
    ['an empty prefix matches the empty string', [{ prefix: '' }], '', true],
    ['an empty prefix does not match null', [{ prefix: '' }], null, false],
    ['suffix matches the end of a string', [{ suffix: '.png' }], 'a.png', true],
    ['suffix does not match the middle', [{ suffix: '.png' }], 'a.png.bak', false],
    ['suffix never matches a boolean', [{ suffix: 'ue' }], true, false],
    ['prefix ignoring case matches any casing', [{ prefix: { 'equals-ignore-case': 'EventB' } }], 'eVENTbridge', true],
    ['prefix ignoring case still needs the whole prefix', [{ prefix: { 'equals-ignore-case': 'EventB' } }], 'Event', false],
    ['suffix ignoring case matches any casing', [{ suffix: { 'equals-ignore-case': '.Png' } }], 'A.pNG', true],
    ['suffix ignoring case still needs the whole suffix', [{ suffix: { 'equals-ignore-case': '.png' } }], 'png', false],
  ])('%s', (_case, leaf, value, expected) => {
    expect(leafMatches(leaf, value)).toBe(expected);
  });
});

describe('equals-ignore-case', () => {
  it.each([
    ['matches the same letters in another case', 'Alice', 'aLICE', true],
    ['does not match a longer string', 'Alice', 'Alice!', false],
    ['does not match a shorter string', 'Alice', 'Alic', false],
    ['matches accented letters in another case', 'Ångström', 'ÅNGSTRÖM', true],
    ['accepts the upper-case spelling of ß, which is two letters', 'straße', 'STRASSE', true],
    ['does not accept a character that only lower-cases to a letter (Kelvin sign for k)', 'k', '\u212a', false],
    ['matches Greek in another case', 'σοφία', 'ΣΟΦΊΑ', true],
  ])('%s', (_case, operand, value, expected) => {
    expect(leafMatches([{ 'equals-ignore-case': operand }], value)).toBe(expected);
  });

  it('never matches a value that is not a string', () => {
    expect(leafMatches([{ 'equals-ignore-case': 'true' }], true)).toBe(false);
  });
});

describe('wildcard', () => {
  it.each([
    ['a lone * matches any string', '*', 'whatever', true],
    ['a lone * matches the empty string', '*', '', true],
    ['a lone * does not match a number', '*', 42, false],
    ['* matches an empty run', 'dir/*.png', 'dir/.png', true],
    ['* matches across slashes', 'dir/*.png', 'dir/a/b/c.png', true],
    ['text without * must match exactly', 'dir/a.png', 'dir/a.png', true],
    ['text without * is not a prefix match', 'dir/a', 'dir/a.png', false],
    ['several * in one operand', '*/lib/*.so', '/usr/lib/libz.so', true],
    ['middle runs must appear in order', 'a*b*c', 'acb', false],
    ['middle runs may not overlap the suffix', 'ab*ba', 'aba', false],
    ['an escaped \\* is a literal asterisk', 'price\\*', 'price*', true],
    ['an escaped \\* does not act as a wildcard', 'price\\*', 'prices', false],
    ['an escaped \\\\ is a literal backslash', 'C:\\\\*', 'C:\\temp', true],
    ['an escaped asterisk can sit next to a wildcard', '\\**', '*starred', true],
    ['wildcards are case sensitive', 'dir/*.PNG', 'dir/a.png', false],
  ])('%s', (_case, operand, value, expected) => {
    expect(leafMatches([{ wildcard: operand }], value)).toBe(expected);
  });
});

describe('anything-but', () => {
  it.each([
    ['a string form matches a number', { 'anything-but': 'x' }, 5, true],
    ['a string form matches a boolean', { 'anything-but': 'x' }, true, true],
    ['a string form matches null', { 'anything-but': 'x' }, null, true],
    ['a string form matches the empty string', { 'anything-but': 'x' }, '', true],
    ['a string form is case sensitive', { 'anything-but': 'x' }, 'X', true],
    ['a numeric form matches a string that spells the number', { 'anything-but': 5 }, '5', true],
    ['a numeric form rules the number out whatever its spelling', { 'anything-but': 300 }, 3e2, false],
    ['a numeric form matches a number beyond 5e9', { 'anything-but': 5 }, 6e9, true],
    ['a numeric list matches a string', { 'anything-but': [1, 2] }, 'one', true],
    ['a string list matches a number', { 'anything-but': ['a', 'b'] }, 1, true],
    ['a prefix form matches a number', { 'anything-but': { prefix: 'init' } }, 7, true],
    ['a suffix form matches null', { 'anything-but': { suffix: '.txt' } }, null, true],
    ['an ignore-case form matches a boolean', { 'anything-but': { 'equals-ignore-case': 'x' } }, false, true],
    ['a wildcard form matches a number', { 'anything-but': { wildcard: '*' } }, 1, true],
    ['a wildcard * rules out every string', { 'anything-but': { wildcard: '*' } }, '', false],
    ['no form matches a missing field', { 'anything-but': 'x' }, undefined, false],
    ['no form matches an object value', { 'anything-but': 'x' }, { y: 1 }, false],
    ['no form matches an empty array', { 'anything-but': 'x' }, [], false],
    ['an array matches when any element is not ruled out', { 'anything-but': 'x' }, ['x', 'y'], true],
    ['an array does not match when every element is ruled out', { 'anything-but': ['x', 'y'] }, ['x', 'y', 'x'], false],
  ])('%s', (_case, matcher, value, expected) => {
    expect(leafMatches([matcher], value)).toBe(expected);
  });
});

describe('numeric', () => {
  it.each([
    ['= holds for the same value', ['=', 5], 5, true],
    ['= holds for another spelling of the value', ['=', 5], 5.0, true],
    ['> excludes its bound', ['>', 5], 5, false],
    ['>= includes its bound', ['>=', 5], 5, true],
    ['< excludes its bound', ['<', 5], 5, false],
    ['<= includes its bound', ['<=', 5], 5, true],
    ['a closed range includes both ends', ['>=', 0, '<=', 5], 0, true],
    ['an open range excludes its top', ['>', 0, '<', 5], 5, false],
    ['negative numbers compare in order', ['<', -1.5], -2, true],
    ['a range accepts a fraction inside it', ['>', 0, '<', 1], 0.5, true],
    ['the lowest comparable value, -5e9, is accepted', ['<', 0], -5e9, true],
    ['the highest comparable value, 5e9, is accepted', ['>', 0], 5e9, true],
    ['a value beyond 5e9 never matches', ['>', 0], 5.000001e9, false],
    ['a value below -5e9 never matches', ['<', 0], -6e9, false],
    ['a string never matches, even one that spells a number', ['>', 0], '5', false],
    ['a boolean never matches', ['>=', 0], true, false],
    ['null never matches', ['<=', 0], null, false],
    ['an array matches when one element is in range', ['>', 10], [1, 2, 30], true],
  ])('%s', (_case, expression, value, expected) => {
    expect(leafMatches([{ numeric: expression }], value)).toBe(expected);
  });

  it('ignores differences beyond the sixth decimal, as EventBridge does', () => {
    expect(leafMatches([{ numeric: ['>', 1] }], 1.0000001)).toBe(false);
    expect(leafMatches([{ numeric: ['>', 1] }], 1.000001)).toBe(true);
  });
});

describe('cidr', () => {
  it.each([
    ['an IPv4 address inside the block', '10.0.0.0/24', '10.0.0.7', true],
    ['the first address of the block', '10.0.0.0/24', '10.0.0.0', true],
    ['the last address of the block', '10.0.0.0/24', '10.0.0.255', true],
    ['the first address after the block', '10.0.0.0/24', '10.0.1.0', false],
    ['host bits in the base address are ignored', '10.0.0.5/24', '10.0.0.1', true],
    ['a /0 block holds every IPv4 address', '0.0.0.0/0', '203.0.113.9', true],
    ['a /31 block holds two addresses', '192.0.2.2/31', '192.0.2.3', true],
    ['a /31 block holds only two addresses', '192.0.2.2/31', '192.0.2.4', false],
    ['octets with leading zeros are read as decimal', '10.0.0.0/24', '010.000.000.010', true],
    ['an IPv6 address inside a compressed block', '2001:db8::/32', '2001:0DB8:ffff::1', true],
    ['an IPv6 address outside the block', '2001:db8::/32', '2001:db9::1', false],
    ['an IPv4 block never holds an IPv6 address', '0.0.0.0/0', '::1', false],
    ['an IPv6 block never holds an IPv4 address', '::/0', '10.0.0.1', false],
    ['an IPv4-mapped IPv6 address is its IPv4 address', '10.0.0.0/8', '::ffff:a00:1', true],
    ['a string that is not an address never matches', '10.0.0.0/8', '10.0.0', false],
    ['an address with an octet above 255 never matches', '10.0.0.0/8', '10.0.0.256', false],
    ['an address with a zone id never matches', 'fe80::/10', 'fe80::1%eth0', false],
    ['a number never matches', '0.0.0.0/0', 167772161, false],
  ])('%s', (_case, block, value, expected) => {
    expect(leafMatches([{ cidr: block }], value)).toBe(expected);
  });
});

describe('exists', () => {
  it.each([
    ['true matches a string', true, 'x', true],
    ['true matches null: the field is there', true, null, true],
    ['true matches false', true, false, true],
    ['true matches an array of scalars', true, ['a'], true],
    ['true does not match an empty array: it holds no value', true, [], false],
    ['true does not match an object: exists looks at leaves only', true, { a: 1 }, false],
    ['true does not match an empty object', true, {}, false],
    ['true does not match a missing field', true, undefined, false],
    ['false matches a missing field', false, undefined, true],
    ['false matches an empty array', false, [], true],
    ['false matches an object value', false, { a: 1 }, true],
    ['false does not match null', false, null, false],
    ['false does not match an array holding a value', false, [null], false],
  ])('%s', (_case, flag, value, expected) => {
    expect(leafMatches([{ exists: flag }], value)).toBe(expected);
  });

  it('treats a field missing on the way (no parent object) as absent', () => {
    expect(matchesPattern({ detail: { c: [{ exists: false }] } }, { source: 'x' })).toBe(true);
    expect(matchesPattern({ detail: { c: [{ exists: false }] } }, { detail: 'a string, not an object' })).toBe(true);
  });

  it('combines exists: false with a value: the field is missing or has that value', () => {
    const pattern = { f: [{ exists: false }, 'on'] };

    expect(matchesPattern(pattern, {})).toBe(true);
    expect(matchesPattern(pattern, { f: 'on' })).toBe(true);
    expect(matchesPattern(pattern, { f: 'off' })).toBe(false);
  });
});

describe('$or', () => {
  it('matches when any alternative matches, at any depth', () => {
    const pattern = { source: ['app'], detail: { $or: [{ plan: ['pro'] }, { $or: [{ seats: [{ numeric: ['>', 10] }] }, { vip: [true] }] }] } };

    expect(matchesPattern(pattern, { source: 'app', detail: { plan: 'free', vip: true } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'app', detail: { plan: 'free', seats: 11 } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'app', detail: { plan: 'free', seats: 3, vip: false } })).toBe(false);
    expect(matchesPattern(pattern, { source: 'other', detail: { plan: 'pro' } })).toBe(false);
  });

  it('multiplies side-by-side alternatives: one from each $or must hold', () => {
    const pattern = { a: { $or: [{ x: [1] }, { y: [1] }] }, b: { $or: [{ x: [2] }, { y: [2] }] } };

    expect(matchesPattern(pattern, { a: { y: 1 }, b: { x: 2 } })).toBe(true);
    expect(matchesPattern(pattern, { a: { y: 1 }, b: { x: 3 } })).toBe(false);
  });

  it('lets a field inside an alternative replace the same field written before the $or', () => {
    const pattern = '{"f": ["outer"], "$or": [{"f": ["inner"]}, {"g": [1]}]}';

    expect(matchesPattern(pattern, { f: 'inner' })).toBe(true);
    expect(matchesPattern(pattern, { f: 'outer', g: 1 })).toBe(true);
    expect(matchesPattern(pattern, { f: 'outer' })).toBe(false);
  });

  it('treats "$or" as a plain field name inside an event', () => {
    expect(matchesPattern({ detail: { x: [1] } }, { detail: { $or: 'whatever', x: 1 } })).toBe(true);
  });
});

describe('Field names', () => {
  it('looks up a field named like an inherited property only when the event has it', () => {
    expect(matchesPattern({ constructor: [{ exists: true }] }, { source: 'x' })).toBe(false);
    expect(matchesPattern({ constructor: ['c'] }, { constructor: 'c' })).toBe(true);
    expect(matchesPattern({ toString: [{ exists: false }] }, {})).toBe(true);
  });

  it('matches a field named "__proto__" in an event parsed from JSON text', () => {
    expect(matchesPattern('{"__proto__": ["x"]}', '{"__proto__": "x"}')).toBe(true);
    expect(matchesPattern('{"__proto__": ["x"]}', '{"other": "x"}')).toBe(false);
  });

  it('treats a dotted name as one field, not as a path', () => {
    expect(matchesPattern({ 'a.b': [1] }, { 'a.b': 1 })).toBe(true);
    expect(matchesPattern({ 'a.b': [1] }, { a: { b: 1 } })).toBe(false);
  });

  it('matches an empty field name', () => {
    expect(matchesPattern({ '': ['x'] }, { '': 'x' })).toBe(true);
  });
});
