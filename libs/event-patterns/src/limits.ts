/**
 * The documented limits of EventBridge event patterns, in one place, each with where it comes from.
 * Where the documentation is silent the number is ours, and the comment says why.
 */

/**
 * Longest pattern text accepted by default. The EventBridge quotas page lists "Event pattern:
 * 2048 characters maximum"; the quota can be raised to 4096 characters on request, which is why
 * {@link PatternOptions.maxPatternLength} exists.
 */
export const DEFAULT_MAX_PATTERN_LENGTH = 2048;

/** The highest value the pattern-size quota can be raised to (the PutRule API's own bound). */
export const HIGHEST_MAX_PATTERN_LENGTH = 4096;

/**
 * Numeric matching works on values between -5.0e9 and +5.0e9 inclusive, with 15 digits of
 * precision, that is six digits to the right of the decimal point (user guide, "Numeric matching").
 */
export const NUMERIC_LIMIT = 5e9;

/**
 * Deepest field nesting accepted in a pattern. The user guide states no nesting limit for
 * patterns; the only nesting figure EventBridge documents is 255 levels (schema discovery ignores
 * events nested deeper). A pattern deeper than that could only match events EventBridge itself
 * does not look into, so it is refused rather than accepted and never matched.
 */
export const MAX_NESTING_DEPTH = 255;

/**
 * Most combinations a pattern's `$or`s may expand to. The docs are silent; EventBridge expands
 * every `$or` into separate combinations internally, and nested or side-by-side `$or`s multiply
 * (ten pairs make 1,024). The cap keeps one rule from exhausting memory; real patterns stay far below.
 */
export const MAX_OR_COMBINATIONS = 1000;

/** Options of {@link compilePattern} and {@link validatePattern}. */
export interface PatternOptions {
  /**
   * Longest accepted pattern text, in characters (of the text given, or of `JSON.stringify` of
   * the object given). Between 1 and {@link HIGHEST_MAX_PATTERN_LENGTH}.
   * @default 2048 (the EventBridge default quota)
   */
  maxPatternLength?: number;
}
