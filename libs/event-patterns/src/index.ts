/**
 * `@onboarding/event-patterns`: EventBridge event patterns, validated and matched exactly as an
 * event bus does, with no AWS. Used by the local cloud (rules, TestEventPattern) and by teams'
 * tests. This file is the library's whole public API.
 */
export { compilePattern, validatePattern, type CompiledPattern } from './compile';
export { matchesPattern } from './matches-pattern';
export { EventPatternsError, InvalidEventError, InvalidEventPatternError, formatPath, type PathSegment } from './errors';
export {
  DEFAULT_MAX_PATTERN_LENGTH,
  HIGHEST_MAX_PATTERN_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_OR_COMBINATIONS,
  NUMERIC_LIMIT,
  type PatternOptions,
} from './limits';
