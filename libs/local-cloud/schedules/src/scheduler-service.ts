/**
 * EventBridge Scheduler's schedule API (CreateSchedule, GetSchedule, UpdateSchedule,
 * DeleteSchedule, ListSchedules) over a {@link ScheduleRunner}: the schedules that `aws scheduler`
 * and the SDK create fire on the runner's clock, and each firing is handed to the `invoke` port
 * with its target, as Scheduler would call the target's API.
 */
import { AwsError, decodePageToken, encodePageToken, systemClock, type Clock } from '@onboarding/local-aws-core';
import { parseScheduleExpression, checkTimeZone } from './schedule-expression';
import { ScheduleRunner } from './schedule-runner';

/** A schedule's target, as the API carries it (only Arn and RoleArn are required). */
export interface ScheduleTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  [parameters: string]: unknown;
}

/** The input of CreateSchedule / UpdateSchedule. */
export interface ScheduleInput {
  Name: string;
  GroupName?: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartDate?: Date;
  EndDate?: Date;
  Description?: string;
  State?: 'ENABLED' | 'DISABLED';
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  Target: ScheduleTarget;
  ActionAfterCompletion?: 'NONE' | 'DELETE';
  KmsKeyArn?: string;
}

/** A stored schedule, as GetSchedule answers it. */
export interface Schedule extends Omit<ScheduleInput, 'GroupName'> {
  Arn: string;
  GroupName: string;
  CreationDate: Date;
  LastModificationDate: Date;
  State: 'ENABLED' | 'DISABLED';
}

/** A schedule as ListSchedules answers it. */
export type ScheduleSummary = Pick<Schedule, 'Arn' | 'Name' | 'GroupName' | 'State' | 'CreationDate' | 'LastModificationDate'> & { Target: { Arn: string } };

/** One invocation of a target, for the `invoke` port. */
export interface ScheduledInvocation {
  schedule: Schedule;
  /** When it was due (or now, for fireNow). */
  scheduledTime: Date;
  manual: boolean;
}

/** Options of {@link SchedulerService}. */
export interface SchedulerServiceOptions {
  /** Calls the target (put an event, start an execution, invoke a function, send to a queue...). */
  invoke: (invocation: ScheduledInvocation) => void | Promise<void>;
  /** @default systemClock */
  clock?: Clock;
  /** @default '000000000000' */
  accountId?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** Called when an invocation fails (Scheduler would retry, then dead-letter). @default console.error */
  onError?: (error: unknown, invocation: ScheduledInvocation) => void;
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
const DEFAULT_GROUP = 'default';

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** The local EventBridge Scheduler. Only the `default` schedule group exists. */
export class SchedulerService {
  readonly runner: ScheduleRunner;
  private readonly clock: Clock;
  private readonly accountId: string;
  private readonly region: string;
  private readonly schedules = new Map<string, Schedule>();

  constructor(private readonly options: SchedulerServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.runner = new ScheduleRunner({
      clock: this.clock,
      onFire: async (firing) => {
        const schedule = this.schedules.get(firing.name);
        if (!schedule) return;
        if (schedule.ActionAfterCompletion === 'DELETE' && schedule.ScheduleExpression.startsWith('at(') && !firing.manual) this.schedules.delete(firing.name);
        await options.invoke({ schedule: structuredClone(schedule), scheduledTime: firing.scheduledTime, manual: firing.manual });
      },
      onError: (error, firing) => {
        const schedule = this.schedules.get(firing.name);
        if (schedule) (options.onError ?? ((e: unknown) => console.error(`Schedule ${schedule.Name} failed to invoke its target:`, e)))(error, { schedule, scheduledTime: firing.scheduledTime, manual: firing.manual });
      },
    });
  }

  /** The ARN of a schedule. */
  scheduleArn(name: string, group = DEFAULT_GROUP): string {
    return `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${group}/${name}`;
  }

  createSchedule(input: ScheduleInput): { ScheduleArn: string } {
    const key = this.keyOf(input);
    if (this.schedules.has(key)) throw new AwsError('ConflictException', `Schedule ${input.Name} already exists.`, { statusCode: 409 });
    return this.store(input, undefined);
  }

  updateSchedule(input: ScheduleInput): { ScheduleArn: string } {
    const existing = this.schedules.get(this.keyOf(input));
    if (!existing) throw notFound(input.Name);
    return this.store(input, existing);
  }

  getSchedule(input: { Name: string; GroupName?: string }): Schedule {
    const schedule = this.schedules.get(this.keyOf(input));
    if (!schedule) throw notFound(input.Name);
    return structuredClone(schedule);
  }

  deleteSchedule(input: { Name: string; GroupName?: string }): Record<string, never> {
    const key = this.keyOf(input);
    if (!this.schedules.delete(key)) throw notFound(input.Name);
    this.runner.remove(key);
    return {};
  }

  listSchedules(input: { GroupName?: string; NamePrefix?: string; State?: string; MaxResults?: number; NextToken?: string } = {}): { Schedules: ScheduleSummary[]; NextToken?: string } {
    if (input.State !== undefined && input.State !== 'ENABLED' && input.State !== 'DISABLED') throw validation(`Value '${input.State}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
    const max = input.MaxResults ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
    const after = input.NextToken === undefined ? undefined : decodePageToken('ListSchedules', input.NextToken);
    if (input.NextToken !== undefined && after === undefined) throw validation('The NextToken is not valid.');
    const all = [...this.schedules.entries()]
      .filter(([, s]) => (input.GroupName === undefined || s.GroupName === input.GroupName) && (input.NamePrefix === undefined || s.Name.startsWith(input.NamePrefix)) && (input.State === undefined || s.State === input.State))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .filter(([key]) => after === undefined || key > after);
    const page = all.slice(0, max);
    const out: { Schedules: ScheduleSummary[]; NextToken?: string } = {
      Schedules: page.map(([, s]) => ({ Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, CreationDate: s.CreationDate, LastModificationDate: s.LastModificationDate, Target: { Arn: s.Target.Arn } })),
    };
    if (all.length > page.length) out.NextToken = encodePageToken('ListSchedules', page[page.length - 1]?.[0] as string);
    return out;
  }

  /** Invokes a schedule's target now, whatever its state and expression (a local-cloud extra, not an AWS operation). */
  fireNow(name: string, group = DEFAULT_GROUP): Promise<void> {
    if (!this.schedules.has(`${group}/${name}`)) throw notFound(name);
    return this.runner.fireNow(`${group}/${name}`);
  }

  /** Stops every timer. */
  stop(): void {
    this.runner.stop();
  }

  private keyOf(input: { Name: string; GroupName?: string }): string {
    if (typeof input.Name !== 'string' || !NAME.test(input.Name)) throw validation(`Value '${String(input.Name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64`);
    const group = input.GroupName ?? DEFAULT_GROUP;
    if (group !== DEFAULT_GROUP) throw new AwsError('ResourceNotFoundException', `Schedule group ${group} does not exist.`, { statusCode: 404 });
    return `${group}/${input.Name}`;
  }

  /** Validates everything first, so that a refused request changes nothing. */
  private store(input: ScheduleInput, existing: Schedule | undefined): { ScheduleArn: string } {
    const key = this.keyOf(input);
    if (typeof input.ScheduleExpression !== 'string') throw validation("Value null at 'scheduleExpression' failed to satisfy constraint: Member must not be null");
    parseScheduleExpression(input.ScheduleExpression, 'scheduler');
    if (input.ScheduleExpressionTimezone !== undefined) checkTimeZone(input.ScheduleExpressionTimezone);
    const window = input.FlexibleTimeWindow;
    if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE')) throw validation("Value at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]");
    if (window.Mode === 'FLEXIBLE' && (!Number.isInteger(window.MaximumWindowInMinutes) || (window.MaximumWindowInMinutes as number) < 1 || (window.MaximumWindowInMinutes as number) > 1440)) {
      throw validation('MaximumWindowInMinutes must be between 1 and 1440 when the flexible time window mode is FLEXIBLE.');
    }
    if (!input.Target || typeof input.Target.Arn !== 'string' || typeof input.Target.RoleArn !== 'string') throw validation("Value null at 'target.arn' or 'target.roleArn' failed to satisfy constraint: Member must not be null");
    const state = input.State ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw validation(`Value '${String(state)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
    const after = input.ActionAfterCompletion ?? 'NONE';
    if (after !== 'NONE' && after !== 'DELETE') throw validation(`Value '${String(after)}' at 'actionAfterCompletion' failed to satisfy constraint: Member must satisfy enum value set: [NONE, DELETE]`);
    if (input.StartDate && input.EndDate && input.StartDate.getTime() >= input.EndDate.getTime()) throw validation('The StartDate must be before the EndDate.');
    const now = new Date(this.clock.now());
    const schedule: Schedule = {
      ...input,
      Arn: this.scheduleArn(input.Name),
      GroupName: DEFAULT_GROUP,
      State: state,
      ActionAfterCompletion: after,
      CreationDate: existing?.CreationDate ?? now,
      LastModificationDate: now,
    };
    this.runner.put({
      name: key,
      expression: schedule.ScheduleExpression,
      flavour: 'scheduler',
      timeZone: schedule.ScheduleExpressionTimezone,
      startDate: schedule.StartDate,
      endDate: schedule.EndDate,
      enabled: state === 'ENABLED',
      actionAfterCompletion: after,
      createdAt: schedule.CreationDate,
    });
    this.schedules.set(key, schedule);
    return { ScheduleArn: schedule.Arn };
  }
}

function notFound(name: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Schedule ${name} does not exist.`, { statusCode: 404 });
}
