/**
 * The intrinsic functions of JSONPath states (`States.Format(...)` and the rest), parsed once at
 * definition time and evaluated against a state's data. Arguments are literals (strings in single
 * quotes, numbers, `true`, `false`, `null`), paths (`$.x`, `$$.Execution.Id`, `$var`) or nested
 * calls. Facts from the developer guide's "Intrinsic functions" page.
 */
import { createHash } from 'node:crypto';
import { deepEqual } from '../json';
import { compilePath, evaluatePath, NOT_FOUND, PathSyntaxError, type CompiledPath, type PathScope } from './path';

/** One argument of an intrinsic call. */
export type IntrinsicArgument =
  | { kind: 'literal'; value: unknown; raw?: string }
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'call'; call: IntrinsicCall };

/** A parsed intrinsic function call. */
export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArgument[];
  readonly text: string;
}

/** An intrinsic call that cannot be parsed or names no intrinsic function. */
export class IntrinsicSyntaxError extends Error {
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`The intrinsic function '${text}' is not valid: ${reason}`);
    this.name = 'IntrinsicSyntaxError';
  }
}

/** An intrinsic function refused its arguments at run time. */
export class IntrinsicEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicEvaluationError';
  }
}

/** What intrinsic functions draw randomness from. */
export interface IntrinsicServices {
  random(): number;
  uuid(): string;
}

type Fn = (args: unknown[], services: IntrinsicServices, call: IntrinsicCall) => unknown;

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function fail(call: IntrinsicCall, reason: string): never {
  throw new IntrinsicEvaluationError(`Invalid arguments in ${call.name}: ${reason}`);
}

function arity(call: IntrinsicCall, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(call, `expected ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

function expectString(call: IntrinsicCall, value: unknown, what: string): string {
  if (typeof value !== 'string') fail(call, `${what} must be a string`);
  return value;
}

function expectArray(call: IntrinsicCall, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) fail(call, `${what} must be an array`);
  return value;
}

function expectInteger(call: IntrinsicCall, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(call, `${what} must be an integer`);
  return value;
}

function formatArgument(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A seeded generator for States.MathRandom(start, end, seed) (same seed, same number). */
export function seededRandom(seed: number): () => number {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': (args, _s, call) => {
    if (args.length < 1) fail(call, 'expected a format string');
    const template = call.args[0];
    const raw = template?.kind === 'literal' && typeof template.raw === 'string' ? template.raw : expectString(call, args[0], 'the format string');
    const values = args.slice(1);
    let out = '';
    let used = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === '\\' && i + 1 < raw.length) {
        out += raw[++i];
      } else if (c === '{' && raw[i + 1] === '}') {
        if (used >= values.length) fail(call, 'the format string has more {} than there are arguments');
        out += formatArgument(values[used++]);
        i++;
      } else {
        out += c;
      }
    }
    if (used !== values.length) fail(call, 'there are more arguments than {} in the format string');
    return out;
  },
  'States.StringToJson': (args, _s, call) => {
    arity(call, args, 1);
    const text = expectString(call, args[0], 'the argument');
    try {
      return JSON.parse(text);
    } catch {
      fail(call, 'the argument is not JSON text');
    }
  },
  'States.JsonToString': (args, _s, call) => {
    arity(call, args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args, _s, call) => {
    arity(call, args, 2);
    const array = expectArray(call, args[0], 'the first argument');
    const size = expectInteger(call, args[1], 'the chunk size');
    if (size <= 0) fail(call, 'the chunk size must be greater than 0');
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  'States.ArrayContains': (args, _s, call) => {
    arity(call, args, 2);
    return expectArray(call, args[0], 'the first argument').some((item) => deepEqual(item, args[1]));
  },
  'States.ArrayRange': (args, _s, call) => {
    arity(call, args, 3);
    const start = expectInteger(call, args[0], 'the start');
    const end = expectInteger(call, args[1], 'the end');
    const step = expectInteger(call, args[2], 'the step');
    if (step === 0) fail(call, 'the step cannot be 0');
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      if (out.length > 1000) fail(call, 'the range has more than 1000 elements');
    }
    return out;
  },
  'States.ArrayGetItem': (args, _s, call) => {
    arity(call, args, 2);
    const array = expectArray(call, args[0], 'the first argument');
    const index = expectInteger(call, args[1], 'the index');
    if (index < 0 || index >= array.length) fail(call, `the index ${index} is out of bounds`);
    return array[index];
  },
  'States.ArrayLength': (args, _s, call) => {
    arity(call, args, 1);
    return expectArray(call, args[0], 'the argument').length;
  },
  'States.ArrayUnique': (args, _s, call) => {
    arity(call, args, 1);
    const out: unknown[] = [];
    for (const item of expectArray(call, args[0], 'the argument')) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
    return out;
  },
  'States.Base64Encode': (args, _s, call) => {
    arity(call, args, 1);
    const text = expectString(call, args[0], 'the argument');
    if (text.length > 10_000) fail(call, 'the input is longer than 10000 characters');
    return Buffer.from(text, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args, _s, call) => {
    arity(call, args, 1);
    const text = expectString(call, args[0], 'the argument');
    if (text.length > 10_000) fail(call, 'the input is longer than 10000 characters');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail(call, 'the argument is not base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  'States.Hash': (args, _s, call) => {
    arity(call, args, 2);
    const algorithm = HASH_ALGORITHMS[expectString(call, args[1], 'the algorithm')];
    if (!algorithm) fail(call, `the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    const data = formatArgument(args[0]);
    if (data.length > 10_000) fail(call, 'the input is longer than 10000 characters');
    return createHash(algorithm).update(data, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args, _s, call) => {
    arity(call, args, 3);
    const [a, b, deep] = args;
    if (a === null || typeof a !== 'object' || Array.isArray(a) || b === null || typeof b !== 'object' || Array.isArray(b)) fail(call, 'both inputs must be JSON objects');
    if (deep !== false) fail(call, 'only a shallow merge (false) is supported');
    return { ...(a as object), ...(b as object) };
  },
  'States.MathRandom': (args, services, call) => {
    arity(call, args, 2, 3);
    const start = expectInteger(call, args[0], 'the start');
    const end = expectInteger(call, args[1], 'the end');
    if (end <= start) fail(call, 'the end must be greater than the start');
    const random = args.length === 3 ? seededRandom(expectInteger(call, args[2], 'the seed'))() : services.random();
    return start + Math.floor(random * (end - start));
  },
  'States.MathAdd': (args, _s, call) => {
    arity(call, args, 2);
    const a = expectInteger(call, args[0], 'the first argument');
    const b = expectInteger(call, args[1], 'the second argument');
    return a + b;
  },
  'States.StringSplit': (args, _s, call) => {
    arity(call, args, 2);
    const text = expectString(call, args[0], 'the first argument');
    const delimiters = new Set(expectString(call, args[1], 'the delimiter'));
    const out: string[] = [];
    let current = '';
    for (const c of text) {
      if (delimiters.has(c)) {
        if (current) out.push(current);
        current = '';
      } else current += c;
    }
    if (current) out.push(current);
    return out;
  },
  'States.UUID': (args, services, call) => {
    arity(call, args, 0);
    return services.uuid();
  },
};

/** Names of every intrinsic function. */
export const INTRINSIC_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

/** Whether a `.$` value is an intrinsic call rather than a path. */
export function looksLikeIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/**
 * Parses an intrinsic function call.
 * @throws IntrinsicSyntaxError when the text is not a valid call of a known function
 */
export function compileIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call();
  parser.skipSpace();
  if (!parser.done()) throw new IntrinsicSyntaxError(text, `unexpected '${text.slice(parser.pos)}' after the call`);
  return call;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  call(): IntrinsicCall {
    const start = this.pos;
    const name = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!name) throw new IntrinsicSyntaxError(this.text, `expected a function name at position ${this.pos}`);
    if (!FUNCTIONS[name[0]]) throw new IntrinsicSyntaxError(this.text, `${name[0]} is not an intrinsic function`);
    this.pos += name[0].length;
    this.skipSpace();
    if (this.text[this.pos] !== '(') throw new IntrinsicSyntaxError(this.text, `expected '(' after ${name[0]}`);
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        args.push(this.argument());
        this.skipSpace();
        const c = this.text[this.pos];
        this.pos++;
        if (c === ')') break;
        if (c !== ',') throw new IntrinsicSyntaxError(this.text, `expected ',' or ')' at position ${this.pos - 1}`);
      }
    }
    return { name: name[0], args, text: this.text.slice(start, this.pos) };
  }

  private argument(): IntrinsicArgument {
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === "'") return this.stringLiteral();
    if (c === '$') return this.path();
    if (rest.startsWith('States.')) return { kind: 'call', call: this.call() };
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return { kind: 'literal', value };
      }
    }
    throw new IntrinsicSyntaxError(this.text, `unexpected argument at position ${this.pos}`);
  }

  private stringLiteral(): IntrinsicArgument {
    this.pos++;
    let raw = '';
    let value = '';
    for (;;) {
      if (this.done()) throw new IntrinsicSyntaxError(this.text, 'a string is not closed');
      const c = this.text[this.pos] as string;
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        if (next === undefined) throw new IntrinsicSyntaxError(this.text, 'a string ends with an escape');
        raw += c + next;
        value += next;
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        this.pos++;
        return { kind: 'literal', value, raw };
      }
      raw += c;
      value += c;
      this.pos++;
    }
  }

  private path(): IntrinsicArgument {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (!this.done()) {
      const c = this.text[this.pos] as string;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      else if (/\s/.test(c) && depth === 0) break;
      this.pos++;
    }
    const text = this.text.slice(start, this.pos);
    try {
      return { kind: 'path', path: compilePath(text) };
    } catch (error) {
      if (error instanceof PathSyntaxError) throw new IntrinsicSyntaxError(this.text, error.message);
      throw error;
    }
  }
}

/**
 * Evaluates a parsed call.
 * @throws IntrinsicEvaluationError when a function refuses its arguments or a path selects nothing
 */
export function evaluateIntrinsic(call: IntrinsicCall, scope: PathScope, services: IntrinsicServices): unknown {
  const args = call.args.map((arg) => {
    switch (arg.kind) {
      case 'literal':
        return arg.value;
      case 'call':
        return evaluateIntrinsic(arg.call, scope, services);
      case 'path': {
        const value = evaluatePath(arg.path, scope);
        if (value === NOT_FOUND) throw new IntrinsicEvaluationError(`The JSONPath '${arg.path.text}' in ${call.name} could not be found in the input`);
        return value;
      }
    }
  });
  return (FUNCTIONS[call.name] as Fn)(args, services, call);
}
