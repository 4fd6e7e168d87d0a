/**
 * JSONPath as Step Functions uses it. A path starts at the state's data (`$`), the context object
 * (`$$`) or a workflow variable (`$name`). Reference paths (only `.name`, `['name']` and `[n]`
 * steps, one node) are parsed and walked here, which is what almost every definition uses and is
 * fast; any other path (wildcards, filters, slices, unions, `..`) is handed to jsonpath-plus and
 * yields an array of every match, as Step Functions' JSONPath does for indefinite paths.
 */
import { JSONPath } from 'jsonpath-plus';

/** Where a path starts. */
export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

/** One step of a reference path. */
export type PathStep = string | number;

/** A parsed path, ready to evaluate. */
export interface CompiledPath {
  readonly text: string;
  readonly root: PathRoot;
  /** The steps after the root when the path is a reference path; undefined otherwise. */
  readonly steps: readonly PathStep[] | undefined;
  /** The path in jsonpath-plus syntax (rooted at `$`) when it is not a reference path. */
  readonly query: string | undefined;
}

/** A path that cannot be parsed. */
export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`The path '${path}' is not valid: ${reason}`);
    this.name = 'PathSyntaxError';
  }
}

/** Returned by {@link evaluatePath} when a reference path selects nothing. */
export const NOT_FOUND: unique symbol = Symbol('not-found');

/** A workflow variable name: a letter or underscore, then letters, digits and underscores. */
export const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const VARIABLE_PREFIX = /^\$([\p{L}_][\p{L}\p{N}_]*)/u;
const NAME_STEP = /^[^.[\]\s()'"*?,@:]+/;

const cache = new Map<string, CompiledPath>();

/**
 * Parses a path once (the result is cached by its text).
 * @throws PathSyntaxError when the text is not a path
 */
export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const compiled = parse(text);
  if (cache.size > 10_000) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

function parse(text: string): CompiledPath {
  if (typeof text !== 'string' || !text.startsWith('$')) throw new PathSyntaxError(String(text), "a path starts with '$'");
  let root: PathRoot;
  let rest: string;
  if (text.startsWith('$$')) {
    root = { kind: 'context' };
    rest = text.slice(2);
  } else {
    const variable = VARIABLE_PREFIX.exec(text);
    if (variable) {
      root = { kind: 'variable', name: variable[1] as string };
      rest = text.slice(variable[0].length);
    } else {
      root = { kind: 'input' };
      rest = text.slice(1);
    }
  }
  const steps = parseReferenceSteps(rest);
  if (steps) return { text, root, steps, query: undefined };
  const query = `$${rest}`;
  checkComplexSyntax(text, rest);
  return { text, root, steps: undefined, query };
}

/** The steps of a reference path, or undefined when the rest is something more than that. */
function parseReferenceSteps(rest: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === '.') {
      if (rest[i + 1] === '.') return undefined;
      const name = NAME_STEP.exec(rest.slice(i + 1));
      if (!name) return undefined;
      steps.push(name[0]);
      i += 1 + name[0].length;
    } else if (c === '[') {
      const close = rest.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = rest.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push(Number(inner));
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) steps.push(inner.slice(1, -1));
      else return undefined;
      i = close + 1;
    } else {
      return undefined;
    }
  }
  return steps;
}

function checkComplexSyntax(text: string, rest: string): void {
  let depth = 0;
  for (const c of rest) {
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (depth < 0) throw new PathSyntaxError(text, "unbalanced ']'");
  }
  if (depth !== 0) throw new PathSyntaxError(text, "unbalanced '['");
  if (/\s/.test(rest.replace(/\[[^\]]*\]/g, ''))) throw new PathSyntaxError(text, 'white space outside brackets');
  if (rest.length > 0 && !/^[.[]/.test(rest)) throw new PathSyntaxError(text, "a step starts with '.' or '['");
  if (/\.$/.test(rest)) throw new PathSyntaxError(text, "a path cannot end with '.'");
}

/** Whether a path is a reference path (one node; what ResultPath, InputPath and OutputPath need). */
export function isReferencePath(path: CompiledPath): boolean {
  return path.steps !== undefined;
}

/** The values a path can start from. */
export interface PathScope {
  input: unknown;
  context: unknown;
  /** Looks up a workflow variable; NOT_FOUND when it has no value. */
  variable(name: string): unknown;
}

/**
 * Evaluates a path. A reference path yields its node or {@link NOT_FOUND}; any other path yields
 * the array of its matches (possibly empty).
 */
export function evaluatePath(path: CompiledPath, scope: PathScope): unknown {
  let value: unknown;
  switch (path.root.kind) {
    case 'input':
      value = scope.input;
      break;
    case 'context':
      value = scope.context;
      break;
    case 'variable':
      value = scope.variable(path.root.name);
      if (value === NOT_FOUND) return NOT_FOUND;
      break;
  }
  if (path.steps) return walk(value, path.steps);
  if (value === null || typeof value !== 'object') return [];
  return JSONPath({ path: path.query as string, json: value as object, wrap: true, resultType: 'value' }) as unknown[];
}

/** Follows reference steps from a value. */
export function walk(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return NOT_FOUND;
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return NOT_FOUND;
      current = current[step];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, step)) return NOT_FOUND;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** Why a ResultPath could not be applied. */
export class ResultPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultPathError';
  }
}

/**
 * A copy of `target` with `value` placed at the reference steps, creating objects on the way.
 * Nothing is mutated: objects along the path are copied.
 * @throws ResultPathError when a step meets a value that is not an object (or an array out of range)
 */
export function setAt(target: unknown, steps: readonly PathStep[], value: unknown): unknown {
  if (steps.length === 0) return value;
  const [step, ...rest] = steps as [PathStep, ...PathStep[]];
  if (typeof step === 'number') {
    if (!Array.isArray(target) || step >= target.length) throw new ResultPathError(`there is no element ${step} to replace`);
    const copy = target.slice();
    copy[step] = setAt(target[step], rest, value);
    return copy;
  }
  if (target === null || typeof target !== 'object' || Array.isArray(target)) {
    throw new ResultPathError(`the field '${step}' cannot be added to ${describe(target)}`);
  }
  const existing = Object.prototype.hasOwnProperty.call(target, step) ? (target as Record<string, unknown>)[step] : undefined;
  const child = rest.length === 0 ? value : setAt(existing === undefined ? {} : existing, rest, value);
  return { ...(target as Record<string, unknown>), [step]: child };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
