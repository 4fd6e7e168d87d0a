/**
 * Schedule expressions, as each API accepts them:
 * - EventBridge rules (PutRule, `AWS::Events::Rule`): `rate(value unit)` with a positive integer
 *   and `minute`/`minutes`, `hour`/`hours`, `day`/`days` (singular exactly when the value is 1),
 *   and `cron(...)`, always in UTC.
 * - EventBridge Scheduler (CreateSchedule, `AWS::Scheduler::Schedule`): `at(yyyy-mm-ddThh:mm:ss)`,
 *   `rate(...)` (either unit form) and `cron(...)`, evaluated in `ScheduleExpressionTimezone`
 *   (default UTC), between `StartDate` and `EndDate`.
 * {@link nextFireTime} computes when one fires next, with AWS's daylight-saving rules for
 * Scheduler: a local time skipped by spring-forward does not fire, a repeated one fires once, and
 * `rate(n days)` means n times 24 hours.
 */
import { CronSyntaxError, daysOfMonth, parseCron, type CronSpec } from './cron';
import { InvalidScheduleExpressionError, InvalidTimeZoneError, type ScheduleFlavour } from './errors';
import { instantsOf, isValidTimeZone, wallClock } from './time-zone';

/** A parsed schedule expression. */
export type ScheduleExpression =
  | { type: 'rate'; expression: string; value: number; unit: 'minute' | 'hour' | 'day'; periodMs: number }
  | { type: 'cron'; expression: string; cron: CronSpec }
  | { type: 'at'; expression: string; local: { year: number; month: number; day: number; hour: number; minute: number; second: number } };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Parses and validates an expression for `flavour`; throws {@link InvalidScheduleExpressionError}. */
export function parseScheduleExpression(expression: string, flavour: ScheduleFlavour): ScheduleExpression {
  const fail = (reason: string): never => {
    throw new InvalidScheduleExpressionError(expression, flavour, reason);
  };
  if (typeof expression !== 'string' || expression.length === 0 || expression.length > 256) fail('An expression is 1 to 256 characters');
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) {
    const match = /^([1-9]\d*) (minute|minutes|hour|hours|day|days)$/.exec(rate[1] as string);
    if (!match) return fail('rate(value unit): a positive integer and minute(s), hour(s) or day(s)');
    const value = Number(match[1]);
    const unitText = match[2] as string;
    const plural = unitText.endsWith('s');
    if (flavour === 'rule' && plural !== value > 1) fail(value === 1 ? 'rate(1 ...) takes a singular unit: minute, hour or day' : `rate(${value} ...) takes a plural unit: minutes, hours or days`);
    if (!Number.isSafeInteger(value)) fail('The rate value is too large');
    const unit = unitText.replace(/s$/, '') as 'minute' | 'hour' | 'day';
    return { type: 'rate', expression, value, unit, periodMs: value * UNIT_MS[unit] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    if (/^\s|\s$/.test(cron[1] as string)) fail('No space after "cron(" or before ")"');
    try {
      return { type: 'cron', expression, cron: parseCron(cron[1] as string) };
    } catch (error) {
      if (error instanceof CronSyntaxError) fail(error.message);
      throw error;
    }
  }
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    if (flavour === 'rule') fail('EventBridge rules take rate() and cron() only; at() is EventBridge Scheduler\'s');
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) fail('at(): not a calendar date and time');
    return { type: 'at', expression, local: { year, month, day, hour, minute, second } };
  }
  return fail(flavour === 'rule' ? 'An expression is rate(...) or cron(...)' : 'An expression is at(...), rate(...) or cron(...)');
}

/** Where a schedule's expression is evaluated. */
export interface FireTimeOptions {
  /** IANA time zone (Scheduler's ScheduleExpressionTimezone). @default 'UTC' */
  timeZone?: string;
  /** When the schedule or rule was created: a rate counts from it (or from `startDate`). */
  createdAt: number | Date;
  /** Scheduler's StartDate: nothing fires before it; a rate counts from it. */
  startDate?: number | Date;
  /** Scheduler's EndDate: nothing fires at or after it. */
  endDate?: number | Date;
  /** `rule` rates first fire one period after creation; Scheduler rates at the start. @default 'scheduler' */
  flavour?: ScheduleFlavour;
}

const ms = (d: number | Date | undefined) => (d === undefined ? undefined : typeof d === 'number' ? d : d.getTime());

/** Validates a Scheduler time zone; throws {@link InvalidTimeZoneError}. */
export function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new InvalidTimeZoneError(timeZone);
}

function nextCron(spec: CronSpec, after: number, timeZone: string): number | undefined {
  const start = wallClock(after, timeZone);
  for (const year of spec.years) {
    if (year < start.year) continue;
    for (const month of spec.months) {
      if (year === start.year && month < start.month) continue;
      for (const day of daysOfMonth(spec, year, month)) {
        if (year === start.year && month === start.month && day < start.day) continue;
        for (const hour of spec.hours) {
          for (const minute of spec.minutes) {
            // Skip local times before `after` cheaply; exact comparison is on instants below.
            const sameDay = year === start.year && month === start.month && day === start.day;
            if (sameDay && (hour < start.hour || (hour === start.hour && minute < start.minute))) continue;
            const instants = instantsOf(year, month, day, hour, minute, timeZone);
            // A fall-back overlap repeats a local time: AWS fires it once, at its first occurrence.
            const first = instants[0];
            if (first !== undefined && first > after) return first;
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * When a schedule fires next, strictly after `after` (epoch ms); undefined when it never does
 * again (an `at` in the past, past the EndDate, a cron's last year).
 */
export function nextFireTime(schedule: ScheduleExpression, after: number | Date, options: FireTimeOptions): Date | undefined {
  const timeZone = options.timeZone ?? 'UTC';
  const from = ms(after) as number;
  const startDate = ms(options.startDate);
  const endDate = ms(options.endDate);
  let next: number | undefined;
  switch (schedule.type) {
    case 'at': {
      const { year, month, day, hour, minute, second } = schedule.local;
      const instant = instantsOf(year, month, day, hour, minute, timeZone)[0];
      // StartDate and EndDate do not apply to one-time schedules.
      const at = instant === undefined ? undefined : instant + second * 1000;
      return at !== undefined && at > from ? new Date(at) : undefined;
    }
    case 'rate': {
      const anchor = startDate ?? (ms(options.createdAt) as number);
      const firstIndex = options.flavour === 'rule' ? 1 : 0;
      const k = Math.max(firstIndex, Math.floor((from - anchor) / schedule.periodMs) + 1);
      next = anchor + k * schedule.periodMs;
      break;
    }
    case 'cron':
      next = nextCron(schedule.cron, startDate !== undefined && startDate > from ? startDate - 1 : from, timeZone);
      break;
  }
  if (next === undefined || (endDate !== undefined && next >= endDate)) return undefined;
  return new Date(next);
}

/** The next `count` fire times after `after`, as a console shows them. */
export function nextFireTimes(schedule: ScheduleExpression, after: number | Date, count: number, options: FireTimeOptions): Date[] {
  const times: Date[] = [];
  let cursor = ms(after) as number;
  while (times.length < count) {
    const next = nextFireTime(schedule, cursor, options);
    if (!next) break;
    times.push(next);
    cursor = next.getTime();
  }
  return times;
}
