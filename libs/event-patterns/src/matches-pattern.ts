/**
 * The one-call form, `matchesPattern(pattern, event)`, for tests and for code that sees a pattern
 * once. Compiled patterns are kept in a small least-recently-used cache keyed by the pattern's
 * JSON text, so calling it in a loop with the same rule does not re-validate every time.
 */
import { compilePattern, type CompiledPattern } from './compile';

const CACHE_SIZE = 256;
const cache = new Map<string, CompiledPattern>();

function compiledFor(pattern: unknown): CompiledPattern {
  // The key is the text itself, not the object: an object may be changed between calls.
  const key = typeof pattern === 'string' ? pattern : safeStringify(pattern);
  if (key === undefined) return compilePattern(pattern);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compilePattern(pattern);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // compilePattern reports why
  }
}

/**
 * True when the event matches the pattern, as EventBridge's TestEventPattern would answer.
 *
 * @param pattern the event pattern, as a JSON object or as JSON text
 * @param event the event, as a parsed JSON object or as JSON text (numbers in it compare by value)
 * @throws {@link InvalidEventPatternError} when the pattern is refused (nothing is cached for it)
 * @throws {@link InvalidEventError} when the event is not a JSON object
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compiledFor(pattern).matches(event);
}
