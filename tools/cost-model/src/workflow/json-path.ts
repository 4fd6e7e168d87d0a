/**
 * The JSONPath side of the Amazon States Language, as much as a cost walk needs to route an
 * execution exactly: reference paths (`$.a.b`, `$['a']`, `$[0]`, `$[*]`), the context object
 * (`$$.Execution.Name`), workflow variables in JSONPath states (`$name.field`), payload templates
 * (`"key.$": path`) and the intrinsic functions (`States.Format(...)` and the rest).
 *
 * Anything outside that subset (filter expressions, recursive descent) is refused with an error
 * naming the path, never evaluated approximately: a wrong value could send the walk down the wrong
 * branch of a Choice.
 */
import { createHash, randomUUID } from 'node:crypto';

/** What a path is evaluated against: the state data, the context object, the visible variables. */
export interface PathScope {
  data: unknown;
  context: unknown;
  variables: Record<string, unknown>;
}

/** A path or intrinsic the walker cannot evaluate, or one that selects nothing. */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
  /** The Step Functions error a real execution would fail with. */
  readonly statesError: string;
  constructor(message: string, statesError = 'States.Runtime') {
    super(message);
    this.statesError = statesError;
  }
}

type Segment = { key: string } | { index: number } | { wildcard: true };

function parseSegments(path: string, start: number): Segment[] {
  const segments: Segment[] = [];
  let i = start;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') throw new JsonPathError(`recursive descent (..) in ${path} is not supported`);
      const match = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!match) throw new JsonPathError(`bad path ${path}`);
      segments.push(match[0] === '*' ? { wildcard: true } : { key: match[0] });
      i += 1 + match[0].length;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) throw new JsonPathError(`bad path ${path}`);
      const inner = path.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ wildcard: true });
      else if (/^-?\d+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (/^'.*'$/.test(inner) || /^".*"$/.test(inner)) segments.push({ key: inner.slice(1, -1) });
      else throw new JsonPathError(`path ${path}: [${inner}] (filters, slices, unions) is not supported`);
      i = close + 1;
    } else {
      throw new JsonPathError(`bad path ${path}`);
    }
  }
  return segments;
}

/** The root a path starts from and the segments after it. */
function splitRoot(path: string, scope: PathScope): { root: unknown; rest: Segment[] } {
  if (path.startsWith('$$')) return { root: scope.context, rest: parseSegments(path, 2) };
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (variable) {
    const name = variable[1] as string;
    if (!(name in scope.variables)) throw new JsonPathError(`variable $${name} is not defined here`);
    return { root: scope.variables[name], rest: parseSegments(path, variable[0].length) };
  }
  if (!path.startsWith('$')) throw new JsonPathError(`${path} is not a path (it must start with $)`);
  return { root: scope.data, rest: parseSegments(path, 1) };
}

/** True when the path selects something (Choice's IsPresent). */
export function pathExists(path: string, scope: PathScope): boolean {
  try {
    readPath(path, scope);
    return true;
  } catch (error) {
    if (error instanceof JsonPathError) return false;
    throw error;
  }
}

/** The value a reference path selects; throws {@link JsonPathError} when it selects nothing. */
export function readPath(path: string, scope: PathScope): unknown {
  const { root, rest } = splitRoot(path.trim(), scope);
  let values: unknown[] = [root];
  let multiple = false;
  for (const segment of rest) {
    const next: unknown[] = [];
    for (const value of values) {
      if ('wildcard' in segment) {
        multiple = true;
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if ('index' in segment) {
        if (Array.isArray(value)) {
          const at = segment.index < 0 ? value.length + segment.index : segment.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else if (value && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) {
        next.push((value as Record<string, unknown>)[segment.key]);
      }
    }
    values = next;
    if (!multiple && values.length === 0) throw new JsonPathError(`path ${path} selects nothing`);
  }
  return multiple ? values : values[0];
}

/** `target` with `value` written at the reference path `path` (ResultPath), `target` unchanged. */
export function writePath(target: unknown, path: string, value: unknown): unknown {
  if (path === '$') return value;
  const segments = parseSegments(path, 1);
  const root: unknown = target && typeof target === 'object' && !Array.isArray(target) ? structuredClone(target) : {};
  let cursor = root as Record<string, unknown>;
  segments.forEach((segment, n) => {
    if (!('key' in segment)) throw new JsonPathError(`ResultPath ${path} may only name fields`);
    if (n === segments.length - 1) {
      cursor[segment.key] = value;
      return;
    }
    const child = cursor[segment.key];
    if (!child || typeof child !== 'object' || Array.isArray(child)) cursor[segment.key] = {};
    cursor = cursor[segment.key] as Record<string, unknown>;
  });
  return root;
}

// ---- intrinsic functions -------------------------------------------------------------------------

type Token = { kind: 'string' | 'number' | 'literal' | 'path' | 'call'; text: string; args?: Token[] };

function parseIntrinsic(text: string): Token {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const parseArg = (): Token => {
    skip();
    if (text[i] === "'") {
      let out = '';
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) {
          out += text[i + 1];
          i += 2;
        } else out += text[i++];
      }
      i++;
      return { kind: 'string', text: out };
    }
    const start = i;
    if (text.startsWith('States.', i)) {
      const open = text.indexOf('(', i);
      const name = text.slice(i, open);
      i = open + 1;
      const args: Token[] = [];
      skip();
      if (text[i] === ')') i++;
      else {
        for (;;) {
          args.push(parseArg());
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ')') {
            i++;
            break;
          }
          throw new JsonPathError(`bad intrinsic ${text}`);
        }
      }
      return { kind: 'call', text: name, args };
    }
    while (i < text.length && text[i] !== ',' && text[i] !== ')') i++;
    const raw = text.slice(start, i).trim();
    if (raw.startsWith('$')) return { kind: 'path', text: raw };
    if (/^-?\d+(\.\d+)?$/.test(raw)) return { kind: 'number', text: raw };
    if (raw === 'true' || raw === 'false' || raw === 'null') return { kind: 'literal', text: raw };
    throw new JsonPathError(`bad intrinsic argument ${raw} in ${text}`);
  };
  const token = parseArg();
  skip();
  if (i !== text.length) throw new JsonPathError(`bad intrinsic ${text}`);
  return token;
}

const asArray = (value: unknown, fn: string): unknown[] => {
  if (!Array.isArray(value)) throw new JsonPathError(`${fn} needs an array`, 'States.IntrinsicFailure');
  return value;
};
const asNumber = (value: unknown, fn: string): number => {
  if (typeof value !== 'number') throw new JsonPathError(`${fn} needs a number`, 'States.IntrinsicFailure');
  return value;
};
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Each intrinsic the ASL documents, by name. */
const INTRINSICS: Record<string, (args: unknown[]) => unknown> = {
  'States.Format': ([template, ...values]) => {
    let n = 0;
    return String(template).replace(/\{\}/g, () => text(values[n++]));
  },
  'States.StringToJson': ([value]) => JSON.parse(String(value)),
  'States.JsonToString': ([value]) => JSON.stringify(value),
  'States.Array': (args) => args,
  'States.ArrayPartition': ([array, size]) => {
    const items = asArray(array, 'States.ArrayPartition');
    const n = asNumber(size, 'States.ArrayPartition');
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return out;
  },
  'States.ArrayContains': ([array, value]) => asArray(array, 'States.ArrayContains').some((item) => JSON.stringify(item) === JSON.stringify(value)),
  'States.ArrayRange': ([first, last, step]) => {
    const out: number[] = [];
    const by = asNumber(step, 'States.ArrayRange');
    for (let v = asNumber(first, 'States.ArrayRange'); by > 0 ? v <= asNumber(last, 'States.ArrayRange') : v >= asNumber(last, 'States.ArrayRange'); v += by) out.push(v);
    return out;
  },
  'States.ArrayGetItem': ([array, index]) => asArray(array, 'States.ArrayGetItem')[asNumber(index, 'States.ArrayGetItem')],
  'States.ArrayLength': ([array]) => asArray(array, 'States.ArrayLength').length,
  'States.ArrayUnique': ([array]) => {
    const seen = new Set<string>();
    return asArray(array, 'States.ArrayUnique').filter((item) => !seen.has(JSON.stringify(item)) && !!seen.add(JSON.stringify(item)));
  },
  'States.Base64Encode': ([value]) => Buffer.from(String(value)).toString('base64'),
  'States.Base64Decode': ([value]) => Buffer.from(String(value), 'base64').toString('utf8'),
  'States.Hash': ([value, algorithm]) => createHash(String(algorithm).replace('-', '').toLowerCase()).update(text(value)).digest('hex'),
  'States.JsonMerge': ([a, b]) => ({ ...(a as object), ...(b as object) }),
  'States.MathRandom': ([start, end]) => Math.floor(asNumber(start, 'States.MathRandom') + Math.random() * (asNumber(end, 'States.MathRandom') - asNumber(start, 'States.MathRandom'))),
  'States.MathAdd': ([a, b]) => asNumber(a, 'States.MathAdd') + asNumber(b, 'States.MathAdd'),
  'States.StringSplit': ([value, separators]) => String(value).split(new RegExp(`[${String(separators).replace(/[\\\]^-]/g, '\\$&')}]`)).filter((part) => part !== ''),
  'States.UUID': () => randomUUID(),
};

function evaluateToken(token: Token, scope: PathScope): unknown {
  switch (token.kind) {
    case 'string':
      return token.text;
    case 'number':
      return Number(token.text);
    case 'literal':
      return JSON.parse(token.text);
    case 'path':
      return readPath(token.text, scope);
    case 'call': {
      const fn = INTRINSICS[token.text];
      if (!fn) throw new JsonPathError(`intrinsic ${token.text} is not supported`);
      return fn((token.args ?? []).map((arg) => evaluateToken(arg, scope)));
    }
  }
}

/** The value of a `"key.$"` field: a path, or an intrinsic function call. */
export function evaluateDynamic(expression: string, scope: PathScope): unknown {
  const trimmed = expression.trim();
  if (trimmed.startsWith('States.')) return evaluateToken(parseIntrinsic(trimmed), scope);
  return readPath(trimmed, scope);
}

/** A payload template (Parameters, ResultSelector, ItemSelector, Assign) with every `.$` field evaluated. */
export function applyPayloadTemplate(template: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((item) => applyPayloadTemplate(item, scope));
  if (!template || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') out[key.slice(0, -2)] = evaluateDynamic(value, scope);
    else out[key] = applyPayloadTemplate(value, scope);
  }
  return out;
}
