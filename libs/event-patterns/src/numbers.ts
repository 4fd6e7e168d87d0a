/**
 * Numbers as EventBridge compares them: within +/-5.0e9, to six digits after the decimal point.
 * Both sides of every numeric comparison go through {@link comparableNumber}, so a pattern's
 * `3.018e2` equals an event's `301.8` and `301.80000001`, whatever their JSON spelling.
 */
import { NUMERIC_LIMIT } from './limits';

const SIX_DIGITS = 1e6;

/**
 * Maps a number onto the integer scale EventBridge compares on: shift by 5e9 so nothing is
 * negative, scale by 1e6, drop what is left after the sixth decimal. The float operations are the
 * ones the event bus's engine performs, so ties and roundings fall the same way. Returns NaN for
 * a value outside +/-5e9 (or not finite): such a value takes part in no numeric comparison.
 */
export function comparableNumber(value: number): number {
  if (!(value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT)) return Number.NaN;
  return Math.floor(SIX_DIGITS * (NUMERIC_LIMIT + value));
}

/** True when `value` can take part in numeric matching. */
export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}
