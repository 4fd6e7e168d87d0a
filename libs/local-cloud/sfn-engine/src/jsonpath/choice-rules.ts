/**
 * Choice Rules of JSONPath Choice states: `Variable` plus one comparison operator, or `And`, `Or`,
 * `Not` of nested rules (developer guide, "Choice workflow state"). A comparison of a value of the
 * wrong type is false, not an error; a `Variable` (or `...Path` operand) that selects nothing is a
 * run-time error, except for `IsPresent`.
 */
import { compilePath, evaluatePath, NOT_FOUND, type CompiledPath, type PathScope } from './path';

/** A compiled rule. */
export type ChoiceTest = (scope: PathScope) => boolean;

/** A rule operand path that selected nothing. */
export class ChoicePathError extends Error {
  constructor(readonly path: string) {
    super(`Invalid path '${path}': The choice state's condition path references an invalid value.`);
    this.name = 'ChoicePathError';
  }
}

/** A rule that cannot be compiled. */
export class ChoiceRuleSyntaxError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChoiceRuleSyntaxError';
  }
}

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

/** Every comparison operator, with the kind and relation it tests. */
export const COMPARISON_OPERATORS: ReadonlyMap<string, { kind: Kind | 'Matches' | 'Is'; relation?: Relation; path: boolean }> = (() => {
  const map = new Map<string, { kind: Kind | 'Matches' | 'Is'; relation?: Relation; path: boolean }>();
  const relations: Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
  for (const kind of ['String', 'Numeric', 'Timestamp'] as const) {
    for (const relation of relations) {
      map.set(`${kind}${relation}`, { kind, relation, path: false });
      map.set(`${kind}${relation}Path`, { kind, relation, path: true });
    }
  }
  map.set('BooleanEquals', { kind: 'Boolean', relation: 'Equals', path: false });
  map.set('BooleanEqualsPath', { kind: 'Boolean', relation: 'Equals', path: true });
  map.set('StringMatches', { kind: 'Matches', path: false });
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) map.set(test, { kind: 'Is', path: false });
  return map;
})();

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value is a timestamp Step Functions accepts (RFC 3339 with an upper-case T and a zone). */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

/** `StringMatches`: `*` is any run of characters; `\*` and `\\` are a literal star and backslash. */
export function compileWildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*') source += '[\\s\\S]*';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function comparable(kind: Kind, value: unknown): number | string | boolean | undefined {
  switch (kind) {
    case 'String':
      return typeof value === 'string' ? value : undefined;
    case 'Numeric':
      return typeof value === 'number' ? value : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Timestamp':
      return isTimestamp(value) ? Date.parse(value) : undefined;
  }
}

function resolve(path: CompiledPath, scope: PathScope): unknown {
  const value = evaluatePath(path, scope);
  if (value === NOT_FOUND) throw new ChoicePathError(path.text);
  return value;
}

/**
 * Compiles a Choice Rule (top-level or nested).
 * @throws ChoiceRuleSyntaxError naming the rule's pointer when it is malformed
 */
export function compileChoiceRule(rule: unknown, pointer: string): ChoiceTest {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw new ChoiceRuleSyntaxError(pointer, `A Choice Rule must be an object at ${pointer}`);
  const r = rule as Record<string, unknown>;
  if (Array.isArray(r['And'])) {
    const tests = (r['And'] as unknown[]).map((sub, i) => compileChoiceRule(sub, `${pointer}/And/${i}`));
    return (scope) => tests.every((t) => t(scope));
  }
  if (Array.isArray(r['Or'])) {
    const tests = (r['Or'] as unknown[]).map((sub, i) => compileChoiceRule(sub, `${pointer}/Or/${i}`));
    return (scope) => tests.some((t) => t(scope));
  }
  if (r['Not'] !== undefined) {
    const test = compileChoiceRule(r['Not'], `${pointer}/Not`);
    return (scope) => !test(scope);
  }
  if (typeof r['Variable'] !== 'string') throw new ChoiceRuleSyntaxError(pointer, `A Choice Rule needs a 'Variable' field, or 'And', 'Or' or 'Not' at ${pointer}`);
  let variable: CompiledPath;
  try {
    variable = compilePath(r['Variable']);
  } catch (error) {
    throw new ChoiceRuleSyntaxError(`${pointer}/Variable`, `The value for the field 'Variable' must be a valid JSONPath at ${pointer}/Variable: ${(error as Error).message}`);
  }
  const operators = Object.keys(r).filter((k) => COMPARISON_OPERATORS.has(k));
  if (operators.length !== 1) throw new ChoiceRuleSyntaxError(pointer, `A Choice Rule must have exactly one comparison operator at ${pointer}, found ${operators.length === 0 ? 'none' : operators.join(', ')}`);
  const operator = operators[0] as string;
  const spec = COMPARISON_OPERATORS.get(operator) as { kind: Kind | 'Matches' | 'Is'; relation?: Relation; path: boolean };
  const operand = r[operator];
  const operandPointer = `${pointer}/${operator}`;

  if (spec.kind === 'Is') {
    if (typeof operand !== 'boolean') throw new ChoiceRuleSyntaxError(operandPointer, `The value for the field '${operator}' must be a boolean at ${operandPointer}`);
    if (operator === 'IsPresent') {
      return (scope) => (evaluatePath(variable, scope) !== NOT_FOUND) === operand;
    }
    const check: (v: unknown) => boolean =
      operator === 'IsNull'
        ? (v) => v === null
        : operator === 'IsNumeric'
          ? (v) => typeof v === 'number'
          : operator === 'IsString'
            ? (v) => typeof v === 'string'
            : operator === 'IsBoolean'
              ? (v) => typeof v === 'boolean'
              : isTimestamp;
    return (scope) => check(resolve(variable, scope)) === operand;
  }
  if (spec.kind === 'Matches') {
    if (typeof operand !== 'string') throw new ChoiceRuleSyntaxError(operandPointer, `The value for the field 'StringMatches' must be a string at ${operandPointer}`);
    const regex = compileWildcard(operand);
    return (scope) => {
      const value = resolve(variable, scope);
      return typeof value === 'string' && regex.test(value);
    };
  }
  const kind = spec.kind;
  const relation = spec.relation as Relation;
  let right: (scope: PathScope) => unknown;
  if (spec.path) {
    if (typeof operand !== 'string') throw new ChoiceRuleSyntaxError(operandPointer, `The value for the field '${operator}' must be a path at ${operandPointer}`);
    let operandPath: CompiledPath;
    try {
      operandPath = compilePath(operand);
    } catch (error) {
      throw new ChoiceRuleSyntaxError(operandPointer, `The value for the field '${operator}' must be a valid JSONPath at ${operandPointer}: ${(error as Error).message}`);
    }
    right = (scope) => resolve(operandPath, scope);
  } else {
    const expected = kind === 'String' ? 'string' : kind === 'Numeric' ? 'number' : kind === 'Boolean' ? 'boolean' : 'timestamp';
    if (comparable(kind, operand) === undefined) throw new ChoiceRuleSyntaxError(operandPointer, `The value for the field '${operator}' must be a ${expected} at ${operandPointer}`);
    right = () => operand;
  }
  return (scope) => {
    const a = comparable(kind, resolve(variable, scope));
    const b = comparable(kind, right(scope));
    if (a === undefined || b === undefined) return false;
    if (kind === 'Boolean') return a === b;
    return holds(relation, compare(a as number | string, b as number | string));
  };
}
