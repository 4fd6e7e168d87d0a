/**
 * Choice rules of JSONPath states, as the Amazon States Language specifies them: the comparison
 * operators (String*, Numeric*, Boolean*, Timestamp*, each with its `...Path` form), the type tests
 * (IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp), StringMatches, And, Or, Not.
 * A comparison of a value of another type is false; a comparison of a field that is not there
 * fails the state with States.Runtime, as on AWS (only IsPresent may test for absence).
 */
import { JsonPathError, pathExists, readPath, type PathScope } from './json-path';

type Rule = Record<string, unknown>;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function compare(kind: 'String' | 'Numeric' | 'Timestamp', op: string, left: unknown, right: unknown): boolean {
  let a: string | number;
  let b: string | number;
  if (kind === 'String') {
    if (typeof left !== 'string' || typeof right !== 'string') return false;
    [a, b] = [left, right];
  } else if (kind === 'Numeric') {
    if (typeof left !== 'number' || typeof right !== 'number') return false;
    [a, b] = [left, right];
  } else {
    if (typeof left !== 'string' || typeof right !== 'string' || !ISO_TIMESTAMP.test(left) || !ISO_TIMESTAMP.test(right)) return false;
    [a, b] = [Date.parse(left), Date.parse(right)];
  }
  switch (op) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      throw new JsonPathError(`unknown comparison ${kind}${op}`);
  }
}

/** StringMatches: `*` matches any run of characters, `\*` a literal star. */
function wildcardMatch(value: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += `\\${pattern[++i]}`;
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

/** True when the rule matches; throws {@link JsonPathError} (States.Runtime) for a field that is not there. */
export function evaluateChoiceRule(rule: Rule, scope: PathScope): boolean {
  if (Array.isArray(rule['And'])) return (rule['And'] as Rule[]).every((r) => evaluateChoiceRule(r, scope));
  if (Array.isArray(rule['Or'])) return (rule['Or'] as Rule[]).some((r) => evaluateChoiceRule(r, scope));
  if (rule['Not'] && typeof rule['Not'] === 'object') return !evaluateChoiceRule(rule['Not'] as Rule, scope);
  const variable = rule['Variable'];
  if (typeof variable !== 'string') throw new JsonPathError('a Choice rule without Variable, And, Or or Not');
  if ('IsPresent' in rule) return pathExists(variable, scope) === rule['IsPresent'];
  const value = readPath(variable, scope);
  for (const [key, operand] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign' || key === 'Output') continue;
    const right = key.endsWith('Path') && typeof operand === 'string' ? readPath(operand, scope) : operand;
    const op = key.endsWith('Path') ? key.slice(0, -4) : key;
    switch (op) {
      case 'IsNull':
        return (value === null) === operand;
      case 'IsNumeric':
        return (typeof value === 'number') === operand;
      case 'IsString':
        return (typeof value === 'string') === operand;
      case 'IsBoolean':
        return (typeof value === 'boolean') === operand;
      case 'IsTimestamp':
        return (typeof value === 'string' && ISO_TIMESTAMP.test(value)) === operand;
      case 'BooleanEquals':
        return typeof value === 'boolean' && value === right;
      case 'StringMatches':
        return typeof value === 'string' && typeof right === 'string' && wildcardMatch(value, right);
    }
    const family = /^(String|Numeric|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)$/.exec(op);
    if (family) return compare(family[1] as 'String' | 'Numeric' | 'Timestamp', family[2] as string, value, right);
    throw new JsonPathError(`Choice operator ${key} is not supported`);
  }
  throw new JsonPathError(`Choice rule on ${variable} has no operator`);
}
