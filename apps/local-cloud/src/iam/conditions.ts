/**
 * The `Condition` element of an IAM policy statement, evaluated as IAM does: every operator of the
 * block must hold, every key of an operator must hold, and a key holds when the request's value
 * matches any of the policy's values. Supported: the String, Numeric, Date, Bool, Binary, IP
 * address, ARN and Null operators, each with `...IfExists`, and the `ForAllValues:` /
 * `ForAnyValue:` set qualifiers. An operator the local cloud does not know is reported as
 * unsupported so that the caller can fail closed (an Allow that depends on it does not apply, a
 * Deny that depends on it does), rather than guess.
 */
import { matchesArn, matchesWildcard } from './patterns';

/** Request context keys (case-insensitive names) and their values; a multivalued key is an array. */
export type ContextValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Looks a condition key up by its lower-cased name (a Map of a normalized context is one). */
export interface ContextLookup {
  get(lowerCaseKey: string): readonly string[] | undefined;
}

/** The context with lower-cased keys and array values. */
export type NormalizedContext = ReadonlyMap<string, readonly string[]>;

/** Lower-cases the key names (IAM condition keys are case-insensitive) and makes every value an array. */
export function normalizeContext(context: ContextValues | undefined): NormalizedContext {
  const normalized = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(context ?? {})) {
    if (value === undefined) continue;
    normalized.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  return normalized;
}

/** The outcome of a condition block. */
export interface ConditionOutcome {
  holds: boolean;
  /** Set when the block uses something the local cloud cannot evaluate (the block does not hold then). */
  unsupported?: string;
}

/** Compares one policy value with one request value; false for values of the wrong kind. */
type ValueMatcher = (policyValue: string, requestValue: string) => boolean;

const toDate = (value: string): number => (/^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value));
const numeric = (compare: (a: number, b: number) => boolean): ValueMatcher => (p, r) => {
  const [a, b] = [Number(r), Number(p)];
  return r.trim() !== '' && p.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
};
const dated = (compare: (a: number, b: number) => boolean): ValueMatcher => (p, r) => {
  const [a, b] = [toDate(r), toDate(p)];
  return Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
};

/** Positive operators; each `Not` operator is the negation of one of these. */
const MATCHERS: Record<string, ValueMatcher> = {
  StringEquals: (p, r) => p === r,
  StringEqualsIgnoreCase: (p, r) => p.toLowerCase() === r.toLowerCase(),
  StringLike: (p, r) => matchesWildcard(p, r),
  NumericEquals: numeric((a, b) => a === b),
  NumericLessThan: numeric((a, b) => a < b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
  DateEquals: dated((a, b) => a === b),
  DateLessThan: dated((a, b) => a < b),
  DateLessThanEquals: dated((a, b) => a <= b),
  DateGreaterThan: dated((a, b) => a > b),
  DateGreaterThanEquals: dated((a, b) => a >= b),
  Bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
  BinaryEquals: (p, r) => p === r,
  IpAddress: (p, r) => inCidr(r, p),
  // IAM checks each of the six parts of an ARN separately, with wildcards, for both operators.
  ArnEquals: (p, r) => matchesArn(p, r),
  ArnLike: (p, r) => matchesArn(p, r),
};

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/** The policy's values of a key as strings (JSON booleans and numbers are written unquoted in policies). */
function policyValues(value: unknown): string[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) return undefined;
  return values.map(String);
}

/**
 * Replaces policy variables (`${aws:PrincipalAccount}`, and the escapes `${*}`, `${?}`, `${$}`)
 * with the request's single value; undefined when a variable has no single value in the request
 * (the policy value then matches nothing, as in IAM).
 */
export function substituteVariables(text: string, context: ContextLookup): string | undefined {
  if (!text.includes('${')) return text;
  let unresolved = false;
  const result = text.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const [key, fallback] = name.split(/\s*,\s*/, 2);
    const values = context.get((key ?? '').trim().toLowerCase());
    if (values?.length === 1) return values[0] as string;
    const quoted = fallback !== undefined ? /^'(.*)'$/.exec(fallback) : null;
    if (quoted) return quoted[1] as string;
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : result;
}

/** Evaluates one operator entry (`"StringLike": { "s3:prefix": ["tenants/*"] }`) for one key. */
function evaluateKey(operator: string, key: string, rawValues: unknown, context: ContextLookup): ConditionOutcome {
  let name = operator;
  let set: 'all' | 'any' | undefined;
  if (name.startsWith('ForAllValues:')) [set, name] = ['all', name.slice('ForAllValues:'.length)];
  else if (name.startsWith('ForAnyValue:')) [set, name] = ['any', name.slice('ForAnyValue:'.length)];
  const ifExists = name.endsWith('IfExists') && name !== 'IfExists';
  if (ifExists) name = name.slice(0, -'IfExists'.length);

  const values = policyValues(rawValues);
  if (!values) return { holds: false, unsupported: `condition ${operator} on ${key} has a value that is not a string, number or boolean` };
  const present = context.get(key.toLowerCase());
  const requestValues = present && present.length > 0 ? present : undefined;

  if (name === 'Null') {
    if (set || ifExists) return { holds: false, unsupported: `condition operator ${operator} (Null takes no qualifier)` };
    return { holds: values.some((v) => (v.toLowerCase() === 'true' ? !requestValues : requestValues !== undefined)) };
  }
  const negated = Object.hasOwn(NEGATED, name);
  const base = negated ? NEGATED[name] : name;
  const matcher = base !== undefined && Object.hasOwn(MATCHERS, base) ? MATCHERS[base] : undefined;
  if (!matcher) return { holds: false, unsupported: `condition operator ${operator}` };

  if (!requestValues) {
    // A missing key: IfExists and ForAllValues hold, ForAnyValue does not, a negated operator holds.
    if (ifExists || set === 'all') return { holds: true };
    if (set === 'any') return { holds: false };
    return { holds: negated };
  }
  const substituted = values.map((v) => substituteVariables(v, context)).filter((v): v is string => v !== undefined);
  const matchesAny = (requestValue: string) => substituted.some((p) => matcher(p, requestValue));
  const holdsFor = (requestValue: string) => (negated ? !matchesAny(requestValue) : matchesAny(requestValue));
  if (set === 'all') return { holds: requestValues.every(holdsFor) };
  if (set === 'any') return { holds: requestValues.some(holdsFor) };
  // A plain operator on a multivalued key: positive operators need one matching value, negated
  // ones need no matching value at all.
  return { holds: negated ? requestValues.every(holdsFor) : requestValues.some(holdsFor) };
}

/** Evaluates a statement's `Condition` block against the request context. */
export function evaluateCondition(condition: Record<string, unknown> | undefined, context: ContextLookup): ConditionOutcome {
  if (!condition) return { holds: true };
  for (const [operator, entries] of Object.entries(condition)) {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      return { holds: false, unsupported: `condition operator ${operator} is not followed by an object of keys` };
    }
    for (const [key, values] of Object.entries(entries as Record<string, unknown>)) {
      const outcome = evaluateKey(operator, key, values, context);
      if (outcome.unsupported || !outcome.holds) return outcome;
    }
  }
  return { holds: true };
}

/** Parses an IPv4 or IPv6 address to a number and its bit length. */
function parseIp(text: string): { value: bigint; bits: number } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
  }
  if (!text.includes(':')) return undefined;
  const [head = '', tail] = text.split('::');
  if (text.split('::').length > 2) return undefined;
  const groups = (s: string) => (s ? s.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const all = [...left, ...Array<string>(missing).fill('0'), ...right];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

/** True when `address` lies in `cidr` (`10.0.0.0/8`, `2001:db8::/32`, or a single address). */
export function inCidr(address: string, cidr: string): boolean {
  const [base = '', prefixText] = cidr.split('/');
  const ip = parseIp(address);
  const net = parseIp(base);
  if (!ip || !net || ip.bits !== net.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}
