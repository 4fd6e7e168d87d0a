/**
 * CloudWatch Logs filter patterns (FilterLogEvents, metric and subscription filters), as the
 * "Filter and pattern syntax" guide defines them:
 * - terms: `ERROR` (substring, case-sensitive), several terms all required, `"exact phrase"`,
 *   `-term` to exclude, `?a ?b` for either; an empty pattern (or `" "`) matches every event;
 * - regular expressions between `%` (`%AUTHORIZED%`), in AWS's subset (no groups);
 * - JSON: `{ $.eventType = "UpdateTrail" }`, `!=`, numeric `< > <= >=`, `*` wildcards in strings,
 *   array indexes `$.a[0].b`, `IS NULL`, `NOT EXISTS`, `IS TRUE`/`IS FALSE`, `= *`, `&&`, `||`, parentheses;
 * - space-delimited: `[ip, user, ..., status_code = 4*, bytes > 1000]`, `"..."` and `[...]` as one field.
 * {@link compileFilterPattern} parses once and returns a predicate; a malformed pattern throws a
 * {@link FilterPatternError} naming what is wrong.
 */

/** A filter pattern CloudWatch Logs would refuse. */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

/** A compiled filter pattern: whether a log event message matches. */
export type FilterPredicate = (message: string) => boolean;

const REGEX_ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+. ]*$/;

/** Compiles a `%regex%` body in AWS's supported subset into a JS RegExp. */
function compileRegex(body: string): RegExp {
  if (!REGEX_ALLOWED.test(body)) throw new FilterPatternError(`Unsupported character in regular expression %${body}%: only letters, digits, : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \\ * + . are allowed`);
  if (body.includes('(') || body.includes(')')) throw new FilterPatternError('Parentheses are not supported in filter pattern regular expressions');
  try {
    return new RegExp(body, 'u');
  } catch (error) {
    throw new FilterPatternError(`Invalid regular expression %${body}%: ${(error as Error).message}`);
  }
}

/** `*` wildcards of a string value as a whole-string matcher. */
function wildcard(value: string): (text: string) => boolean {
  if (!value.includes('*')) return (text) => text === value;
  const source = value.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (text) => regex.test(text);
}

// ---------------------------------------------------------------------------------------------
// Terms

function compileTerms(pattern: string): FilterPredicate {
  const required: string[] = [];
  const excluded: string[] = [];
  const optional: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    while (pattern[i] === ' ' || pattern[i] === '\t') i++;
    if (i >= pattern.length) break;
    let kind: 'required' | 'excluded' | 'optional' = 'required';
    if (pattern[i] === '-') {
      kind = 'excluded';
      i++;
    } else if (pattern[i] === '?') {
      kind = 'optional';
      i++;
    }
    while (pattern[i] === ' ') i++;
    let term = '';
    if (pattern[i] === '"') {
      i++;
      while (i < pattern.length && pattern[i] !== '"') {
        if (pattern[i] === '\\' && i + 1 < pattern.length) i++;
        term += pattern[i];
        i++;
      }
      if (pattern[i] !== '"') throw new FilterPatternError('Unterminated quoted term in filter pattern');
      i++;
    } else {
      while (i < pattern.length && pattern[i] !== ' ' && pattern[i] !== '\t') {
        if (pattern[i] === '"') throw new FilterPatternError(`Misplaced quote in term starting at position ${i}`);
        term += pattern[i];
        i++;
      }
    }
    if (term === '') throw new FilterPatternError(`Empty term in filter pattern at position ${i}`);
    ({ required, excluded, optional })[kind].push(term);
  }
  return (message) =>
    required.every((t) => message.includes(t)) && excluded.every((t) => !message.includes(t)) && (optional.length === 0 || optional.some((t) => message.includes(t)));
}

// ---------------------------------------------------------------------------------------------
// Values shared by the JSON and space-delimited forms

type Value = { kind: 'number'; number: number; text: string } | { kind: 'string'; text: string; match: (text: string) => boolean } | { kind: 'regex'; regex: RegExp } | { kind: 'any' };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function readValue(source: string): Value {
  if (source === '*') return { kind: 'any' };
  if (source.startsWith('%') && source.endsWith('%') && source.length >= 2) return { kind: 'regex', regex: compileRegex(source.slice(1, -1)) };
  if (source.startsWith('"')) {
    const text = JSON.parse(source) as string;
    return { kind: 'string', text, match: wildcard(text) };
  }
  if (NUMBER.test(source)) return { kind: 'number', number: Number(source), text: source };
  return { kind: 'string', text: source, match: wildcard(source) };
}

type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

function compare(actual: unknown, operator: Operator, value: Value): boolean {
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  if (value.kind === 'any') return operator === '=';
  if (value.kind === 'regex') {
    const hit = value.regex.test(String(actual));
    return operator === '=' ? hit : operator === '!=' ? !hit : false;
  }
  if (value.kind === 'number') {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && NUMBER.test(actual) ? Number(actual) : undefined;
    if (n === undefined) return operator === '!=' ? true : false;
    switch (operator) {
      case '=':
        return n === value.number;
      case '!=':
        return n !== value.number;
      case '<':
        return n < value.number;
      case '>':
        return n > value.number;
      case '<=':
        return n <= value.number;
      case '>=':
        return n >= value.number;
    }
  }
  if (operator !== '=' && operator !== '!=') return false;
  const hit = value.match(String(actual));
  return operator === '=' ? hit : !hit;
}

// ---------------------------------------------------------------------------------------------
// JSON patterns: { <expression> }

type Node = { and: Node[] } | { or: Node[] } | ((event: unknown) => boolean);

class JsonParser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): (event: unknown) => boolean {
    const node = this.or();
    this.space();
    if (this.i < this.text.length) throw new FilterPatternError(`Unexpected "${this.text.slice(this.i, this.i + 10)}" in JSON filter pattern`);
    return evaluate(node);
  }

  private space(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private eat(token: string): boolean {
    this.space();
    if (this.text.startsWith(token, this.i)) {
      this.i += token.length;
      return true;
    }
    return false;
  }

  private or(): Node {
    const parts = [this.and()];
    while (this.eat('||')) parts.push(this.and());
    return parts.length === 1 ? (parts[0] as Node) : { or: parts };
  }

  private and(): Node {
    const parts = [this.unary()];
    while (this.eat('&&')) parts.push(this.unary());
    return parts.length === 1 ? (parts[0] as Node) : { and: parts };
  }

  private unary(): Node {
    if (this.eat('(')) {
      const inner = this.or();
      if (!this.eat(')')) throw new FilterPatternError('Missing ")" in JSON filter pattern');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Node {
    this.space();
    const selector = /^\$(?:\.[A-Za-z0-9_@-]+|\[\d+\])*/.exec(this.text.slice(this.i))?.[0];
    if (!selector || selector === '$') throw new FilterPatternError(`Expected a property selector such as $.field at "${this.text.slice(this.i, this.i + 10)}"`);
    this.i += selector.length;
    const path = [...selector.matchAll(/\.([A-Za-z0-9_@-]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
    const resolve = (event: unknown): { found: boolean; value?: unknown } => {
      let current: unknown = event;
      for (const step of path) {
        if (typeof step === 'number') {
          if (!Array.isArray(current) || step >= current.length) return { found: false };
          current = current[step];
        } else {
          if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) return { found: false };
          current = (current as Record<string, unknown>)[step];
        }
      }
      return { found: true, value: current };
    };
    this.space();
    const keyword = /^(IS\s+NULL|IS\s+TRUE|IS\s+FALSE|NOT\s+EXISTS)\b/i.exec(this.text.slice(this.i))?.[1];
    if (keyword) {
      this.i += keyword.length;
      const k = keyword.toUpperCase().replace(/\s+/, ' ');
      return (event) => {
        const { found, value } = resolve(event);
        if (k === 'NOT EXISTS') return !found;
        if (k === 'IS NULL') return found && value === null;
        return found && value === (k === 'IS TRUE');
      };
    }
    const operator = /^(!=|<=|>=|=|<|>)/.exec(this.text.slice(this.i))?.[1] as Operator | undefined;
    if (!operator) throw new FilterPatternError(`Expected an operator (=, !=, <, >, <=, >=, IS NULL, NOT EXISTS, IS TRUE, IS FALSE) after ${selector}`);
    this.i += operator.length;
    this.space();
    const raw = this.valueText();
    const value = readValue(raw);
    if ((operator === '<' || operator === '>' || operator === '<=' || operator === '>=') && value.kind !== 'number') {
      throw new FilterPatternError(`The ${operator} operator needs a number, not ${raw}`);
    }
    return (event) => {
      const { found, value: actual } = resolve(event);
      return found && compare(actual, operator, value);
    };
  }

  private valueText(): string {
    const rest = this.text.slice(this.i);
    const quoted = /^"(?:[^"\\]|\\.)*"/.exec(rest)?.[0];
    const regex = /^%[^%]*%/.exec(rest)?.[0];
    const bare = /^[^\s()&|]+/.exec(rest)?.[0];
    const token = quoted ?? regex ?? bare;
    if (!token) throw new FilterPatternError('Expected a value in JSON filter pattern');
    this.i += token.length;
    return token;
  }
}

function evaluate(node: Node): (event: unknown) => boolean {
  if (typeof node === 'function') return node;
  if ('and' in node) {
    const parts = node.and.map(evaluate);
    return (event) => parts.every((p) => p(event));
  }
  const parts = node.or.map(evaluate);
  return (event) => parts.some((p) => p(event));
}

function compileJson(pattern: string): FilterPredicate {
  const inner = pattern.trim();
  if (!inner.endsWith('}')) throw new FilterPatternError('A JSON filter pattern must end with "}"');
  const predicate = new JsonParser(inner.slice(1, -1)).parse();
  return (message) => {
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof event === 'object' && event !== null && predicate(event);
  };
}

// ---------------------------------------------------------------------------------------------
// Space-delimited patterns: [name, name op value && ..., ..., name]

/** Splits a message into fields: spaces separate, `"..."` and `[...]` are single fields (without their delimiters). */
export function splitDelimitedFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    while (message[i] === ' ') i++;
    if (i >= message.length) break;
    const open = message[i];
    if (open === '"' || open === '[') {
      const close = open === '"' ? '"' : ']';
      const end = message.indexOf(close, i + 1);
      if (end !== -1) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let end = message.indexOf(' ', i);
    if (end === -1) end = message.length;
    fields.push(message.slice(i, end));
    i = end;
  }
  return fields;
}

type Slot = { ellipsis: true } | { ellipsis: false; name?: string; condition?: (fields: Map<string, string>) => boolean };

function compileDelimitedCondition(text: string, slotName: string): (fields: Map<string, string>) => boolean {
  const ors = text.split('||').map((alt) =>
    alt.split('&&').map((part) => {
      const match = /^\s*([A-Za-z0-9_$]*)\s*(!=|<=|>=|=|<|>)\s*(\S.*?)\s*$/.exec(part);
      if (!match) throw new FilterPatternError(`Invalid condition "${part.trim()}" in space-delimited filter pattern`);
      const [, name, operator, raw] = match as unknown as [string, string, Operator, string];
      const value = readValue(raw);
      const field = name || slotName;
      return (fields: Map<string, string>) => {
        const actual = fields.get(field);
        return actual !== undefined && compare(actual, operator, value);
      };
    }),
  );
  return (fields) => ors.some((all) => all.every((c) => c(fields)));
}

function compileDelimited(pattern: string): FilterPredicate {
  const inner = pattern.trim();
  if (!inner.endsWith(']')) throw new FilterPatternError('A space-delimited filter pattern must end with "]"');
  const slots: Slot[] = inner
    .slice(1, -1)
    .split(',')
    .map((raw, index) => {
      const text = raw.trim();
      if (text === '...' || text === '\u2026') return { ellipsis: true } as const;
      const name = /^[A-Za-z0-9_]+/.exec(text)?.[0] ?? '';
      const rest = text.slice(name.length).trim();
      const slotName = name || `$${index + 1}`;
      return { ellipsis: false, name: slotName, condition: rest ? compileDelimitedCondition(rest, slotName) : undefined } as const;
    });
  const conditions = slots.flatMap((s) => (s.ellipsis || !s.condition ? [] : [s.condition]));

  // Binds fields to slots (an ellipsis takes any number of fields), then checks every condition.
  function bind(fields: readonly string[], fi: number, si: number, bound: Map<string, string>): boolean {
    if (si === slots.length) return fi === fields.length && conditions.every((c) => c(bound));
    const slot = slots[si] as Slot;
    if (slot.ellipsis) {
      for (let take = fields.length - fi; take >= 0; take--) if (bind(fields, fi + take, si + 1, bound)) return true;
      return false;
    }
    if (fi >= fields.length) return false;
    const next = new Map(bound);
    next.set(slot.name as string, fields[fi] as string);
    return bind(fields, fi + 1, si + 1, next);
  }

  return (message) => bind(splitDelimitedFields(message), 0, 0, new Map());
}

/** Compiles a filter pattern; throws {@link FilterPatternError} for a malformed one. */
export function compileFilterPattern(pattern: string | undefined): FilterPredicate {
  const text = (pattern ?? '').trim();
  if (text === '' || text === '" "') return () => true;
  if (text.startsWith('{')) return compileJson(text);
  if (text.startsWith('[')) return compileDelimited(text);
  if (text.startsWith('%') && text.endsWith('%') && text.length >= 2) {
    const regex = compileRegex(text.slice(1, -1));
    return (message) => regex.test(message);
  }
  return compileTerms(text);
}
