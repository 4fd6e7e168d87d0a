/**
 * AWS's cron: six fields, `Minutes Hours Day-of-month Month Day-of-week Year`, as the EventBridge
 * and EventBridge Scheduler guides define them:
 *
 * | field        | values            | wildcards       |
 * | ------------ | ----------------- | --------------- |
 * | Minutes      | 0-59              | , - * /         |
 * | Hours        | 0-23              | , - * /         |
 * | Day-of-month | 1-31              | , - * ? / L W   |
 * | Month        | 1-12 or JAN-DEC   | , - * /         |
 * | Day-of-week  | 1-7 or SUN-SAT    | , - * ? L #     |
 * | Year         | 1970-2199         | , - * /         |
 *
 * One of Day-of-month and Day-of-week must be `?` (not both, not neither). `L` is the last day of
 * the month, or in Day-of-week Saturday, or with a day (`6L`, `FRIL`) the last such day of the
 * month; `15W` the weekday nearest the 15th within the month (`LW` the last weekday); `3#2` the
 * second Tuesday. A range may wrap (`FRI-MON`, `22-2`).
 */

/** Why a cron expression is not valid (for people; AWS's own message says only "not valid"). */
export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
}

/** A parsed day-of-month field. */
type DayOfMonth = { kind: 'any' } | { kind: 'none' } | { kind: 'set'; days: Set<number> } | { kind: 'last' } | { kind: 'lastWeekday' } | { kind: 'nearestWeekday'; day: number };
/** A parsed day-of-week field. */
type DayOfWeek = { kind: 'any' } | { kind: 'none' } | { kind: 'set'; days: Set<number> } | { kind: 'lastOfMonth'; weekday: number } | { kind: 'nth'; weekday: number; nth: number };

/** A parsed cron expression. */
export interface CronSpec {
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonth;
  months: readonly number[];
  dayOfWeek: DayOfWeek;
  years: readonly number[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  wrap: boolean;
  step: boolean;
}

const FIELDS: Record<'minutes' | 'hours' | 'dayOfMonth' | 'months' | 'dayOfWeek' | 'years', FieldRule> = {
  minutes: { name: 'Minutes', min: 0, max: 59, wrap: true, step: true },
  hours: { name: 'Hours', min: 0, max: 23, wrap: true, step: true },
  dayOfMonth: { name: 'Day-of-month', min: 1, max: 31, wrap: true, step: true },
  months: { name: 'Month', min: 1, max: 12, names: MONTHS, wrap: true, step: true },
  dayOfWeek: { name: 'Day-of-week', min: 1, max: 7, names: DAYS, wrap: true, step: false },
  years: { name: 'Year', min: 1970, max: 2199, wrap: false, step: true },
};

function number(text: string, rule: FieldRule): number {
  const upper = text.toUpperCase();
  const byName = rule.names?.indexOf(upper) ?? -1;
  if (byName >= 0) return byName + 1;
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`${rule.name}: "${text}" is not a value`);
  const value = Number(text);
  if (value < rule.min || value > rule.max) throw new CronSyntaxError(`${rule.name}: ${value} is outside ${rule.min}-${rule.max}`);
  return value;
}

function range(from: number, to: number, step: number, rule: FieldRule): number[] {
  const values: number[] = [];
  if (from <= to) {
    for (let v = from; v <= to; v += step) values.push(v);
  } else {
    if (!rule.wrap) throw new CronSyntaxError(`${rule.name}: the range ${from}-${to} runs backwards`);
    const span = rule.max - rule.min + 1;
    for (let i = 0; i <= (to - from + span) % span; i += step) values.push(((from - rule.min + i) % span) + rule.min);
  }
  return values;
}

/** Parses a field made of `,`-separated `*`, `n`, `a-b`, with `/step` where the field allows it. */
function parseList(text: string, rule: FieldRule): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronSyntaxError(`${rule.name}: empty item in "${text}"`);
    const [base, stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`${rule.name}: "${item}" has two steps`);
    let step = 1;
    if (stepText !== undefined) {
      if (!rule.step) throw new CronSyntaxError(`${rule.name} does not allow steps ("${item}")`);
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > rule.max - rule.min) {
        throw new CronSyntaxError(`${rule.name}: the step of "${item}" must be from 1 to ${rule.max - rule.min}`);
      }
      step = Number(stepText);
    }
    if (base === '*') {
      for (const v of range(rule.min, rule.max, step, rule)) values.add(v);
    } else if (base?.includes('-')) {
      const [from, to, more] = base.split('-');
      if (more !== undefined || !from || !to) throw new CronSyntaxError(`${rule.name}: "${item}" is not a range`);
      for (const v of range(number(from, rule), number(to, rule), step, rule)) values.add(v);
    } else {
      const start = number(base as string, rule);
      for (const v of stepText === undefined ? [start] : range(start, rule.max, step, rule)) values.add(v);
    }
  }
  return [...values].sort((a, b) => a - b);
}

function parseDayOfMonth(text: string): DayOfMonth {
  const rule = FIELDS.dayOfMonth;
  if (text === '?') return { kind: 'none' };
  if (text === '*') return { kind: 'any' };
  const upper = text.toUpperCase();
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const nearest = /^(\d+)W$/i.exec(text);
  if (nearest) return { kind: 'nearestWeekday', day: number(nearest[1] as string, rule) };
  if (/[LW#]/i.test(text)) throw new CronSyntaxError(`Day-of-month: "${text}": L, LW and nW stand alone`);
  return { kind: 'set', days: new Set(parseList(text, rule)) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  const rule = FIELDS.dayOfWeek;
  if (text === '?') return { kind: 'none' };
  if (text === '*') return { kind: 'any' };
  const upper = text.toUpperCase();
  if (upper === 'L') return { kind: 'set', days: new Set([7]) };
  const last = /^([A-Z]{3}|\d)L$/.exec(upper);
  if (last) return { kind: 'lastOfMonth', weekday: number(last[1] as string, rule) };
  const nth = /^([A-Z]{3}|\d)#(\d)$/.exec(upper);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new CronSyntaxError(`Day-of-week: "${text}": the occurrence after # must be from 1 to 5`);
    return { kind: 'nth', weekday: number(nth[1] as string, rule), nth: n };
  }
  // No day name contains L or #, so any left here is misplaced.
  if (/[L#]/.test(upper)) throw new CronSyntaxError(`Day-of-week: "${text}": L and # stand alone`);
  return { kind: 'set', days: new Set(parseList(text, rule)) };
}

/** Parses the six fields of `cron(...)`; throws {@link CronSyntaxError} saying what is wrong. */
export function parseCron(fields: string): CronSpec {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6) throw new CronSyntaxError(`A cron expression has 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), not ${parts.length}`);
  const [minutes, hours, dom, months, dow, years] = parts as [string, string, string, string, string, string];
  if (minutes === '?' || hours === '?' || months === '?' || years === '?') throw new CronSyntaxError('Only Day-of-month and Day-of-week may be "?"');
  const spec: CronSpec = {
    minutes: parseList(minutes, FIELDS.minutes),
    hours: parseList(hours, FIELDS.hours),
    dayOfMonth: parseDayOfMonth(dom),
    months: parseList(months, FIELDS.months),
    dayOfWeek: parseDayOfWeek(dow),
    years: parseList(years, FIELDS.years),
  };
  const domNone = spec.dayOfMonth.kind === 'none';
  const dowNone = spec.dayOfWeek.kind === 'none';
  if (domNone === dowNone) throw new CronSyntaxError('One of Day-of-month and Day-of-week must be "?", and only one');
  return spec;
}

/** The days of a month that a spec selects, ascending. */
export function daysOfMonth(spec: CronSpec, year: number, month: number): number[] {
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = (day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  const all = Array.from({ length }, (_, i) => i + 1);
  const dom = spec.dayOfMonth;
  if (dom.kind !== 'none') {
    switch (dom.kind) {
      case 'any':
        return all;
      case 'set':
        return all.filter((d) => dom.days.has(d));
      case 'last':
        return [length];
      case 'lastWeekday': {
        let d = length;
        while (weekday(d) === 1 || weekday(d) === 7) d--;
        return [d];
      }
      case 'nearestWeekday': {
        if (dom.day > length) return [];
        const w = weekday(dom.day);
        if (w === 7) return [dom.day === 1 ? 3 : dom.day - 1];
        if (w === 1) return [dom.day === length ? dom.day - 2 : dom.day + 1];
        return [dom.day];
      }
    }
  }
  const dow = spec.dayOfWeek;
  switch (dow.kind) {
    case 'any':
      return all;
    case 'set':
      return all.filter((d) => dow.days.has(weekday(d)));
    case 'lastOfMonth': {
      const matching = all.filter((d) => weekday(d) === dow.weekday);
      return [matching[matching.length - 1] as number];
    }
    case 'nth': {
      const matching = all.filter((d) => weekday(d) === dow.weekday);
      return matching.length >= dow.nth ? [matching[dow.nth - 1] as number] : [];
    }
    default:
      return [];
  }
}
