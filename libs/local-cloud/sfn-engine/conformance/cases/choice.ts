/**
 * Choice states (developer guide, "Choice workflow state"): JSONPath Choice Rules and their
 * operators, and JSONata Conditions.
 */
import type { ConformanceCase } from '../types';

/** A Choice with one rule; the output says which way it went. */
function rule(id: string, rule: string, choice: Record<string, unknown>, input: unknown, matched: boolean): ConformanceCase {
  return {
    id: `choice/${id}`,
    source: 'state-choice',
    rule,
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ ...choice, Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Pass', Result: 'matched', End: true },
        No: { Type: 'Pass', Result: 'default', End: true },
      },
    },
    input,
    expect: { status: 'SUCCEEDED', output: matched ? 'matched' : 'default' },
  };
}

/** A JSONata Choice with a state-level Output and one rule without one. */
const DEFAULT_OUTPUT = {
  QueryLanguage: 'JSONata',
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'Done' }], Default: 'Done', Output: { defaulted: true } },
    Done: { Type: 'Succeed' },
  },
};

export const choiceCases: ConformanceCase[] = [
  rule('string-equals', 'StringEquals compares strings exactly.', { Variable: '$.type', StringEquals: 'Private' }, { type: 'Private' }, true),
  rule('string-equals-case-sensitive', 'String comparison is case-sensitive.', { Variable: '$.type', StringEquals: 'Private' }, { type: 'private' }, false),
  rule('string-equals-wrong-type-is-false', 'A comparison with a value of another type is false, not an error.', { Variable: '$.type', StringEquals: '1' }, { type: 1 }, false),
  rule('string-less-than', 'StringLessThan compares lexicographically.', { Variable: '$.s', StringLessThan: 'b' }, { s: 'abc' }, true),
  rule('string-greater-than-equals', 'StringGreaterThanEquals holds for equal strings.', { Variable: '$.s', StringGreaterThanEquals: 'abc' }, { s: 'abc' }, true),
  rule('string-matches-wildcard', 'StringMatches supports * as a wildcard.', { Variable: '$.foo', StringMatches: 'log-*.txt' }, { foo: 'log-2024-01.txt' }, true),
  rule('string-matches-no-match', 'StringMatches must match the whole string.', { Variable: '$.foo', StringMatches: 'log-*.txt' }, { foo: 'log-1.txt.gz' }, false),
  rule('string-matches-escaped-star', 'In StringMatches, \\* is a literal star.', { Variable: '$.foo', StringMatches: 'a\\*b' }, { foo: 'a*b' }, true),
  rule('string-matches-escaped-star-is-literal', 'An escaped star does not match other characters.', { Variable: '$.foo', StringMatches: 'a\\*b' }, { foo: 'axb' }, false),
  rule('numeric-equals-int-and-float', 'NumericEquals compares numbers by value.', { Variable: '$.n', NumericEquals: 20 }, { n: 20.0 }, true),
  rule('numeric-range-with-and', 'And holds when every rule holds.', { And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }] }, { value: 25 }, true),
  rule('numeric-range-with-and-outside', 'And fails when one rule fails.', { And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }] }, { value: 30 }, false),
  rule('numeric-on-string-is-false', 'Numeric operators on a string are false.', { Variable: '$.n', NumericGreaterThan: 1 }, { n: '5' }, false),
  rule('numeric-less-than-path', 'NumericLessThanPath compares with another field.', { Variable: '$.a', NumericLessThanPath: '$.b' }, { a: 1, b: 2 }, true),
  rule('boolean-equals', 'BooleanEquals compares booleans.', { Variable: '$.flag', BooleanEquals: false }, { flag: false }, true),
  rule('boolean-equals-path', 'BooleanEqualsPath compares with another field.', { Variable: '$.a', BooleanEqualsPath: '$.b' }, { a: true, b: true }, true),
  rule('timestamp-equals', 'TimestampEquals compares instants.', { Variable: '$.t', TimestampEquals: '2016-03-14T01:59:00Z' }, { t: '2016-03-14T01:59:00Z' }, true),
  rule('timestamp-greater-than-across-zones', 'Timestamps compare as instants whatever their zone offset.', { Variable: '$.t', TimestampGreaterThan: '2016-03-14T01:59:00Z' }, { t: '2016-03-14T03:00:00+01:00' }, true),
  rule('timestamp-on-non-timestamp-is-false', 'A timestamp operator on a string that is not a timestamp is false.', { Variable: '$.t', TimestampLessThan: '2016-03-14T01:59:00Z' }, { t: 'yesterday' }, false),
  rule('or', 'Or holds when any rule holds.', { Or: [{ Variable: '$.a', StringEquals: 'x' }, { Variable: '$.a', StringEquals: 'y' }] }, { a: 'y' }, true),
  rule('not', 'Not negates a rule.', { Not: { Variable: '$.type', StringEquals: 'Private' } }, { type: 'Public' }, true),
  rule('is-present-false-for-missing', 'IsPresent: false matches a field that is absent.', { Variable: '$.missing', IsPresent: false }, { other: 1 }, true),
  rule('is-present-true', 'IsPresent: true matches a field that exists, even if null.', { Variable: '$.n', IsPresent: true }, { n: null }, true),
  rule('is-null', 'IsNull matches a JSON null.', { Variable: '$.n', IsNull: true }, { n: null }, true),
  rule('is-numeric', 'IsNumeric matches numbers only.', { Variable: '$.n', IsNumeric: true }, { n: '12' }, false),
  rule('is-string', 'IsString matches strings.', { Variable: '$.s', IsString: true }, { s: '' }, true),
  rule('is-boolean', 'IsBoolean matches booleans.', { Variable: '$.b', IsBoolean: true }, { b: true }, true),
  rule('is-timestamp', 'IsTimestamp matches RFC3339 timestamps.', { Variable: '$.t', IsTimestamp: true }, { t: '2024-01-01T00:00:00.000Z' }, true),
  {
    id: 'choice/first-matching-rule-wins',
    source: 'state-choice',
    rule: 'Rules are evaluated in order; the first that matches decides.',
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'A' }, { Variable: '$.n', NumericGreaterThan: 0, Next: 'B' }] },
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    },
    input: { n: 5 },
    expect: { status: 'SUCCEEDED', output: 'A' },
  },
  {
    id: 'choice/no-match-without-default-fails',
    source: 'state-choice',
    rule: 'When no rule matches and there is no Default, the execution fails with States.NoChoiceMatched.',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'A' }] }, A: { Type: 'Succeed' } } },
    input: { n: 2 },
    expect: { status: 'FAILED', error: 'States.NoChoiceMatched' },
  },
  {
    id: 'choice/missing-variable-fails-runtime',
    source: 'state-choice',
    rule: 'A Variable path that selects nothing is a run-time error (use IsPresent to test for it).',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.missing', StringEquals: 'x', Next: 'A' }], Default: 'A' }, A: { Type: 'Succeed' } } },
    input: {},
    expect: { status: 'FAILED', error: 'States.Runtime' },
  },
  {
    id: 'choice/input-and-output-path',
    source: 'state-choice',
    rule: 'A Choice state applies InputPath and OutputPath; rules read the input after InputPath.',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', InputPath: '$.order', OutputPath: '$.id', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' }], Default: 'Small' }, Big: { Type: 'Pass', End: true }, Small: { Type: 'Pass', End: true } } },
    input: { order: { id: 'o-9', total: 150 } },
    expect: { status: 'SUCCEEDED', output: 'o-9', history: { includes: ['ChoiceStateEntered', 'ChoiceStateExited', 'PassStateEntered'], events: [{ type: 'PassStateEntered', details: { name: 'Big' } }] } },
  },
  {
    id: 'choice/jsonata-condition',
    source: 'state-choice',
    rule: 'A JSONata Choice Rule follows Next when its Condition is true.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: "{% $states.input.type = 'Private' %}", Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Pass', Output: 'matched', End: true },
        No: { Type: 'Pass', Output: 'default', End: true },
      },
    },
    input: { type: 'Private' },
    expect: { status: 'SUCCEEDED', output: 'matched' },
  },
  {
    id: 'choice/jsonata-rule-output',
    source: 'state-choice',
    rule: 'A matching JSONata rule’s Output becomes the Choice state’s output.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.total > 100 %}', Output: { total: '{% $states.input.total * 0.9 %}' }, Next: 'Done' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: { total: 200 },
    expect: { status: 'SUCCEEDED', output: { total: 180 } },
  },
  {
    id: 'choice/jsonata-state-output-is-the-defaults',
    source: 'state-choice',
    rule: 'A JSONata Choice state’s own Output applies when no rule matches; a matching rule without Output passes the input.',
    definition: DEFAULT_OUTPUT,
    input: { n: 5 },
    expect: { status: 'SUCCEEDED', output: { n: 5 } },
  },
  {
    id: 'choice/jsonata-default-uses-state-output',
    source: 'state-choice',
    rule: 'When no rule matches, the JSONata Choice state’s Output is its output.',
    definition: DEFAULT_OUTPUT,
    input: { n: 0 },
    expect: { status: 'SUCCEEDED', output: { defaulted: true } },
  },
  {
    id: 'choice/jsonata-condition-must-be-boolean',
    source: 'state-choice',
    rule: 'A JSONata Condition that is not a boolean raises States.QueryEvaluationError.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'Done' }], Default: 'Done' }, Done: { Type: 'Succeed' } } },
    input: { n: 1 },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', history: { includes: ['ChoiceStateEntered', 'EvaluationFailed', 'ExecutionFailed'] } },
  },
];
