/**
 * Schedule expressions, pinned by the examples of the EventBridge and EventBridge Scheduler guides
 * (the cron and rate tables, with their stated meaning), by expressions AWS is reported to accept
 * or refuse, and by Scheduler's daylight-saving rules.
 */
import { InvalidScheduleExpressionError, nextFireTimes, parseScheduleExpression, type FireTimeOptions, type ScheduleFlavour } from '../src';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(':00.000Z', 'Z'));

/** The next fire times of a rule (UTC) after 2026-01-01T00:00Z, a Thursday. */
function next(expression: string, count: number, options: Partial<FireTimeOptions> & { after?: string; flavour?: ScheduleFlavour } = {}) {
  const flavour = options.flavour ?? 'rule';
  const after = Date.parse(options.after ?? '2026-01-01T00:00:00Z');
  return iso(nextFireTimes(parseScheduleExpression(expression, flavour), after, count, { createdAt: after, ...options, flavour }));
}

describe('cron expressions of the EventBridge guide', () => {
  it.each([
    ['cron(0 10 * * ? *)', 'at 10:00 every day', ['2026-01-01T10:00Z', '2026-01-02T10:00Z']],
    ['cron(15 12 * * ? *)', 'at 12:15 every day', ['2026-01-01T12:15Z', '2026-01-02T12:15Z']],
    ['cron(0 18 ? * MON-FRI *)', 'at 18:00 Monday to Friday', ['2026-01-01T18:00Z', '2026-01-02T18:00Z', '2026-01-05T18:00Z']],
    ['cron(0 8 1 * ? *)', 'at 8:00 on the first day of the month', ['2026-01-01T08:00Z', '2026-02-01T08:00Z', '2026-03-01T08:00Z']],
    ['cron(0/15 * * * ? *)', 'every 15 minutes', ['2026-01-01T00:15Z', '2026-01-01T00:30Z', '2026-01-01T00:45Z', '2026-01-01T01:00Z']],
    ['cron(0/10 * ? * MON-FRI *)', 'every 10 minutes Monday to Friday', ['2026-01-01T00:10Z', '2026-01-01T00:20Z']],
    ['cron(0 9 ? * 2#1 *)', 'at 9:00 on the first Monday of the month', ['2026-01-05T09:00Z', '2026-02-02T09:00Z', '2026-03-02T09:00Z']],
  ])('%s fires %s', (expression, _meaning, expected) => {
    expect(next(expression, expected.length)).toEqual(expected);
  });

  it('cron(0/5 8-17 ? * MON-FRI *) fires every 5 minutes between 8:00 and 17:55 on weekdays', () => {
    const friday = next('cron(0/5 8-17 ? * MON-FRI *)', 121, { after: '2026-01-02T07:59:00Z' });

    expect(friday[0]).toBe('2026-01-02T08:00Z');
    expect(friday[119]).toBe('2026-01-02T17:55Z');
    expect(friday[120]).toBe('2026-01-05T08:00Z');
  });
});

describe('the special characters of AWS cron', () => {
  it.each([
    ['cron(0 0 L * ? *)', 'the last day of the month', ['2026-01-31T00:00Z', '2026-02-28T00:00Z', '2026-03-31T00:00Z']],
    ['cron(0 0 LW * ? *)', 'the last weekday of the month', ['2026-01-30T00:00Z', '2026-02-27T00:00Z']],
    ['cron(0 0 15W * ? *)', 'the weekday nearest the 15th', ['2026-01-15T00:00Z', '2026-02-16T00:00Z', '2026-03-16T00:00Z']],
    ['cron(0 0 1W 8 ? 2026)', 'the weekday nearest a Saturday 1st, in the month', ['2026-08-03T00:00Z']],
    ['cron(0 0 ? * 6L *)', 'the last Friday of the month', ['2026-01-30T00:00Z', '2026-02-27T00:00Z']],
    ['cron(0 0 ? * FRIL *)', 'the last Friday, by name', ['2026-01-30T00:00Z']],
    ['cron(0 0 ? * L *)', 'Saturdays', ['2026-01-03T00:00Z', '2026-01-10T00:00Z']],
    ['cron(0 0 ? * 3#2 *)', 'the second Tuesday', ['2026-01-13T00:00Z', '2026-02-10T00:00Z']],
    ['cron(0 0 ? * FRI-MON *)', 'a wrapping range of days', ['2026-01-02T00:00Z', '2026-01-03T00:00Z', '2026-01-04T00:00Z', '2026-01-05T00:00Z', '2026-01-09T00:00Z']],
    ['cron(0 22-1 1 * ? *)', 'a wrapping range of hours', ['2026-01-01T00:00Z', '2026-01-01T01:00Z', '2026-01-01T22:00Z', '2026-01-01T23:00Z', '2026-02-01T00:00Z']],
    ['cron(0 0 1 jan,jul ? *)', 'month names in any case', ['2026-01-01T00:00Z', '2026-07-01T00:00Z', '2027-01-01T00:00Z']],
    ['cron(0 0 1 1 ? 2028-2030)', 'a range of years', ['2028-01-01T00:00Z', '2029-01-01T00:00Z', '2030-01-01T00:00Z']],
    ['cron(*/20 0 1 1 ? 2027)', 'a step from *', ['2027-01-01T00:00Z', '2027-01-01T00:20Z', '2027-01-01T00:40Z']],
    ['cron(0 0 29 2 ? *)', 'a leap day', ['2028-02-29T00:00Z', '2032-02-29T00:00Z']],
  ])('%s fires on %s', (expression, _meaning, expected) => {
    expect(next(expression, expected.length, { after: '2025-12-31T23:59:00Z' })).toEqual(expected);
  });

  it('stops after the last year it names', () => {
    expect(next('cron(0 0 1 1 ? 2027)', 3)).toEqual(['2027-01-01T00:00Z']);
  });
});

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', ['2026-01-01T00:01Z', '2026-01-01T00:02Z']],
    ['rate(5 minutes)', ['2026-01-01T00:05Z', '2026-01-01T00:10Z']],
    ['rate(1 hour)', ['2026-01-01T01:00Z']],
    ['rate(12 hours)', ['2026-01-01T12:00Z', '2026-01-02T00:00Z']],
    ['rate(1 day)', ['2026-01-02T00:00Z']],
    ['rate(7 days)', ['2026-01-08T00:00Z']],
  ])('a rule with %s fires one period after its creation, then every period', (expression, expected) => {
    expect(next(expression, expected.length)).toEqual(expected);
  });

  it('a Scheduler rate fires at its StartDate, then every period', () => {
    expect(next('rate(30 minutes)', 3, { flavour: 'scheduler', startDate: Date.parse('2026-01-01T06:00:00Z') })).toEqual(['2026-01-01T06:00Z', '2026-01-01T06:30Z', '2026-01-01T07:00Z']);
  });

  it('a Scheduler rate of days is 24 hours, whatever daylight saving does', () => {
    const times = next('rate(1 day)', 2, { flavour: 'scheduler', timeZone: 'America/New_York', startDate: Date.parse('2026-03-07T14:00:00Z'), after: '2026-03-07T00:00:00Z' });

    expect(times).toEqual(['2026-03-07T14:00Z', '2026-03-08T14:00Z']);
  });

  it('nothing fires at or after the EndDate', () => {
    expect(next('rate(1 hour)', 5, { flavour: 'scheduler', after: '2025-12-31T23:00:00Z', startDate: Date.parse('2026-01-01T00:00:00Z'), endDate: Date.parse('2026-01-01T02:00:00Z') })).toEqual(['2026-01-01T00:00Z', '2026-01-01T01:00Z']);
  });
});

describe('EventBridge Scheduler time zones and one-time schedules', () => {
  it('evaluates a cron in its time zone', () => {
    expect(next('cron(0 9 * * ? *)', 2, { flavour: 'scheduler', timeZone: 'Asia/Tokyo', after: '2025-12-31T23:00:00Z' })).toEqual(['2026-01-01T00:00Z', '2026-01-02T00:00Z']);
  });

  it('skips a local time that spring-forward removes', () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 EST jumps to 03:00 EDT).
    const times = next('cron(30 2 * * ? *)', 3, { flavour: 'scheduler', timeZone: 'America/New_York', after: '2026-03-07T00:00:00Z' });

    expect(times).toEqual(['2026-03-07T07:30Z', '2026-03-09T06:30Z', '2026-03-10T06:30Z']);
  });

  it('fires once at a local time that fall-back repeats', () => {
    // 2026-11-01 01:30 happens twice in New York: 05:30Z (EDT) and 06:30Z (EST).
    const times = next('cron(30 1 * * ? *)', 2, { flavour: 'scheduler', timeZone: 'America/New_York', after: '2026-11-01T00:00:00Z' });

    expect(times).toEqual(['2026-11-01T05:30Z', '2026-11-02T06:30Z']);
  });

  it('fires every minute through a fall-back hour without repeating it', () => {
    const times = next('cron(* * * * ? *)', 3, { flavour: 'scheduler', timeZone: 'America/New_York', after: '2026-11-01T05:58:00Z' });

    expect(times).toEqual(['2026-11-01T05:59Z', '2026-11-01T07:00Z', '2026-11-01T07:01Z']);
  });

  it('fires an at() once, at its local time, and never before creation time matters', () => {
    expect(next('at(2026-03-01T09:00:00)', 3, { flavour: 'scheduler', timeZone: 'Europe/Paris' })).toEqual(['2026-03-01T08:00Z']);
    expect(next('at(2025-12-31T23:59:00)', 1, { flavour: 'scheduler' })).toEqual([]);
  });
});

describe('expressions AWS refuses', () => {
  it.each([
    ['cron(7 20 * * 1-7 *)', 'rule', /must be "\?"/],
    ['cron(0 12 ? * ? *)', 'rule', /must be "\?"/],
    ['cron(*/60 * * * ? *)', 'rule', /step/],
    ['cron(15 12 ? * -1 *)', 'rule', /not a range|not a value/],
    ['cron(0/10 * ? * *)', 'rule', /6 fields/],
    ['cron(*/1 * * * *)', 'rule', /6 fields/],
    ['cron(60 * * * ? *)', 'rule', /outside 0-59/],
    ['cron(0 24 * * ? *)', 'rule', /outside 0-23/],
    ['cron(0 0 32 * ? *)', 'rule', /outside 1-31/],
    ['cron(0 0 ? * 8 *)', 'rule', /outside 1-7/],
    ['cron(0 0 1 1 ? 2200)', 'rule', /outside 1970-2199/],
    ['cron(0 0 ? * MON/2 *)', 'rule', /does not allow steps/],
    ['cron(0 0 ? * 2#6 *)', 'rule', /from 1 to 5/],
    ['cron(0 0 1,L * ? *)', 'rule', /stand alone/],
    ['cron(0 0 1 1 ? 2030-2028)', 'rule', /backwards/],
    ['cron( 0 0 * * ? *)', 'rule', /space/],
    ['rate(1 minutes)', 'rule', /singular/],
    ['rate(5 minute)', 'rule', /plural/],
    ['rate(0 minutes)', 'rule', /positive integer/],
    ['rate(-5 minutes)', 'rule', /positive integer/],
    ['rate(5 seconds)', 'rule', /minute/],
    ['rate(1.5 hours)', 'rule', /positive integer/],
    ['rate(5  minutes)', 'rule', /positive integer/],
    ['at(2026-01-01T10:00:00)', 'rule', /at\(\) is EventBridge Scheduler/],
    ['at(2026-02-30T10:00:00)', 'scheduler', /calendar/],
    ['at(2026-01-01 10:00:00)', 'scheduler', /at\(\.\.\.\), rate/],
    ['every 5 minutes', 'rule', /rate\(\.\.\.\) or cron/],
  ] as const)('%s (%s)', (expression, flavour, reason) => {
    let error: unknown;
    try {
      parseScheduleExpression(expression, flavour);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(InvalidScheduleExpressionError);
    expect(error).toMatchObject({ code: 'ValidationException', statusCode: 400, reason: expect.stringMatching(reason) });
    expect((error as Error).message).toBe(flavour === 'rule' ? 'Parameter ScheduleExpression is not valid.' : `Invalid Schedule Expression ${expression}`);
  });

  it.each(['cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)', 'cron(30-30 13-13 ? * 2,4,6 *)', 'cron(1-31/30 1-1 ? * 1,7 *)', 'rate(5 minute)'])('accepts %s for Scheduler, as AWS does', (expression) => {
    expect(() => parseScheduleExpression(expression, 'scheduler')).not.toThrow();
  });
});
