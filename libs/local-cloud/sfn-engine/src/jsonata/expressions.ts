/**
 * JSONata in Step Functions: a string `{% expression %}` anywhere in a field's value is an
 * expression, compiled once at definition time with the `jsonata` package and evaluated with
 * `$states` (input, result, errorOutput, context), the workflow variables in scope, and the
 * functions Step Functions adds (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`).
 * `$eval` is not available, as on AWS; `$now()` and `$millis()` read the execution's clock.
 */
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { seededRandom } from '../jsonpath/intrinsics';

/** A JSONata expression that does not compile. */
export class JsonataSyntaxError extends Error {
  constructor(
    readonly expression: string,
    readonly pointer: string,
    reason: string,
  ) {
    super(`The JSONata expression '${expression}' is not valid: ${reason}`);
    this.name = 'JsonataSyntaxError';
  }
}

/** A JSONata expression failed at run time, or produced a value JSON cannot hold. */
export class JsonataEvaluationError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`The JSONata expression '${expression}' ${reason}`);
    this.name = 'JsonataEvaluationError';
  }
}

/** What an expression can see besides its own text. */
export interface JsonataScope {
  /** `$states`: input, result, errorOutput, context. */
  states: Record<string, unknown>;
  /** Workflow variables in scope, by name. */
  variables: Readonly<Record<string, unknown>>;
  /** Services behind `$now`, `$millis`, `$random`, `$uuid`. */
  services: JsonataServices;
}

/** Clock and randomness for the functions that need them. */
export interface JsonataServices {
  now(): number;
  random(): number;
  uuid(): string;
}

/** A compiled JSONata field value. */
export type JsonataTemplate = ((scope: JsonataScope) => Promise<unknown>) & { readonly constant?: boolean };

/** Whether a string is a JSONata expression in Step Functions' sense. */
export function isJsonataString(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function fnError(message: string): Error {
  return Object.assign(new Error(message), { code: 'States' });
}

/** The functions Step Functions adds to JSONata (developer guide, "JSONata functions provided by Step Functions"). */
function stepFunctionsFunctions(services: JsonataServices): Record<string, unknown> {
  return {
    partition(array: unknown, size: unknown) {
      if (!Array.isArray(array)) throw fnError('$partition: the first argument must be an array');
      if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw fnError('$partition: the size must be a positive integer');
      const out: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    range(start: unknown, end: unknown, step: unknown) {
      if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number') throw fnError('$range: start, end and step must be numbers');
      if (step === 0) throw fnError('$range: the step cannot be 0');
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) throw fnError('$range: the range has more than 1000 elements');
      }
      return out;
    },
    hash(data: unknown, algorithm: unknown) {
      const name = typeof algorithm === 'string' ? HASH_ALGORITHMS[algorithm] : undefined;
      if (!name) throw fnError(`$hash: the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
      if (typeof data !== 'string') throw fnError('$hash: the data must be a string');
      return createHash(name).update(data, 'utf8').digest('hex');
    },
    random(seed?: unknown) {
      if (seed === undefined) return services.random();
      if (typeof seed !== 'number') throw fnError('$random: the seed must be a number');
      return seededRandom(seed)();
    },
    uuid() {
      return services.uuid();
    },
    parse(text: unknown) {
      if (typeof text !== 'string') throw fnError('$parse: the argument must be a string');
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw fnError('$parse: the argument is not JSON text');
      }
    },
    eval() {
      throw fnError('$eval is not supported in Step Functions; use $parse');
    },
    millis() {
      return services.now();
    },
  };
}

const formatter = jsonata('$fromMillis($m, $p, $t)');

async function nowFunction(services: JsonataServices, picture?: unknown, timezone?: unknown): Promise<unknown> {
  const ms = services.now();
  if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
  return formatter.evaluate(undefined, { m: ms, p: picture, t: timezone });
}

/** Plain JSON from a JSONata result; throws when the result is not representable. */
function toPlainJson(value: unknown, expression: string): unknown {
  if (value === undefined) throw new JsonataEvaluationError(expression, 'returned nothing (undefined), which JSON cannot represent');
  if (typeof value === 'function') throw new JsonataEvaluationError(expression, 'returned a function, which JSON cannot represent');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new JsonataEvaluationError(expression, 'returned a number JSON cannot represent');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) if (item !== undefined) out.push(toPlainJson(item, expression));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function') continue;
    out[k] = toPlainJson(v, expression);
  }
  return out;
}

function describeJsonataError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; message?: string; position?: number };
    const code = e.code && e.code !== 'States' ? `${e.code}: ` : '';
    return `${code}${e.message ?? String(error)}`;
  }
  return String(error);
}

/** Compiles one expression (the text between `{%` and `%}`). */
export function compileExpression(source: string, pointer = ''): JsonataTemplate {
  const text = source.slice(2, -2).trim();
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text);
  } catch (error) {
    throw new JsonataSyntaxError(text, pointer, describeJsonataError(error));
  }
  return async (scope) => {
    const bindings: Record<string, unknown> = { ...scope.variables, ...stepFunctionsFunctions(scope.services), states: scope.states };
    bindings['now'] = (picture?: unknown, timezone?: unknown) => nowFunction(scope.services, picture, timezone);
    let result: unknown;
    try {
      result = await expression.evaluate(undefined, bindings);
    } catch (error) {
      throw new JsonataEvaluationError(text, `threw an error: ${describeJsonataError(error)}`);
    }
    return toPlainJson(result, text);
  };
}

/**
 * Compiles a field's value: strings that are `{% %}` expressions are evaluated, objects and arrays
 * are walked, everything else is a constant.
 * @throws JsonataSyntaxError naming the expression that does not compile
 */
export function compileJsonataTemplate(value: unknown, pointer = ''): JsonataTemplate {
  if (isJsonataString(value)) return compileExpression(value, pointer);
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileJsonataTemplate(item, `${pointer}/${i}`));
    if (items.every((item) => item.constant)) return constant(value);
    return async (scope) => {
      const out: unknown[] = [];
      for (const item of items) out.push(await item(scope));
      return out;
    };
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: compileJsonataTemplate(v, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`) }));
    if (fields.every((f) => f.value.constant)) return constant(value);
    return async (scope) => {
      const out: Record<string, unknown> = {};
      for (const field of fields) out[field.key] = await field.value(scope);
      return out;
    };
  }
  return constant(value);
}

function constant(value: unknown): JsonataTemplate {
  const resolved = Promise.resolve(value);
  const fn = (() => resolved) as JsonataTemplate;
  (fn as { constant?: boolean }).constant = true;
  return fn;
}
