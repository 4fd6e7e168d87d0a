/**
 * The JSONPath subset EventBridge evaluates in a target's `InputPath` and an input transformer's
 * `InputPathsMap`: `$`, dot notation (names may hold dashes and slashes), bracketed names
 * (`$['detail-type']`), array indices (`[0]`) and the wildcard (`*`, `[*]`). Paths are compiled
 * once, when the rules are loaded, so a path EventBridge would refuse at PutTargets is refused at
 * boot rather than when the first event arrives.
 */

/** A path that is not in the supported subset. */
export class InvalidJsonPathError extends Error {
  override readonly name = 'InvalidJsonPathError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Invalid JSON path ${JSON.stringify(path)}: ${reason}`);
  }
}

type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** A compiled path. `evaluate` answers `undefined` when the path points at nothing. */
export interface CompiledJsonPath {
  readonly path: string;
  /** True when the path has a wildcard: its value is then the array of everything it reached. */
  readonly isWildcard: boolean;
  evaluate(document: unknown): unknown;
}

const NAME_CHARACTER = /[A-Za-z0-9_\-/:@$]/;

function parse(path: string): Segment[] {
  if (!path.startsWith('$')) throw new InvalidJsonPathError(path, 'must start with $');
  const segments: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '*') {
        segments.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      const start = i;
      while (i < path.length && NAME_CHARACTER.test(path[i] as string)) i++;
      if (i === start) throw new InvalidJsonPathError(path, `expected a field name at position ${start}`);
      segments.push({ kind: 'name', name: path.slice(start, i) });
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) throw new InvalidJsonPathError(path, `unclosed [ at position ${i}`);
      const inner = path.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) segments.push({ kind: 'name', name: inner.slice(1, -1) });
      else throw new InvalidJsonPathError(path, `unsupported selector [${inner}]`);
      i = close + 1;
    } else {
      throw new InvalidJsonPathError(path, `unexpected ${JSON.stringify(c)} at position ${i}`);
    }
  }
  return segments;
}

function step(value: unknown, segment: Segment): unknown[] {
  if (segment.kind === 'name') {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, segment.name)) {
      return [(value as Record<string, unknown>)[segment.name]];
    }
    return [];
  }
  if (segment.kind === 'index') {
    return Array.isArray(value) && segment.index < value.length ? [value[segment.index]] : [];
  }
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

/**
 * Compiles a path.
 * @throws InvalidJsonPathError when the path is outside the supported subset
 */
export function compileJsonPath(path: string): CompiledJsonPath {
  const segments = parse(path.trim());
  const isWildcard = segments.some((s) => s.kind === 'wildcard');
  return {
    path,
    isWildcard,
    evaluate(document: unknown): unknown {
      let current: unknown[] = [document];
      for (const segment of segments) {
        const next: unknown[] = [];
        for (const value of current) next.push(...step(value, segment));
        current = next;
        if (current.length === 0) break;
      }
      if (isWildcard) return current.length === 0 ? undefined : current;
      return current[0];
    },
  };
}
