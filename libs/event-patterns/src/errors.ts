/** Errors of the event-patterns library. Consumers tell them apart with `instanceof`, never by message text. */

/** One step of a path into a pattern: a field name, or an index into an array. */
export type PathSegment = string | number;

/** Base class of every error thrown by `@onboarding/event-patterns`. */
export class EventPatternsError extends Error {
  override readonly name: string = 'EventPatternsError';
}

/**
 * Renders a path the way a reader would write it in JavaScript: `detail.c-count[0].numeric[1]`.
 * A field name that is not a plain word (it has a dot, a space, a quote, or is empty) is quoted,
 * `detail["a.b"]`, so two different paths never print the same.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The event pattern is refused, for the reasons EventBridge refuses a rule's pattern with
 * `InvalidEventPatternException`. `path` names the offending place in the pattern (`""` is the
 * pattern itself) and `reason` says what is wrong there, in the words EventBridge uses where it
 * has them (`Value of > must be numeric`, `Consecutive wildcard characters at pos 4`).
 */
export class InvalidEventPatternError extends EventPatternsError {
  override readonly name: string = 'InvalidEventPatternError';
  /** Printable path of the offending place, e.g. `detail.c-count[0].numeric[1]`; `""` for the whole pattern. */
  readonly path: string;

  constructor(
    /** What is wrong at `path`, without the path. */
    readonly reason: string,
    /** The same path as `path`, one field name or array index per element. */
    readonly pathSegments: readonly PathSegment[],
    options?: { cause?: unknown },
  ) {
    const path = formatPath(pathSegments);
    super(`Event pattern is not valid at ${path === '' ? 'the pattern root' : path}: ${reason}`, options);
    this.path = path;
  }
}

/** The event to match is not a JSON object (or not valid JSON text). Nothing was matched. */
export class InvalidEventError extends EventPatternsError {
  override readonly name: string = 'InvalidEventError';
}
