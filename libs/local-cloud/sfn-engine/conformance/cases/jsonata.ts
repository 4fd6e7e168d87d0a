/**
 * JSONata states (developer guide, "Transforming data with JSONata in Step Functions",
 * "Processing input and output"): Arguments and Output, $states, the functions Step Functions
 * adds, and States.QueryEvaluationError.
 */
import type { ConformanceCase } from '../types';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A JSONata Pass state with an Output. */
function passOutput(id: string, rule: string, value: unknown, input: unknown, expect: ConformanceCase['expect']): ConformanceCase {
  return { id: `jsonata/${id}`, source: 'transforming-data', rule, definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: value, End: true } } }, input, expect };
}

/** The execution's output is the Output's value. */
function output(id: string, rule: string, value: unknown, input: unknown, expected: unknown): ConformanceCase {
  return passOutput(id, rule, value, input, { status: 'SUCCEEDED', output: expected });
}

/** The Output fails to evaluate: States.QueryEvaluationError and an EvaluationFailed event. */
function fails(id: string, rule: string, value: unknown, input: unknown): ConformanceCase {
  return passOutput(id, rule, value, input, {
    status: 'FAILED',
    error: 'States.QueryEvaluationError',
    history: { types: ['ExecutionStarted', 'PassStateEntered', 'EvaluationFailed', 'ExecutionFailed'], events: [{ type: 'EvaluationFailed', details: { error: 'States.QueryEvaluationError', state: 'P', location: 'Output' } }] },
  });
}

export const jsonataCases: ConformanceCase[] = [
  {
    id: 'jsonata/arguments-and-not-evaluated-strings',
    source: 'transforming-data',
    rule: 'Arguments evaluate {% %} strings; other strings, even ones that look like paths, are literal.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { customerName: 'María' }, Next: 'T' },
        T: { Type: 'Task', Resource: LAMBDA, Arguments: { static: 'Hello', title: '{% $states.input.title %}', name: '{% $customerName %}', 'not-evaluated': '$customerName' }, End: true },
      },
    },
    input: { title: 'Doctor' },
    mocks: { T: { '0': { Return: 'ok' } } },
    expect: { status: 'SUCCEEDED', output: 'ok', taskArguments: { T: [{ static: 'Hello', title: 'Doctor', name: 'María', 'not-evaluated': '$customerName' }] } },
  },
  {
    id: 'jsonata/task-output-defaults-to-result',
    source: 'concepts-input-output-filtering',
    rule: 'Without Output, a JSONata Task’s output is its result.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } },
    input: { ignored: true },
    mocks: { T: { '0': { Return: { Payload: 42 } } } },
    expect: { status: 'SUCCEEDED', output: { Payload: 42 } },
  },
  {
    id: 'jsonata/output-reads-input-and-result',
    source: 'concepts-input-output-filtering',
    rule: 'Output can read both $states.input and $states.result.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Output: { customerId: '{% $states.input.id %}', result: '{% $states.result.Payload %}' }, End: true } } },
    input: { id: 'c-1' },
    mocks: { T: { '0': { Return: { Payload: { price: 10 } } } } },
    expect: { status: 'SUCCEEDED', output: { customerId: 'c-1', result: { price: 10 } } },
  },
  {
    id: 'jsonata/arguments-default-to-input',
    source: 'transforming-data',
    rule: 'Without Arguments, a JSONata Task receives its state input.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } },
    input: { a: 1 },
    mocks: { T: { '0': { Return: 1 } } },
    expect: { status: 'SUCCEEDED', taskArguments: { T: [{ a: 1 }] } },
  },
  {
    id: 'jsonata/arguments-as-one-expression',
    source: 'transforming-data',
    rule: 'Arguments may be a single JSONata expression.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Arguments: "{% $merge([$states.input, {'extra': true}]) %}", End: true } } },
    input: { a: 1 },
    mocks: { T: { '0': { Return: 1 } } },
    expect: { status: 'SUCCEEDED', taskArguments: { T: [{ a: 1, extra: true }] } },
  },
  output('pass-output-object', 'Output may be an object whose strings are expressions.', { greeting: "{% 'Hello, ' & $states.input.name %}" }, { name: 'Ada' }, { greeting: 'Hello, Ada' }),
  output('pass-without-output-passes-input', 'A JSONata Pass state without Output passes its input.', undefined, { a: [1] }, { a: [1] }),
  output('expression-in-array', 'Expressions inside arrays are evaluated.', ['{% 1 + 1 %}', 'two'], {}, [2, 'two']),
  output('filter', 'JSONata filters arrays.', { expensiveItems: '{% $states.input.items[price > 100] %}' }, { items: [{ price: 50 }, { price: 150 }, { price: 200 }] }, { expensiveItems: [{ price: 150 }, { price: 200 }] }),
  output('aggregation', 'JSONata aggregates.', { total: '{% $sum($states.input.items.price) %}', count: '{% $count($states.input.items) %}' }, { items: [{ price: 1 }, { price: 2 }, { price: 3 }] }, { total: 6, count: 3 }),
  output('conditional', 'The ternary operator picks a value.', { tier: "{% $states.input.total > 1000 ? 'gold' : 'standard' %}" }, { total: 1200 }, { tier: 'gold' }),
  output('local-bindings', 'Blocks with := bind local names; the last expression is the value.', '{% ( $subtotal := $sum($states.input.items.price); $tax := $subtotal * 0.1; {"subtotal": $subtotal, "tax": $tax} ) %}', { items: [{ price: 10 }, { price: 30 }] }, { subtotal: 40, tax: 4 }),
  output('merge', '$merge combines objects.', "{% $merge([$states.input, {'status': 'complete'}]) %}", { id: 1 }, { id: 1, status: 'complete' }),
  output('partition', '$partition chunks an array.', '{% $partition([1,2,3,4], 2) %}', {}, [[1, 2], [3, 4]]),
  output('range', '$range counts from start to end by step.', '{% $range(0, 10, 2) %}', {}, [0, 2, 4, 6, 8, 10]),
  output('hash', '$hash returns the hex digest with the named algorithm.', "{% $hash('Hello World', 'SHA-256') %}", {}, 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e'),
  output('parse', '$parse deserializes JSON text.', "{% $parse($states.input.json) %}", { json: '{"a": [1, 2]}' }, { a: [1, 2] }),
  output('context', '$states.context is the context object.', '{% $states.context.State.Name %}', {}, 'P'),
  output('execution-input', '$states.context.Execution.Input is the execution input.', '{% $states.context.Execution.Input.x %}', { x: 'orig' }, 'orig'),
  {
    id: 'jsonata/random-in-unit-interval',
    source: 'transforming-data',
    rule: '$random() returns a number from 0 (inclusive) to 1 (exclusive).',
    definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { r: '{% $random() %}' }, End: true } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.r', between: [0, 0.9999999999] }] },
  },
  {
    id: 'jsonata/random-seeded-is-repeatable',
    source: 'transforming-data',
    rule: '$random(seed) returns the same number for the same seed.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $random(7) = $random(7) %}', End: true } } },
    expect: { status: 'SUCCEEDED', output: true },
  },
  {
    id: 'jsonata/uuid',
    source: 'transforming-data',
    rule: '$uuid() returns a version 4 UUID.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { id: '{% $uuid() %}' }, End: true } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.id', matches: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' }] },
  },
  fails('undefined-result-fails', 'An expression that evaluates to nothing fails with States.QueryEvaluationError.', '{% $states.input.nonExistentField %}', {}),
  fails('type-error-fails', 'A type error in an expression fails with States.QueryEvaluationError.', '{% $states.input.name + 1 %}', { name: 'Ada' }),
  fails('eval-is-not-available', '$eval is not available in Step Functions; $parse is.', "{% $eval('1 + 1') %}", {}),
  {
    id: 'jsonata/query-evaluation-error-is-catchable',
    source: 'concepts-error-handling',
    rule: 'States.QueryEvaluationError can be caught; the Catcher’s Output reads $states.errorOutput.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Output: '{% $states.result.missing %}', Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Output: '{% $states.errorOutput.Error %}', Next: 'Done' }], End: true },
        Done: { Type: 'Succeed' },
      },
    },
    mocks: { T: { '0': { Return: {} } } },
    expect: { status: 'SUCCEEDED', output: 'States.QueryEvaluationError', history: { includes: ['TaskSucceeded', 'EvaluationFailed', 'TaskStateExited', 'SucceedStateEntered'] } },
  },
  {
    id: 'jsonata/catch-output-defaults-to-error-output',
    source: 'concepts-error-handling',
    rule: 'Without Output, a JSONata Catcher outputs the error output.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }], End: true }, Done: { Type: 'Succeed' } },
    },
    mocks: { T: { '0': { Throw: { Error: 'Boom', Cause: 'bad' } } } },
    expect: { status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'bad' } },
  },
  {
    id: 'jsonata/timeout-seconds-expression',
    source: 'state-task',
    rule: 'In JSONata states TimeoutSeconds may be an expression.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% $states.input.limit %}', End: true } } },
    input: { limit: 7 },
    mocks: { T: { '0': { Hang: true } } },
    expect: { status: 'FAILED', error: 'States.Timeout', elapsedSeconds: 7 },
  },
  {
    id: 'jsonata/timeout-seconds-must-be-positive',
    source: 'state-task',
    rule: 'A TimeoutSeconds expression that is not a positive integer fails with States.QueryEvaluationError.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% $states.input.limit %}', End: true } } },
    input: { limit: -1 },
    mocks: { T: { '0': { Return: 1 } } },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', history: { excludes: ['TaskScheduled'] } },
  },
  {
    id: 'jsonata/wait-seconds-expression',
    source: 'state-wait',
    rule: 'A JSONata Wait state’s Seconds may be an expression.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $states.input.delaySeconds %}', End: true } } },
    input: { delaySeconds: 42 },
    expect: { status: 'SUCCEEDED', output: { delaySeconds: 42 }, elapsedSeconds: 42 },
  },
  {
    id: 'jsonata/fail-error-and-cause-expressions',
    source: 'state-fail',
    rule: 'A JSONata Fail state’s Error and Cause may be expressions.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'F', States: { F: { Type: 'Fail', Error: '{% $states.input.errorCode %}', Cause: '{% $states.input.errorMessage %}' } } },
    input: { errorCode: 'E1', errorMessage: 'went wrong' },
    expect: { status: 'FAILED', error: 'E1', cause: 'went wrong' },
  },
  {
    id: 'jsonata/state-level-query-language',
    source: 'transforming-data',
    rule: 'A JSONPath state machine can have JSONata states.',
    definition: { StartAt: 'Path', States: { Path: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, Next: 'Ata' }, Ata: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v * 2 %}', End: true } } },
    input: { v: 21 },
    expect: { status: 'SUCCEEDED', output: 42 },
  },
  {
    id: 'jsonata/now-is-a-timestamp',
    source: 'transforming-data',
    rule: '$now() returns the current time as an ISO 8601 timestamp.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: { at: '{% $now() %}' }, End: true } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.at', matches: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' }] },
  },
];
