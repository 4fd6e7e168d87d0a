import { JsonPathError, applyPayloadTemplate, evaluateDynamic, pathExists, readPath, writePath, type PathScope } from '../../src/workflow/json-path';

const scope = (data: unknown, variables: Record<string, unknown> = {}): PathScope => ({ data, context: { Execution: { Name: 'signup-1' }, Map: { Item: { Index: 2 } } }, variables });

describe('reference paths', () => {
  const data = { a: { b: [10, 20, { c: 'x' }] }, 'odd key': 1 };

  it.each([
    ['$', data],
    ['$.a.b[1]', 20],
    ['$.a.b[-1].c', 'x'],
    ["$['odd key']", 1],
    ['$.a.b[*]', [10, 20, { c: 'x' }]],
  ])('reads %s', (path, expected) => {
    expect(readPath(path, scope(data))).toEqual(expected);
  });

  it('reads the context object with $$ and variables with $name', () => {
    expect(readPath('$$.Execution.Name', scope({}))).toBe('signup-1');
    expect(readPath('$user.id', scope({}, { user: { id: 'u-1' } }))).toBe('u-1');
  });

  it('refuses a path that selects nothing, and a variable that is not defined, as States.Runtime', () => {
    expect(() => readPath('$.missing', scope(data))).toThrow(JsonPathError);
    expect(() => readPath('$nope', scope(data))).toThrow(/variable \$nope/);
    expect(pathExists('$.a.b', scope(data))).toBe(true);
    expect(pathExists('$.a.z', scope(data))).toBe(false);
  });

  it('refuses filters and recursive descent instead of guessing', () => {
    expect(() => readPath('$..c', scope(data))).toThrow(/recursive descent/);
    expect(() => readPath('$.a.b[?(@.c)]', scope(data))).toThrow(/not supported/);
  });
});

describe('ResultPath', () => {
  it('writes the result under the path and leaves the input as it was', () => {
    const input = { signupId: 's', user: { name: 'old' } };

    const out = writePath(input, '$.user.id', 'u-1');

    expect(out).toEqual({ signupId: 's', user: { name: 'old', id: 'u-1' } });
    expect(input).toEqual({ signupId: 's', user: { name: 'old' } });
  });

  it('replaces the whole input with $', () => {
    expect(writePath({ a: 1 }, '$', { b: 2 })).toEqual({ b: 2 });
  });
});

describe('payload templates', () => {
  it('evaluates every field ending in .$, nested ones and arrays included, and keeps the rest', () => {
    const template = { 'id.$': '$.signupId', fixed: 'yes', nested: { 'name.$': '$$.Execution.Name', list: [{ 'n.$': '$.n' }] } };

    expect(applyPayloadTemplate(template, scope({ signupId: 's-1', n: 3 }))).toEqual({ id: 's-1', fixed: 'yes', nested: { name: 'signup-1', list: [{ n: 3 }] } });
  });
});

describe('intrinsic functions (ASL specification examples)', () => {
  it.each([
    ["States.Format('Hello, my name is {}.', $.name)", { name: 'Ada' }, 'Hello, my name is Ada.'],
    ["States.Format('{} failed with {}', $.step, $.error)", { step: 'CreateUser', error: 'E' }, 'CreateUser failed with E'],
    ['States.StringToJson($.s)', { s: '{"number": 20}' }, { number: 20 }],
    ['States.JsonToString($.o)', { o: { a: 1 } }, '{"a":1}'],
    ["States.Array('Foo', 2020, $.x, null)", { x: true }, ['Foo', 2020, true, null]],
    ['States.ArrayPartition($.a, 2)', { a: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]]],
    ['States.ArrayContains($.a, 3)', { a: [1, 2, 3] }, true],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.a, 1)', { a: [1, 2, 3] }, 2],
    ['States.ArrayLength($.a)', { a: [1, 2, 3] }, 3],
    ['States.ArrayUnique($.a)', { a: [1, 2, 2, 3, 1] }, [1, 2, 3]],
    ["States.Base64Encode('Data to encode')", {}, 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", {}, 'Data to encode'],
    ['States.MathAdd($.v, -1)', { v: 111 }, 110],
    ["States.StringSplit('1,2,3,4,5', ',')", {}, ['1', '2', '3', '4', '5']],
    ['States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: 1 }, b: { y: 2 } }, { x: 1, y: 2 }],
    ["States.Format('{}', States.ArrayLength($.a))", { a: [1, 2] }, '2'],
  ])('%s', (expression, data, expected) => {
    expect(evaluateDynamic(expression, scope(data))).toEqual(expected);
  });

  it("hashes like the specification's example", () => {
    expect(evaluateDynamic("States.Hash('input data', 'SHA-1')", scope({}))).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
  });

  it('refuses an intrinsic it does not know', () => {
    expect(() => evaluateDynamic('States.Nope($.a)', scope({ a: 1 }))).toThrow(/States.Nope is not supported/);
  });
});
