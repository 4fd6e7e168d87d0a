/**
 * Validation and compilation of a whole pattern, in one pass: walking the pattern either throws
 * {@link InvalidEventPatternError} at the first problem (in document order) or yields the
 * compiled branches.
 *
 * `$or` is expanded the way EventBridge expands it: each `$or` multiplies the combinations built
 * so far by its alternatives, and every combination is a flat list of leaves keyed by field path.
 * A path given twice keeps the later one (the user guide: "if you include a key more than once the
 * last reference will be the one used"), which also settles a field that appears both beside an
 * `$or` and inside one of its alternatives.
 */
import { InvalidEventPatternError, InvalidEventError, type PathSegment } from './errors';
import { compileLeaf, isPlainObject, type LeafMatcher } from './leaf';
import { DEFAULT_MAX_PATTERN_LENGTH, HIGHEST_MAX_PATTERN_LENGTH, MAX_NESTING_DEPTH, MAX_OR_COMBINATIONS, type PatternOptions } from './limits';
import { matchBranch, type RuntimeBranch, type RuntimeLeaf } from './match';

/** A pattern compiled once, to be matched against many events. */
export interface CompiledPattern {
  /**
   * True when the event matches the pattern, exactly as an EventBridge rule would decide.
   * @param event the event as a parsed JSON object, or as JSON text
   * @throws {@link InvalidEventError} when the event is not a JSON object
   */
  matches(event: unknown): boolean;
  /** The pattern's JSON text as validated: the text given, or `JSON.stringify` of the object given. */
  readonly text: string;
}

/**
 * Field names that cannot be used inside an `$or` alternative, because EventBridge reserves them
 * for operators there (so that `{"$or": [{"prefix": "a"}, ...]}`, a misplaced operator, is an
 * error rather than a field silently named "prefix").
 */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=',
  'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/** Names every object inherits; looking one of them up in an event needs an own-property check. */
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

interface DraftLeaf {
  readonly segments: readonly string[];
  /** EventBridge orders a combination's fields by their dotted path; `exists: false` depends on it. */
  readonly sortKey: string;
  readonly matcher: LeafMatcher;
}

/** One combination under construction: leaves by path identity. */
type Draft = Map<string, DraftLeaf>;

function refuse(reason: string, path: readonly PathSegment[]): never {
  throw new InvalidEventPatternError(reason, path);
}

class PatternCompiler {
  /** The combinations built so far; an `$or` replaces them with their products. */
  drafts: Draft[] = [new Map()];

  compileObject(object: Record<string, unknown>, fieldPath: readonly string[], errorPath: readonly PathSegment[], insideOr: boolean): void {
    const names = Object.keys(object);
    if (names.length === 0) refuse('Empty objects are not allowed', errorPath);
    for (const name of names) {
      const value = object[name];
      const at = [...errorPath, name];
      if (name === '$or') {
        this.compileOr(value, fieldPath, at);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(name)) refuse(`${name} is a reserved field name which cannot be used inside $or`, at);
      const path = [...fieldPath, name];
      if (Array.isArray(value)) {
        if (path.length > MAX_NESTING_DEPTH) refuse(`Fields may be nested at most ${MAX_NESTING_DEPTH} levels deep`, at);
        this.addLeaf(path, compileLeaf(value, at));
      } else if (isPlainObject(value)) {
        if (path.length > MAX_NESTING_DEPTH) refuse(`Fields may be nested at most ${MAX_NESTING_DEPTH} levels deep`, at);
        this.compileObject(value, path, at, insideOr);
      } else {
        refuse(`"${name}" must be an object or an array`, at);
      }
    }
  }

  private compileOr(value: unknown, fieldPath: readonly string[], at: readonly PathSegment[]): void {
    if (!Array.isArray(value)) refuse('It must be an Array followed with $or.', at);
    const alternatives: readonly unknown[] = value;
    alternatives.forEach((alternative, index) => {
      if (!isPlainObject(alternative)) refuse('Only JSON object is allowed in array of $or relationship.', [...at, index]);
    });
    if (alternatives.length < 2) refuse('There must have at least 2 Objects in $or relationship.', at);
    const before = this.drafts;
    const after: Draft[] = [];
    alternatives.forEach((alternative, index) => {
      this.drafts = before.map((draft) => new Map(draft));
      this.compileObject(alternative as Record<string, unknown>, fieldPath, [...at, index], true);
      after.push(...this.drafts);
      if (after.length > MAX_OR_COMBINATIONS) refuse(`The $or alternatives expand to more than ${MAX_OR_COMBINATIONS} combinations`, at);
    });
    this.drafts = after;
  }

  /**
   * A field name is one name even when it contains a dot: `{"a.b": [1]}` matches `{"a.b": 1}`,
   * not `{"a": {"b": 1}}`. (EventBridge's engine may conflate the two; the user guide does not
   * describe it and the engine's own notes say not to rely on it.)
   */
  private addLeaf(segments: readonly string[], matcher: LeafMatcher): void {
    const leaf: DraftLeaf = { segments, sortKey: segments.join('.'), matcher };
    const identity = JSON.stringify(segments);
    for (const draft of this.drafts) draft.set(identity, leaf);
  }

  branches(): RuntimeBranch[] {
    return this.drafts.map((draft) => {
      const leaves = [...draft.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
      // Without exists:false, a combination is a plain conjunction and its order cannot change
      // the answer: try cheap, selective leaves (exact values) first so most rules fail fast.
      const ordered = leaves.some((leaf) => leaf.matcher.absentOk) ? leaves : [...leaves].sort((a, b) => a.matcher.cost - b.matcher.cost);
      return ordered.map(
        (leaf): RuntimeLeaf => ({
          segments: leaf.segments,
          guarded: leaf.segments.map((segment) => INHERITED_NAMES.has(segment)),
          test: leaf.matcher.test,
          absentOk: leaf.matcher.absentOk,
        }),
      );
    });
  }
}

function patternText(pattern: unknown, maxLength: number): { text: string; value: unknown } {
  let text: string;
  let value: unknown;
  if (typeof pattern === 'string') {
    text = pattern;
    if (text.length > maxLength) refuse(`The event pattern is ${text.length} characters long; the limit is ${maxLength}`, []);
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InvalidEventPatternError(`The event pattern is not valid JSON (${(error as Error).message})`, [], { cause: error });
    }
  } else {
    try {
      text = JSON.stringify(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(`The event pattern cannot be written as JSON (${(error as Error).message})`, [], { cause: error });
    }
    if (text === undefined) refuse('The event pattern must be a JSON object', []);
    if (text.length > maxLength) refuse(`The event pattern is ${text.length} characters long; the limit is ${maxLength}`, []);
    value = pattern;
  }
  return { text, value };
}

function maxLengthOf(options: PatternOptions | undefined): number {
  const maxLength = options?.maxPatternLength ?? DEFAULT_MAX_PATTERN_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > HIGHEST_MAX_PATTERN_LENGTH) {
    throw new RangeError(`maxPatternLength must be an integer from 1 to ${HIGHEST_MAX_PATTERN_LENGTH}, not ${String(maxLength)}`);
  }
  return maxLength;
}

function toEventObject(event: unknown): object {
  let value = event;
  if (typeof event === 'string') {
    try {
      value = JSON.parse(event);
    } catch (error) {
      throw new InvalidEventError(`The event is not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidEventError('The event must be a JSON object');
  return value;
}

/**
 * Validates a pattern and compiles it for repeated matching. Validation happens once, here; the
 * compiled form keeps its own copy of everything it needs, so changing the pattern object later
 * does not change what it matches.
 *
 * @param pattern the event pattern, as a JSON object or as JSON text
 * @throws {@link InvalidEventPatternError} naming the offending path when EventBridge would refuse the pattern
 */
export function compilePattern(pattern: unknown, options?: PatternOptions): CompiledPattern {
  const { text, value } = patternText(pattern, maxLengthOf(options));
  if (!isPlainObject(value)) refuse('The event pattern must be a JSON object', []);
  const compiler = new PatternCompiler();
  compiler.compileObject(value, [], [], false);
  const branches = compiler.branches();
  const single = branches.length === 1 ? (branches[0] as RuntimeBranch) : undefined;
  return {
    text,
    matches(event: unknown): boolean {
      const root = typeof event === 'object' && event !== null && !Array.isArray(event) ? event : toEventObject(event);
      if (single !== undefined) return matchBranch(single, root);
      for (const branch of branches) if (matchBranch(branch, root)) return true;
      return false;
    },
  };
}

/**
 * Checks a pattern as EventBridge checks a rule's pattern, without keeping anything.
 *
 * @param pattern the event pattern, as a JSON object or as JSON text
 * @throws {@link InvalidEventPatternError} naming the offending path, e.g. `detail.c-count[0].numeric[2]`
 */
export function validatePattern(pattern: unknown, options?: PatternOptions): void {
  compilePattern(pattern, options);
}
