/**
 * Intrinsic functions of JSONPath states (developer guide, "Intrinsic functions for JSONPath
 * states"): one case per function from the guide's examples, plus the argument rules.
 */
import type { ConformanceCase } from '../types';

/** A Pass state whose Parameters compute `value.$` with an intrinsic. */
function computing(id: string, rule: string, expression: string, input: unknown, expect: ConformanceCase['expect']): ConformanceCase {
  return { id: `intrinsics/${id}`, source: 'intrinsic-functions', rule, definition: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'value.$': expression }, End: true } } }, input, expect };
}

/** The output is `{ value: expected }`. */
function intrinsic(id: string, rule: string, expression: string, input: unknown, expected: unknown): ConformanceCase {
  return computing(id, rule, expression, input, { status: 'SUCCEEDED', output: { value: expected } });
}

/** The function refuses its arguments: the execution fails with States.Runtime. */
function intrinsicFails(id: string, rule: string, expression: string, input: unknown): ConformanceCase {
  return computing(id, rule, expression, input, { status: 'FAILED', error: 'States.Runtime' });
}

const NINE = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

export const intrinsicCases: ConformanceCase[] = [
  intrinsic('format', 'States.Format fills each {} with the next argument.', "States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'),
  intrinsic('format-several', 'States.Format takes as many arguments as placeholders, of any JSON type.', "States.Format('{} has {} items ({})', $.who, $.count, $.ok)", { who: 'Ada', count: 3, ok: true }, 'Ada has 3 items (true)'),
  intrinsic('format-escaped-braces', "In an intrinsic's string literal, \\{ and \\} are literal braces.", "States.Format('\\{literal\\} {}', $.v)", { v: 'x' }, '{literal} x'),
  intrinsic('format-escaped-quote', "\\' is a literal single quote inside an intrinsic's string literal.", "States.Format('It\\'s {}', $.v)", { v: 'fine' }, "It's fine"),
  intrinsicFails('format-argument-count', 'States.Format fails when the arguments do not match the placeholders.', "States.Format('{} and {}', $.a)", { a: 1 }),
  intrinsic('string-to-json', 'States.StringToJson parses escaped JSON text.', 'States.StringToJson($.someString)', { someString: '{"number": 20}' }, { number: 20 }),
  intrinsicFails('string-to-json-not-json', 'States.StringToJson fails on text that is not JSON.', 'States.StringToJson($.s)', { s: '{not json' }),
  intrinsic('json-to-string', 'States.JsonToString serializes a value to JSON text.', 'States.JsonToString($.someJson)', { someJson: { name: 'Foo', year: 2020 } }, '{"name":"Foo","year":2020}'),
  intrinsic('array', 'States.Array builds an array of its arguments.', "States.Array('Foo', 2020, $.someJson, null)", { someJson: { random: 'abcdefg' } }, ['Foo', 2020, { random: 'abcdefg' }, null]),
  intrinsic('array-partition', 'States.ArrayPartition chunks an array; the last chunk may be shorter.', 'States.ArrayPartition($.inputArray, 4)', NINE, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]),
  intrinsic('array-contains', 'States.ArrayContains tells whether a value is in an array.', 'States.ArrayContains($.inputArray, $.lookingFor)', { ...NINE, lookingFor: 5 }, true),
  intrinsic('array-contains-object', 'States.ArrayContains compares objects by value.', 'States.ArrayContains($.list, $.item)', { list: [{ a: 1 }, { b: 2 }], item: { b: 2 } }, true),
  intrinsic('array-range', 'States.ArrayRange counts from start to end inclusive by step.', 'States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]),
  intrinsic('array-range-stops-before-passing-end', 'States.ArrayRange stops at the last value not past the end.', 'States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9]),
  intrinsicFails('array-range-over-1000', 'States.ArrayRange refuses more than 1000 elements.', 'States.ArrayRange(1, 2000, 1)', {}),
  intrinsic('array-get-item', 'States.ArrayGetItem returns the element at an index.', 'States.ArrayGetItem($.inputArray, $.index)', { ...NINE, index: 5 }, 6),
  intrinsic('array-length', 'States.ArrayLength returns the number of elements.', 'States.ArrayLength($.inputArray)', NINE, 9),
  intrinsic('array-unique', 'States.ArrayUnique removes duplicates, keeping first occurrences.', 'States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]),
  intrinsic('base64-encode', 'States.Base64Encode encodes UTF-8 text.', 'States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='),
  intrinsic('base64-decode', 'States.Base64Decode decodes to UTF-8 text.', 'States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'),
  intrinsic('hash-sha1', 'States.Hash returns the hex digest with the named algorithm.', 'States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7'),
  intrinsic('hash-sha256', 'States.Hash supports SHA-256.', "States.Hash($.Data, 'SHA-256')", { Data: 'input data' }, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'),
  intrinsicFails('hash-unknown-algorithm', 'States.Hash refuses algorithms other than MD5, SHA-1, SHA-256, SHA-384, SHA-512.', "States.Hash($.Data, 'SHA-3')", { Data: 'x' }),
  intrinsic('json-merge-shallow', 'States.JsonMerge merges shallowly: the second object’s keys win whole.', 'States.JsonMerge($.json1, $.json2, false)', { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } }, { a: { a3: 1, a4: 2 }, b: 2, c: 3 }),
  intrinsicFails('json-merge-deep-refused', 'States.JsonMerge supports only a shallow merge (false).', 'States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }),
  intrinsic('math-add', 'States.MathAdd adds two integers.', 'States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110),
  intrinsic('string-split', 'States.StringSplit splits on a delimiter.', 'States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }, ['1', '2', '3', '4', '5']),
  intrinsic('string-split-several-delimiters', 'States.StringSplit splits on any of the delimiter characters.', 'States.StringSplit($.inputString, $.splitter)', { inputString: 'This.is+a,test=string', splitter: '.+,=' }, ['This', 'is', 'a', 'test', 'string']),
  intrinsic('nested-calls', 'Intrinsic functions nest: an argument may be another call.', "States.ArrayLength(States.StringSplit($.csv, ','))", { csv: 'a,b,c' }, 3),
  intrinsic('context-argument', 'An argument may be a context object path.', "States.Format('{}', $$.State.Name)", {}, 'P'),
  {
    id: 'intrinsics/math-random-in-range',
    source: 'intrinsic-functions',
    rule: 'States.MathRandom returns an integer from start up to end.',
    definition: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'value.$': 'States.MathRandom($.start, $.end)' }, End: true } } },
    input: { start: 1, end: 999 },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.value', between: [1, 999] }] },
  },
  {
    id: 'intrinsics/uuid',
    source: 'intrinsic-functions',
    rule: 'States.UUID returns a version 4 UUID.',
    definition: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'value.$': 'States.UUID()' }, End: true } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.value', matches: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' }] },
  },
  {
    id: 'intrinsics/in-result-selector',
    source: 'intrinsic-functions',
    rule: 'Intrinsic functions work in ResultSelector too.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'greeting.$': "States.Format('Hi {}', $.Payload.name)" }, End: true } } },
    mocks: { T: { '0': { Return: { Payload: { name: 'Ada' } } } } },
    expect: { status: 'SUCCEEDED', output: { greeting: 'Hi Ada' } },
  },
  {
    id: 'intrinsics/fail-cause-path',
    source: 'state-fail',
    rule: 'A Fail state’s CausePath may call States.Format.',
    definition: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'OrderFailed', CausePath: "States.Format('Order {} was refused', $.orderId)" } } },
    input: { orderId: 'o-1' },
    expect: { status: 'FAILED', error: 'OrderFailed', cause: 'Order o-1 was refused' },
  },
];
