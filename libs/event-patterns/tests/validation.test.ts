/**
 * What validatePattern refuses, and where it says the problem is. Each case is a pattern
 * EventBridge refuses (or one the docs leave open and we refuse on purpose, said in the case).
 */
import {
  DEFAULT_MAX_PATTERN_LENGTH,
  EventPatternsError,
  HIGHEST_MAX_PATTERN_LENGTH,
  InvalidEventPatternError,
  MAX_NESTING_DEPTH,
  compilePattern,
  matchesPattern,
  validatePattern,
} from '../src';

function refusal(pattern: unknown): InvalidEventPatternError {
  try {
    validatePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be refused`);
}

type Case = [what: string, pattern: unknown, path: string, reason: string | RegExp];

const structure: Case[] = [
  ['a pattern that is not an object (array)', [], '', 'The event pattern must be a JSON object'],
  ['a pattern that is not an object (string JSON)', '"source"', '', 'The event pattern must be a JSON object'],
  ['a pattern that is null', 'null', '', 'The event pattern must be a JSON object'],
  ['pattern text that is not JSON', '{"source": [', '', /not valid JSON/],
  ['an empty pattern', {}, '', 'Empty objects are not allowed'],
  ['an empty nested object', { detail: {} }, 'detail', 'Empty objects are not allowed'],
  ['a leaf that is a string, not an array', { source: 'aws.ec2' }, 'source', '"source" must be an object or an array'],
  ['a leaf that is a number', { detail: { count: 5 } }, 'detail.count', '"count" must be an object or an array'],
  ['a leaf that is null', { detail: { gone: null } }, 'detail.gone', '"gone" must be an object or an array'],
  ['an empty leaf array', { source: [] }, 'source', 'Empty arrays are not allowed'],
  ['an array inside a leaf array', { source: [['aws.ec2']] }, 'source[0]', 'Match value must be String, number, true, false, or null'],
  ['an empty matcher object', { source: [{}] }, 'source[0]', 'Match expression name not found'],
  ['two operators in one matcher object', { source: [{ prefix: 'a', suffix: 'b' }] }, 'source[0].suffix', 'Only one key allowed in match expression'],
  ['an unknown operator', { source: [{ foo: 'bar' }] }, 'source[0].foo', 'Unrecognized match type foo'],
  ['an operator the docs do not list ("exactly")', { source: [{ exactly: 'a' }] }, 'source[0].exactly', 'Unrecognized match type exactly'],
  ['a field name that needs quoting in the path', { detail: { 'a.b': 'x' } }, 'detail["a.b"]', '"a.b" must be an object or an array'],
];

const operators: Case[] = [
  ['prefix with a number', { f: [{ prefix: 5 }] }, 'f[0].prefix', 'prefix match pattern must be a string'],
  ['prefix with an unknown modifier', { f: [{ prefix: { 'ignore-case': 'a' } }] }, 'f[0].prefix.ignore-case', 'Unsupported prefix pattern: ignore-case'],
  ['prefix ignoring case with a number', { f: [{ prefix: { 'equals-ignore-case': 1 } }] }, 'f[0].prefix.equals-ignore-case', 'equals-ignore-case match pattern must be a string'],
  ['suffix with a list', { f: [{ suffix: ['.png'] }] }, 'f[0].suffix', 'suffix match pattern must be a string'],
  ['suffix with an empty modifier object', { f: [{ suffix: {} }] }, 'f[0].suffix', 'Suffix expression name not found'],
  ['equals-ignore-case with a list', { f: [{ 'equals-ignore-case': ['a'] }] }, 'f[0].equals-ignore-case', 'equals-ignore-case match pattern must be a string'],
  ['exists with a string', { f: [{ exists: 'true' }] }, 'f[0].exists', 'exists match pattern must be either true or false.'],
  ['exists with a number', { f: [{ exists: 1 }] }, 'f[0].exists', 'exists match pattern must be either true or false.'],
  ['cidr with a number', { f: [{ cidr: 10 }] }, 'f[0].cidr', 'cidr match pattern must be a string'],
  ['cidr without a mask', { f: [{ cidr: '10.0.0.0' }] }, 'f[0].cidr', "Malformed CIDR, one '/' required"],
  ['cidr with two slashes', { f: [{ cidr: '10.0.0.0/8/8' }] }, 'f[0].cidr', "Malformed CIDR, one '/' required"],
  ['cidr with a mask that is not a number', { f: [{ cidr: '10.0.0.0/x' }] }, 'f[0].cidr', 'Malformed CIDR, mask bits must be an integer'],
  ['cidr with a negative mask', { f: [{ cidr: '10.0.0.0/-1' }] }, 'f[0].cidr', 'Malformed CIDR, mask bits must not be negative'],
  ['cidr with an IPv4 mask of 32 (write the address itself)', { f: [{ cidr: '10.0.0.1/32' }] }, 'f[0].cidr', 'IPv4 mask bits must be < 32'],
  ['cidr with an IPv6 mask of 128', { f: [{ cidr: '::1/128' }] }, 'f[0].cidr', 'IPv6 mask bits must be < 128'],
  ['cidr with an octet above 255', { f: [{ cidr: '10.0.0.256/24' }] }, 'f[0].cidr', 'Invalid IP address: 10.0.0.256'],
  ['cidr with a host name', { f: [{ cidr: 'example.com/24' }] }, 'f[0].cidr', 'Nonstandard IP address: example.com'],
  ['cidr with a malformed IPv6 address', { f: [{ cidr: '2001:db8:::1/64' }] }, 'f[0].cidr', 'Invalid IP address: 2001:db8:::1'],
  ['wildcard with a number', { f: [{ wildcard: 7 }] }, 'f[0].wildcard', 'wildcard match pattern must be a string'],
  ['wildcard with consecutive *', { f: [{ wildcard: 'a**b' }] }, 'f[0].wildcard', 'Consecutive wildcard characters at pos 2'],
  ['wildcard with consecutive * after multi-byte text', { f: [{ wildcard: 'é**' }] }, 'f[0].wildcard', 'Consecutive wildcard characters at pos 3'],
  ['wildcard escaping a letter', { f: [{ wildcard: 'a\\b' }] }, 'f[0].wildcard', 'Invalid escape character at pos 2'],
  ['wildcard ending in a lone backslash', { f: [{ wildcard: 'a\\' }] }, 'f[0].wildcard', 'Invalid escape character at pos 2'],
];

const numeric: Case[] = [
  ['numeric with a string', { f: [{ numeric: '>5' }] }, 'f[0].numeric', 'Value of numeric must be an array.'],
  ['numeric with an empty list', { f: [{ numeric: [] }] }, 'f[0].numeric[0]', 'Invalid member in numeric match: nothing'],
  ['numeric starting with a number', { f: [{ numeric: [5, '>'] }] }, 'f[0].numeric[0]', 'Invalid member in numeric match: 5'],
  ['numeric with an unknown comparator', { f: [{ numeric: ['!=', 5] }] }, 'f[0].numeric[0]', 'Unrecognized numeric range operator: !='],
  ['numeric with a missing operand', { f: [{ numeric: ['>'] }] }, 'f[0].numeric[1]', 'Value of > must be numeric'],
  ['numeric with a string operand', { f: [{ numeric: ['>', '5'] }] }, 'f[0].numeric[1]', 'Value of > must be numeric'],
  ['numeric with a boolean operand', { f: [{ numeric: ['=', true] }] }, 'f[0].numeric[1]', 'Value of = must be numeric'],
  ['numeric with an odd number of elements', { f: [{ numeric: ['>', 0, '<'] }] }, 'f[0].numeric[3]', 'Value of < must be numeric'],
  ['numeric with two lower bounds', { f: [{ numeric: ['>', 0, '>', 5] }] }, 'f[0].numeric[2]', 'Bad numeric range operator: >'],
  ['numeric with the upper bound first', { f: [{ numeric: ['<', 5, '>', 0] }] }, 'f[0].numeric[2]', 'Too many elements in numeric expression'],
  ['numeric = followed by more terms', { f: [{ numeric: ['=', 5, '<', 6] }] }, 'f[0].numeric[2]', 'Too many elements in numeric expression'],
  ['numeric with a non-string second comparator', { f: [{ numeric: ['>', 0, 5, 6] }] }, 'f[0].numeric[2]', 'Bad value in numeric range: 5'],
  ['numeric with five elements', { f: [{ numeric: ['>', 0, '<', 5, 6] }] }, 'f[0].numeric[4]', 'Too many terms in numeric range expression'],
  ['numeric with a lower bound above the upper bound', { f: [{ numeric: ['>', 10, '<', 5] }] }, 'f[0].numeric', 'Bottom must be less than top'],
  ['numeric with equal bounds', { f: [{ numeric: ['>=', 5, '<=', 5] }] }, 'f[0].numeric', 'Bottom must be less than top'],
  ['numeric with bounds equal to six decimals', { f: [{ numeric: ['>', 1.0000001, '<', 1.0000002] }] }, 'f[0].numeric', 'Bottom must be less than top'],
  ['numeric beyond +5e9', { f: [{ numeric: ['<', 5.1e9] }] }, 'f[0].numeric[1]', 'Value must be between -5.0e9 and +5.0e9, inclusive'],
  ['numeric below -5e9', { f: [{ numeric: ['>', -5.1e9] }] }, 'f[0].numeric[1]', 'Value must be between -5.0e9 and +5.0e9, inclusive'],
  ['numeric beside another operator', { f: [{ numeric: ['>', 0, '<', 1], exists: true }] }, 'f[0].exists', 'Only one key allowed in match expression'],
];

const anythingBut: Case[] = [
  ['anything-but with true', { f: [{ 'anything-but': true }] }, 'f[0].anything-but', 'Value of anything-but must be an array or single string/number value.'],
  ['anything-but with null', { f: [{ 'anything-but': null }] }, 'f[0].anything-but', 'Value of anything-but must be an array or single string/number value.'],
  ['anything-but with an empty list', { f: [{ 'anything-but': [] }] }, 'f[0].anything-but', 'anything-but list must not be empty'],
  ['anything-but with null in its list', { f: [{ 'anything-but': ['a', null] }] }, 'f[0].anything-but[1]', 'Inside anything but list, start|null|boolean is not supported.'],
  ['anything-but with a mixed list', { f: [{ 'anything-but': ['a', 1] }] }, 'f[0].anything-but', /mixed type is not supported/],
  ['anything-but with a number beyond 5e9', { f: [{ 'anything-but': [1, 6e9] }] }, 'f[0].anything-but[1]', 'Value must be between -5.0e9 and +5.0e9, inclusive'],
  ['anything-but nested in anything-but', { f: [{ 'anything-but': { 'anything-but': 'x' } }] }, 'f[0].anything-but.anything-but', 'Unsupported anything-but pattern: anything-but'],
  ['anything-but with numeric inside', { f: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'f[0].anything-but.numeric', 'Unsupported anything-but pattern: numeric'],
  ['anything-but with an empty object', { f: [{ 'anything-but': {} }] }, 'f[0].anything-but', 'Anything-But expression name not found'],
  ['anything-but with two modifiers', { f: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] }, 'f[0].anything-but.suffix', 'Only one key allowed in match expression'],
  ['anything-but with an empty prefix', { f: [{ 'anything-but': { prefix: '' } }] }, 'f[0].anything-but.prefix', 'Null prefix/suffix not allowed'],
  ['anything-but with a numeric suffix', { f: [{ 'anything-but': { suffix: 1 } }] }, 'f[0].anything-but.suffix', 'prefix/suffix match pattern must be a string'],
  ['anything-but with a list of prefixes (the docs allow one)', { f: [{ 'anything-but': { prefix: ['a', 'b'] } }] }, 'f[0].anything-but.prefix', 'anything-but prefix takes a single string, not a list'],
  ['anything-but ignoring case with a number', { f: [{ 'anything-but': { 'equals-ignore-case': 1 } }] }, 'f[0].anything-but.equals-ignore-case', /number\|start\|null\|boolean is not supported/],
  ['anything-but ignoring case with a number in its list', { f: [{ 'anything-but': { 'equals-ignore-case': ['a', 1] } }] }, 'f[0].anything-but.equals-ignore-case[1]', /number\|start\|null\|boolean is not supported/],
  ['anything-but ignoring case with an empty list', { f: [{ 'anything-but': { 'equals-ignore-case': [] } }] }, 'f[0].anything-but.equals-ignore-case', 'anything-but list must not be empty'],
  ['anything-but with a bad wildcard in its list', { f: [{ 'anything-but': { wildcard: ['*/lib/*', 'a**'] } }] }, 'f[0].anything-but.wildcard[1]', 'Consecutive wildcard characters at pos 2'],
  ['anything-but with a numeric wildcard', { f: [{ 'anything-but': { wildcard: 3 } }] }, 'f[0].anything-but.wildcard', 'wildcard match pattern must be a string'],
];

const or: Case[] = [
  ['$or that is an object', { $or: { a: [1] } }, '$or', 'It must be an Array followed with $or.'],
  ['$or with one alternative', { $or: [{ a: [1] }] }, '$or', 'There must have at least 2 Objects in $or relationship.'],
  ['$or with no alternative', { $or: [] }, '$or', 'There must have at least 2 Objects in $or relationship.'],
  ['$or with a string alternative', { $or: [{ a: [1] }, 'b'] }, '$or[1]', 'Only JSON object is allowed in array of $or relationship.'],
  ['$or with an empty alternative', { $or: [{ a: [1] }, {}] }, '$or[1]', 'Empty objects are not allowed'],
  ['$or with an operator where a field belongs', { $or: [{ prefix: 'a' }, { b: [1] }] }, '$or[0].prefix', 'prefix is a reserved field name which cannot be used inside $or'],
  ['$or with a reserved name deeper inside', { detail: { $or: [{ x: { numeric: [1] } }, { b: [1] }] } }, 'detail.$or[0].x.numeric', 'numeric is a reserved field name which cannot be used inside $or'],
  ['$or with a bad matcher inside an alternative', { $or: [{ a: [1] }, { b: [{ numeric: ['>'] }] }] }, '$or[1].b[0].numeric[1]', 'Value of > must be numeric'],
];

describe('validatePattern', () => {
  describe.each([
    ['refuses the shape of', structure],
    ['refuses operator', operators],
    ['refuses malformed', numeric],
    ['refuses', anythingBut],
    ['refuses', or],
  ])('%s', (_group, cases) => {
    it.each(cases)('%s, naming the path', (_what, pattern, path, reason) => {
      const error = refusal(pattern);

      expect(error.path).toBe(path);
      if (typeof reason === 'string') expect(error.reason).toBe(reason);
      else expect(error.reason).toMatch(reason);
      expect(error.message).toContain(path === '' ? 'the pattern root' : path);
    });
  });

  it('accepts every operator in its documented forms', () => {
    const pattern = {
      source: ['aws.ec2', { prefix: 'aws.' }, { suffix: '.ec2' }, { 'equals-ignore-case': 'AWS.EC2' }, { wildcard: 'aws.*' }],
      account: [123456789012, null, true, false, ''],
      detail: {
        a: [{ prefix: { 'equals-ignore-case': 'x' } }, { suffix: { 'equals-ignore-case': 'y' } }],
        b: [{ 'anything-but': 'x' }, { 'anything-but': 1 }, { 'anything-but': ['x', 'y'] }, { 'anything-but': [1, 2] }],
        c: [{ 'anything-but': { prefix: 'p' } }, { 'anything-but': { suffix: 's' } }, { 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }],
        d: [{ 'anything-but': { wildcard: '*/lib/*' } }, { 'anything-but': { 'equals-ignore-case': 'a' } }, { 'anything-but': { wildcard: ['a*', '*b'] } }],
        e: [{ numeric: ['=', 5] }, { numeric: ['<', 0] }, { numeric: ['>=', -5e9, '<=', 5e9] }, { numeric: ['>', 0, '<', 1e-6] }],
        f: [{ cidr: '10.0.0.0/8' }, { cidr: '2001:db8::/32' }, { exists: true }],
        g: [{ exists: false }],
        $or: [{ h: [1] }, { i: { $or: [{ j: [2] }, { k: [3] }] } }],
      },
    };

    expect(() => validatePattern(pattern)).not.toThrow();
  });

  it('accepts a field named like an operator outside $or', () => {
    expect(() => validatePattern({ detail: { prefix: ['x'], numeric: [1] } })).not.toThrow();
  });

  it('reports errors as InvalidEventPatternError, a kind of EventPatternsError', () => {
    const error = refusal({ source: 'x' });

    expect(error).toBeInstanceOf(EventPatternsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidEventPatternError');
    expect(error.pathSegments).toEqual(['source']);
  });

  it('refuses a matcher value that JSON cannot express', () => {
    expect(refusal({ f: [Number.NaN] }).reason).toBe('Match value must be a finite number');
    expect(refusal({ f: [undefined] }).reason).toBe('Match value must be String, number, true, false, or null');
    expect(refusal({ f: [new Date(0)] }).reason).toBe('Match value must be String, number, true, false, or null');
  });

  it('refuses a pattern object that cannot be written as JSON', () => {
    const cyclic: Record<string, unknown> = { f: ['x'] };
    cyclic.self = cyclic;

    expect(refusal(cyclic).reason).toMatch(/cannot be written as JSON/);
  });
});

describe('The size limit', () => {
  const patternOfLength = (length: number): string => {
    const skeleton = '{"f": [""]}';
    return `{"f": ["${'x'.repeat(length - skeleton.length)}"]}`;
  };

  it(`accepts pattern text of exactly ${DEFAULT_MAX_PATTERN_LENGTH} characters`, () => {
    expect(() => validatePattern(patternOfLength(DEFAULT_MAX_PATTERN_LENGTH))).not.toThrow();
  });

  it(`refuses pattern text of ${DEFAULT_MAX_PATTERN_LENGTH + 1} characters`, () => {
    expect(refusal(patternOfLength(DEFAULT_MAX_PATTERN_LENGTH + 1)).reason).toBe(
      `The event pattern is ${DEFAULT_MAX_PATTERN_LENGTH + 1} characters long; the limit is ${DEFAULT_MAX_PATTERN_LENGTH}`,
    );
  });

  it('measures a pattern object by its compact JSON text', () => {
    const compactSkeleton = '{"f":[""]}';
    const atLimit = { f: ['x'.repeat(DEFAULT_MAX_PATTERN_LENGTH - compactSkeleton.length)] };
    const overLimit = { f: ['x'.repeat(DEFAULT_MAX_PATTERN_LENGTH + 1 - compactSkeleton.length)] };

    expect(() => validatePattern(atLimit)).not.toThrow();
    expect(refusal(overLimit).reason).toMatch(/is 2049 characters long/);
  });

  it('accepts a longer pattern when the quota is raised', () => {
    expect(() => validatePattern(patternOfLength(HIGHEST_MAX_PATTERN_LENGTH), { maxPatternLength: HIGHEST_MAX_PATTERN_LENGTH })).not.toThrow();
  });

  it('refuses a quota beyond what EventBridge allows, as a programming error', () => {
    expect(() => validatePattern({ f: ['x'] }, { maxPatternLength: HIGHEST_MAX_PATTERN_LENGTH + 1 })).toThrow(RangeError);
  });
});

describe('The nesting limit', () => {
  const nested = (depth: number): Record<string, unknown> => {
    let pattern: Record<string, unknown> = { f: ['x'] };
    for (let level = 1; level < depth; level++) pattern = { n: pattern };
    return pattern;
  };

  it(`accepts fields nested ${MAX_NESTING_DEPTH} levels deep`, () => {
    expect(() => validatePattern(nested(MAX_NESTING_DEPTH), { maxPatternLength: HIGHEST_MAX_PATTERN_LENGTH })).not.toThrow();
  });

  it(`refuses fields nested ${MAX_NESTING_DEPTH + 1} levels deep, naming the leaf`, () => {
    let error: unknown;
    try {
      validatePattern(nested(MAX_NESTING_DEPTH + 1), { maxPatternLength: HIGHEST_MAX_PATTERN_LENGTH });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).pathSegments).toEqual([...Array<string>(MAX_NESTING_DEPTH).fill('n'), 'f']);
  });
});

describe('The $or expansion limit', () => {
  it('refuses $ors that multiply past the limit, naming the $or that crosses it', () => {
    const pair = (name: string) => ({ $or: [{ [`${name}1`]: [1] }, { [`${name}2`]: [2] }] });
    const pattern = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`g${i}`, pair('x')]));

    const error = refusal(pattern);

    expect(error.path).toBe('g9.$or');
    expect(error.reason).toMatch(/more than 1000 combinations/);
  });

  it('accepts $ors that multiply up to the limit', () => {
    const pair = (name: string) => ({ $or: [{ [`${name}1`]: [1] }, { [`${name}2`]: [2] }] });
    const pattern = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`g${i}`, pair('x')]));

    expect(() => validatePattern(pattern)).not.toThrow();
  });
});

describe('A refused pattern', () => {
  it('changes nothing: the same call with a valid pattern still works afterwards', () => {
    expect(() => matchesPattern({ source: 'x' }, { source: 'x' })).toThrow(InvalidEventPatternError);

    expect(matchesPattern({ source: ['x'] }, { source: 'x' })).toBe(true);
  });

  it('is refused again on every call rather than remembered as valid', () => {
    expect(() => compilePattern('{"f": []}')).toThrow(InvalidEventPatternError);
    expect(() => matchesPattern('{"f": []}', {})).toThrow(InvalidEventPatternError);
    expect(() => matchesPattern('{"f": []}', {})).toThrow(InvalidEventPatternError);
  });
});
