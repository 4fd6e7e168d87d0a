/**
 * Wall-clock time in an IANA time zone, with Node's ICU: the local fields of an instant, and the
 * instants of a local time (none in a spring-forward gap, two in a fall-back overlap).
 */

/** Local calendar fields; `weekday` is 1 = Sunday ... 7 = Saturday, as in AWS cron. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 1, Mon: 2, Tue: 3, Wed: 4, Thu: 5, Fri: 6, Sat: 7 };

/** Whether Node knows the IANA time zone `timeZone`. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` (epoch ms) in `timeZone`. */
export function wallClock(instant: number, timeZone = 'UTC'): WallClock {
  if (timeZone === 'UTC') {
    const d = new Date(instant);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() + 1 };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    weekday: WEEKDAYS[parts['weekday'] as string] as number,
  };
}

/** The zone's offset from UTC at `instant`, in ms (local minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instants (ascending) at which the wall clock of `timeZone` shows this local time: one
 * normally, none in a spring-forward gap, two in a fall-back overlap.
 */
export function instantsOf(year: number, month: number, day: number, hour: number, minute: number, timeZone = 'UTC'): number[] {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  if (timeZone === 'UTC') return [local];
  const offsets = new Set([offsetAt(local - 86_400_000, timeZone), offsetAt(local, timeZone), offsetAt(local + 86_400_000, timeZone)]);
  const instants: number[] = [];
  for (const offset of offsets) {
    const candidate = local - offset;
    const w = wallClock(candidate, timeZone);
    if (w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute && !instants.includes(candidate)) instants.push(candidate);
  }
  return instants.sort((a, b) => a - b);
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weekday (1 = Sunday) of a calendar date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}
