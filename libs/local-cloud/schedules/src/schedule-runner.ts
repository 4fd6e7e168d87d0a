/**
 * A scheduler that fires due schedules on an injectable clock: EventBridge scheduled rules and
 * EventBridge Scheduler schedules alike. What a firing does (put an event on a bus, invoke a
 * target) is the caller's `onFire` port; `fireNow(name)` fires one at once, for people and tests.
 */
import { AwsError, systemClock, type Clock, type TimerHandle } from '@onboarding/local-aws-core';
import type { ScheduleFlavour } from './errors';
import { checkTimeZone, nextFireTime, parseScheduleExpression, type ScheduleExpression } from './schedule-expression';

/** A schedule to run. */
export interface ScheduleDefinition {
  /** Unique among the runner's schedules, e.g. `rule/onboarding/Nightly` or `schedule/default/Reminder`. */
  name: string;
  /** `rate(...)`, `cron(...)` or, for Scheduler, `at(...)`. */
  expression: string;
  /** Which API's rules apply. */
  flavour: ScheduleFlavour;
  /** Scheduler's ScheduleExpressionTimezone. @default 'UTC' */
  timeZone?: string;
  startDate?: Date;
  endDate?: Date;
  /** @default true */
  enabled?: boolean;
  /** Scheduler's ActionAfterCompletion: `DELETE` removes a one-time schedule after it fires. @default 'NONE' */
  actionAfterCompletion?: 'NONE' | 'DELETE';
  /** When it was created (rates count from it). @default the clock's now */
  createdAt?: Date;
}

/** One firing, as `onFire` receives it. */
export interface ScheduleFiring {
  name: string;
  /** The time the schedule was due (the `time` of a scheduled event); now, for `fireNow`. */
  scheduledTime: Date;
  /** True for {@link ScheduleRunner.fireNow}. */
  manual: boolean;
}

/** Options of {@link ScheduleRunner}. */
export interface ScheduleRunnerOptions {
  /** @default systemClock */
  clock?: Clock;
  /** What a firing does. A rejection is reported to `onError` and does not stop the schedule. */
  onFire: (firing: ScheduleFiring) => void | Promise<void>;
  /** @default console.error */
  onError?: (error: unknown, firing: ScheduleFiring) => void;
}

/** A schedule as the runner holds it, with its next fire time. */
export interface ScheduleState extends Required<Pick<ScheduleDefinition, 'name' | 'expression' | 'flavour' | 'timeZone' | 'enabled' | 'actionAfterCompletion' | 'createdAt'>> {
  startDate?: Date;
  endDate?: Date;
  nextFireTime?: Date;
}

interface Entry {
  state: ScheduleState;
  parsed: ScheduleExpression;
  timer?: TimerHandle;
}

/** Fires schedules when they fall due on its clock. */
export class ScheduleRunner {
  private readonly clock: Clock;
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(private readonly options: ScheduleRunnerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Adds or replaces a schedule. A bad expression or time zone throws AWS's ValidationException and changes nothing. */
  put(definition: ScheduleDefinition): ScheduleState {
    const parsed = parseScheduleExpression(definition.expression, definition.flavour);
    const timeZone = definition.timeZone ?? 'UTC';
    if (definition.flavour === 'rule' && timeZone !== 'UTC') throw new TypeError('EventBridge rules run in UTC; a time zone is for Scheduler schedules');
    checkTimeZone(timeZone);
    const previous = this.entries.get(definition.name);
    const state: ScheduleState = {
      name: definition.name,
      expression: definition.expression,
      flavour: definition.flavour,
      timeZone,
      enabled: definition.enabled ?? true,
      actionAfterCompletion: definition.actionAfterCompletion ?? 'NONE',
      createdAt: definition.createdAt ?? previous?.state.createdAt ?? new Date(this.clock.now()),
      ...(definition.startDate ? { startDate: definition.startDate } : {}),
      ...(definition.endDate ? { endDate: definition.endDate } : {}),
    };
    previous?.timer?.cancel();
    const entry: Entry = { state, parsed };
    this.entries.set(definition.name, entry);
    // A new schedule counts from its creation, inclusive (a Scheduler rate without StartDate
    // starts invoking at once); a replaced one from now, so an update does not replay the past.
    this.arm(entry, previous ? this.clock.now() : Math.min(this.clock.now(), state.createdAt.getTime()) - 1);
    return { ...state };
  }

  /** Removes a schedule; false when there was none. */
  remove(name: string): boolean {
    const entry = this.entries.get(name);
    entry?.timer?.cancel();
    return this.entries.delete(name);
  }

  /** Enables or disables a schedule (a disabled one keeps its definition and does not fire). */
  setEnabled(name: string, enabled: boolean): ScheduleState {
    const entry = this.entryOf(name);
    entry.state.enabled = enabled;
    entry.timer?.cancel();
    // From now, exclusive: enabling does not fire what fell due while disabled.
    this.arm(entry, this.clock.now());
    return { ...entry.state };
  }

  get(name: string): ScheduleState | undefined {
    const entry = this.entries.get(name);
    return entry ? { ...entry.state } : undefined;
  }

  list(): ScheduleState[] {
    return [...this.entries.values()].map((e) => ({ ...e.state }));
  }

  /** Fires a schedule now, whether enabled or not, without changing when it fires next. */
  async fireNow(name: string): Promise<void> {
    const entry = this.entryOf(name);
    await this.deliver({ name: entry.state.name, scheduledTime: new Date(this.clock.now()), manual: true });
  }

  /** Cancels every timer; the runner fires nothing afterwards. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) entry.timer?.cancel();
  }

  private entryOf(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new ScheduleNotFoundError(name);
    return entry;
  }

  private arm(entry: Entry, after: number): void {
    const next = nextFireTime(entry.parsed, after, {
      timeZone: entry.state.timeZone,
      createdAt: entry.state.createdAt,
      startDate: entry.state.startDate,
      endDate: entry.state.endDate,
      flavour: entry.state.flavour,
    });
    entry.state.nextFireTime = next;
    if (!next || !entry.state.enabled || this.stopped) return;
    entry.timer = this.clock.setTimer(next.getTime() - this.clock.now(), () => {
      if (this.entries.get(entry.state.name) !== entry || !entry.state.enabled) return;
      void this.deliver({ name: entry.state.name, scheduledTime: next, manual: false });
      if (entry.parsed.type === 'at' && entry.state.actionAfterCompletion === 'DELETE') {
        this.entries.delete(entry.state.name);
        return;
      }
      // From the later of the due time and now: a clock that jumped (a suspended laptop) does not
      // replay every missed firing, as AWS does not back-fill either.
      this.arm(entry, Math.max(next.getTime(), this.clock.now()));
    });
  }

  private async deliver(firing: ScheduleFiring): Promise<void> {
    try {
      await this.options.onFire(firing);
    } catch (error) {
      (this.options.onError ?? ((e: unknown) => console.error(`Schedule ${firing.name} failed to fire:`, e)))(error, firing);
      if (firing.manual) throw error;
    }
  }
}

/** The runner has no schedule of that name: Scheduler's ResourceNotFoundException. */
export class ScheduleNotFoundError extends AwsError {
  constructor(readonly scheduleName: string) {
    super('ResourceNotFoundException', `Schedule ${scheduleName} does not exist.`, { statusCode: 404 });
  }
}
