/**
 * The public API around the matcher: inputs as objects or text, refused events, the compiled
 * pattern's independence from the object it came from, and matchesPattern's cache.
 */
import { EventPatternsError, InvalidEventError, compilePattern, formatPath, matchesPattern } from '../src';

describe('compilePattern', () => {
  it('keeps the pattern text it validated', () => {
    expect(compilePattern('{ "source": ["a"] }').text).toBe('{ "source": ["a"] }');
    expect(compilePattern({ source: ['a'] }).text).toBe('{"source":["a"]}');
  });

  it('is not changed by later changes to the pattern object', () => {
    const pattern = { source: ['a'], detail: { n: [{ numeric: ['>', 1] }] } };
    const compiled = compilePattern(pattern);

    pattern.source.push('b');
    pattern.detail.n = [{ numeric: ['>', 100] }];

    expect(compiled.matches({ source: 'a', detail: { n: 2 } })).toBe(true);
    expect(compiled.matches({ source: 'b', detail: { n: 2 } })).toBe(false);
  });

  it('matches an event given as JSON text, reading its numbers as numbers', () => {
    const compiled = compilePattern({ detail: { n: [{ numeric: ['=', 301.8] }] } });

    expect(compiled.matches('{"detail": {"n": 3.018E+2}}')).toBe(true);
  });

  it.each([
    ['JSON text that does not parse', '{"source": '],
    ['JSON text of an array', '[{"source": "a"}]'],
    ['JSON text of a string', '"a"'],
    ['null', null],
    ['an array', [{ source: 'a' }]],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses an event that is %s with InvalidEventError', (_what, event) => {
    const compiled = compilePattern({ source: ['a'] });

    expect(() => compiled.matches(event)).toThrow(InvalidEventError);
  });

  it('keeps working after refusing an event', () => {
    const compiled = compilePattern({ source: ['a'] });
    expect(() => compiled.matches('not json')).toThrow(InvalidEventError);

    expect(compiled.matches({ source: 'a' })).toBe(true);
  });

  it('names InvalidEventError as a kind of EventPatternsError', () => {
    let error: unknown;
    try {
      compilePattern({ source: ['a'] }).matches(7);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(EventPatternsError);
    expect((error as Error).name).toBe('InvalidEventError');
  });
});

describe('matchesPattern', () => {
  it('answers for the pattern as it is now, even when the same object was changed since the last call', () => {
    const pattern = { source: ['a'] };
    expect(matchesPattern(pattern, { source: 'a' })).toBe(true);

    pattern.source = ['b'];

    expect(matchesPattern(pattern, { source: 'a' })).toBe(false);
  });

  it('still answers correctly for a pattern after many others have been used', () => {
    const first = { source: ['first'] };
    expect(matchesPattern(first, { source: 'first' })).toBe(true);

    for (let i = 0; i < 300; i++) expect(matchesPattern({ source: [`s${i}`] }, { source: `s${i}` })).toBe(true);

    expect(matchesPattern(first, { source: 'first' })).toBe(true);
    expect(matchesPattern(first, { source: 's1' })).toBe(false);
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['detail', 'c-count', 0, 'numeric', 1], 'detail.c-count[0].numeric[1]'],
    [['$or', 1, 'x'], '$or[1].x'],
    [['detail', 'a.b'], 'detail["a.b"]'],
    [['', 'x'], '[""].x'],
    [['with space'], '["with space"]'],
  ])('renders %j as %p', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });
});
