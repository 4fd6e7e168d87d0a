import { evaluateChoiceRule } from '../../src/workflow/choice-rules';
import { JsonPathError, type PathScope } from '../../src/workflow/json-path';

const scope = (data: unknown): PathScope => ({ data, context: {}, variables: {} });
const data = { type: 'Private', value: 20, flag: true, other: 20, when: '2026-01-01T00:00:00Z', later: '2026-06-01T00:00:00Z', nothing: null, star: 'log*' };

describe('Choice rules (ASL specification)', () => {
  it.each([
    [{ Variable: '$.type', StringEquals: 'Private' }, true],
    [{ Variable: '$.type', StringEquals: 'Public' }, false],
    [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, true],
    [{ Variable: '$.value', NumericLessThan: 20 }, false],
    [{ Variable: '$.value', NumericEqualsPath: '$.other' }, true],
    [{ Variable: '$.flag', BooleanEquals: true }, true],
    [{ Variable: '$.when', TimestampLessThanPath: '$.later' }, true],
    [{ Variable: '$.nothing', IsNull: true }, true],
    [{ Variable: '$.value', IsNumeric: true }, true],
    [{ Variable: '$.type', IsString: true }, true],
    [{ Variable: '$.when', IsTimestamp: true }, true],
    [{ Variable: '$.missing', IsPresent: false }, true],
    [{ Variable: '$.type', IsPresent: true }, true],
    [{ Variable: '$.type', StringMatches: 'Priv*' }, true],
    [{ Variable: '$.star', StringMatches: 'log\\*' }, true],
    [{ Variable: '$.type', StringMatches: 'log\\*' }, false],
    [{ And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }] }, true],
    [{ Or: [{ Variable: '$.type', StringEquals: 'x' }, { Variable: '$.flag', BooleanEquals: true }] }, true],
    [{ Not: { Variable: '$.type', StringEquals: 'Private' } }, false],
  ])('%j is %s', (rule, expected) => {
    expect(evaluateChoiceRule(rule, scope(data))).toBe(expected);
  });

  it('is false when the value has another type than the operator compares', () => {
    expect(evaluateChoiceRule({ Variable: '$.value', StringEquals: '20' }, scope(data))).toBe(false);
    expect(evaluateChoiceRule({ Variable: '$.type', BooleanEquals: true }, scope(data))).toBe(false);
  });

  it('fails with States.Runtime when a compared field is not there (only IsPresent may test that)', () => {
    expect(() => evaluateChoiceRule({ Variable: '$.missing', BooleanEquals: true }, scope(data))).toThrow(JsonPathError);
  });
});
