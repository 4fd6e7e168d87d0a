/** The runner on a manual clock: schedules fire when due, not when disabled, and fireNow fires at once. */
import { ManualClock } from '@onboarding/local-aws-core/testing';
import { InvalidScheduleExpressionError, InvalidTimeZoneError, ScheduleNotFoundError, ScheduleRunner, type ScheduleFiring } from '../src';

const T0 = Date.UTC(2026, 0, 1);

function setup(onFire?: (f: ScheduleFiring) => void | Promise<void>) {
  const clock = new ManualClock(T0);
  const fired: ScheduleFiring[] = [];
  const errors: unknown[] = [];
  const runner = new ScheduleRunner({
    clock,
    onFire: async (f) => {
      fired.push(f);
      await onFire?.(f);
    },
    onError: (e) => errors.push(e),
  });
  const times = () => fired.map((f) => `${new Date(f.scheduledTime).toISOString().slice(11, 16)}${f.manual ? ' (now)' : ''}`);
  return { clock, runner, fired, errors, times };
}

describe('ScheduleRunner', () => {
  it('fires a rate rule every period from its creation', () => {
    const { clock, runner, times } = setup();
    runner.put({ name: 'rule/default/every-5', expression: 'rate(5 minutes)', flavour: 'rule' });

    clock.advance(16 * 60_000);

    expect(times()).toEqual(['00:05', '00:10', '00:15']);
    expect(runner.get('rule/default/every-5')?.nextFireTime?.toISOString()).toBe('2026-01-01T00:20:00.000Z');
  });

  it('fires a cron schedule in its time zone', () => {
    const { clock, runner, fired } = setup();
    runner.put({ name: 'schedule/default/morning', expression: 'cron(0 9 * * ? *)', flavour: 'scheduler', timeZone: 'Europe/Berlin' });

    clock.advance(86_400_000);

    expect(fired.map((f) => f.scheduledTime.toISOString())).toEqual(['2026-01-01T08:00:00.000Z']);
  });

  it('does not fire a disabled schedule, and fires it again once enabled', () => {
    const { clock, runner, times } = setup();
    runner.put({ name: 'r', expression: 'rate(1 minute)', flavour: 'rule', enabled: false });

    clock.advance(3 * 60_000);
    const whileDisabled = times().length;
    runner.setEnabled('r', true);
    clock.advance(60_000);

    expect(whileDisabled).toBe(0);
    expect(times()).toEqual(['00:04']);
  });

  it('fires now on demand without moving the next fire time, even when disabled', async () => {
    const { clock, runner, times } = setup();
    runner.put({ name: 'r', expression: 'rate(1 hour)', flavour: 'rule', enabled: false });
    clock.advance(10 * 60_000);

    await runner.fireNow('r');

    expect(times()).toEqual(['00:10 (now)']);
    expect(runner.get('r')?.nextFireTime?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    await expect(runner.fireNow('missing')).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('fires a one-time schedule once, and deletes it after when asked', () => {
    const { clock, runner, times } = setup();
    runner.put({ name: 'once', expression: 'at(2026-01-01T00:30:00)', flavour: 'scheduler', actionAfterCompletion: 'DELETE' });

    clock.advance(3600_000);

    expect(times()).toEqual(['00:30']);
    expect(runner.get('once')).toBeUndefined();
  });

  it('keeps firing after onFire fails, reporting each failure', () => {
    const { clock, runner, errors, times } = setup(() => {
      throw new Error('target down');
    });
    runner.put({ name: 'r', expression: 'rate(1 minute)', flavour: 'rule' });

    clock.advance(2 * 60_000);

    return Promise.resolve().then(() => {
      expect(times()).toEqual(['00:01', '00:02']);
      expect(errors).toHaveLength(2);
    });
  });

  it('refuses a bad expression or time zone and keeps the schedule it had', () => {
    const { runner } = setup();
    runner.put({ name: 'r', expression: 'rate(1 hour)', flavour: 'rule' });

    expect(() => runner.put({ name: 'r', expression: 'rate(1 hours)', flavour: 'rule' })).toThrow(InvalidScheduleExpressionError);
    expect(() => runner.put({ name: 'r', expression: 'rate(1 hour)', flavour: 'scheduler', timeZone: 'Mars/Olympus' })).toThrow(InvalidTimeZoneError);
    expect(runner.get('r')?.expression).toBe('rate(1 hour)');
  });

  it('replaces a schedule, and stops firing when removed or stopped', () => {
    const { clock, runner, times } = setup();
    runner.put({ name: 'r', expression: 'rate(1 minute)', flavour: 'rule' });
    runner.put({ name: 'r', expression: 'rate(10 minutes)', flavour: 'rule' });
    runner.put({ name: 'other', expression: 'rate(1 minute)', flavour: 'rule' });

    clock.advance(10 * 60_000);
    runner.remove('r');
    runner.stop();
    clock.advance(60 * 60_000);

    expect(times().filter((t) => t === '00:10')).toHaveLength(2);
    expect(times()).toHaveLength(11);
  });
});
