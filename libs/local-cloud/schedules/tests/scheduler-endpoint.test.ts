/**
 * The EventBridge Scheduler endpoint over loopback with the AWS SDK v3 and Debian's AWS CLI v2
 * (restJson1 both): schedules are created, read, listed, updated, deleted, refused with AWS's
 * codes, and fire their target.
 */
import { serveOnLoopback, type LoopbackServer } from '@onboarding/local-aws-core';
import { awsCliAvailable, runAwsCli } from '@onboarding/local-aws-core/testing';
import { eventually } from '@onboarding/testing';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { createSchedulerHandler, SchedulerService, type ScheduledInvocation } from '../src';

jest.setTimeout(120_000);

const target = { Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/onboarding', RoleArn: 'arn:aws:iam::000000000000:role/scheduler', Input: '{"reminder":true}' };

describe('the EventBridge Scheduler endpoint', () => {
  let server: LoopbackServer;
  let service: SchedulerService;
  let client: SchedulerClient;
  const invocations: ScheduledInvocation[] = [];

  beforeAll(async () => {
    service = new SchedulerService({ invoke: (i) => void invocations.push(i) });
    server = await serveOnLoopback(createSchedulerHandler(service));
    client = new SchedulerClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'sdk', secretAccessKey: 'x' } });
  });

  afterAll(async () => {
    service.stop();
    client.destroy();
    await server.close();
  });

  describe('with the AWS SDK v3', () => {
    it('creates a rate schedule that starts invoking its target at once, with its input', async () => {
      const created = await client.send(new CreateScheduleCommand({ Name: 'sdk-rate', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target }));

      const invocation = await eventually(() => invocations.find((i) => i.schedule.Name === 'sdk-rate'), 'the first invocation', 10_000);

      expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/sdk-rate');
      expect(invocation.schedule.Target).toEqual(target);
      expect(invocation.manual).toBe(false);
    });

    it('reads, lists, updates and deletes a schedule with its time zone and dates', async () => {
      const StartDate = new Date('2030-01-01T00:00:00Z');
      await client.send(new CreateScheduleCommand({ Name: 'sdk-cron', ScheduleExpression: 'cron(0 9 ? * MON-FRI *)', ScheduleExpressionTimezone: 'Europe/Paris', StartDate, FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 }, Target: target }));

      const got = await client.send(new GetScheduleCommand({ Name: 'sdk-cron' }));
      await client.send(new UpdateScheduleCommand({ Name: 'sdk-cron', ScheduleExpression: 'cron(0 10 ? * MON-FRI *)', State: 'DISABLED', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target }));
      const listed = await client.send(new ListSchedulesCommand({ NamePrefix: 'sdk-c', State: 'DISABLED' }));
      await client.send(new DeleteScheduleCommand({ Name: 'sdk-cron' }));
      const gone = await client.send(new GetScheduleCommand({ Name: 'sdk-cron' })).catch((e: unknown) => e);

      expect(got).toMatchObject({ Name: 'sdk-cron', GroupName: 'default', State: 'ENABLED', ScheduleExpressionTimezone: 'Europe/Paris', StartDate, FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 } });
      expect(got.CreationDate).toBeInstanceOf(Date);
      expect(listed.Schedules).toEqual([expect.objectContaining({ Name: 'sdk-cron', State: 'DISABLED', Target: { Arn: target.Arn } })]);
      expect(gone).toBeInstanceOf(ResourceNotFoundException);
    });

    it('lists schedules page by page, and refuses a token that is not one', async () => {
      for (const name of ['page-a', 'page-b', 'page-c']) {
        await client.send(new CreateScheduleCommand({ Name: name, ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target, State: 'DISABLED' }));
      }

      const first = await client.send(new ListSchedulesCommand({ NamePrefix: 'page-', MaxResults: 2 }));
      const rest = await client.send(new ListSchedulesCommand({ NamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }));
      const bad = await client.send(new ListSchedulesCommand({ NextToken: 'junk' })).catch((e: unknown) => e);

      expect(first.Schedules?.map((x) => x.Name)).toEqual(['page-a', 'page-b']);
      expect(rest.Schedules?.map((x) => x.Name)).toEqual(['page-c']);
      expect(rest.NextToken).toBeUndefined();
      expect(bad).toBeInstanceOf(ValidationException);
    });

    it('refuses a bad expression, a duplicate and a missing schedule with the modelled exceptions', async () => {
      await client.send(new CreateScheduleCommand({ Name: 'sdk-dup', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target, State: 'DISABLED' }));

      const bad = await client.send(new CreateScheduleCommand({ Name: 'sdk-bad', ScheduleExpression: 'cron(0 9 * * MON *)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target })).catch((e: unknown) => e);
      const dup = await client.send(new CreateScheduleCommand({ Name: 'sdk-dup', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target })).catch((e: unknown) => e);
      const missing = await client.send(new DeleteScheduleCommand({ Name: 'sdk-nothing' })).catch((e: unknown) => e);

      expect(bad).toBeInstanceOf(ValidationException);
      expect(bad).toMatchObject({ message: 'Invalid Schedule Expression cron(0 9 * * MON *)' });
      expect(dup).toBeInstanceOf(ConflictException);
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      await expect(client.send(new GetScheduleCommand({ Name: 'sdk-bad' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  (awsCliAvailable() ? describe : describe.skip)("with Debian's AWS CLI v2", () => {
    const aws = (...args: string[]) => runAwsCli(['scheduler', ...args], { endpoint: server.url });

    it('creates a one-time schedule in a time zone, reads and lists it', async () => {
      const created = await aws('create-schedule', '--name', 'cli-once', '--schedule-expression', 'at(2031-06-01T09:00:00)', '--schedule-expression-timezone', 'America/New_York', '--flexible-time-window', 'Mode=OFF', '--target', JSON.stringify(target));
      const got = await aws('get-schedule', '--name', 'cli-once');
      const listed = await aws('list-schedules', '--name-prefix', 'cli-');

      expect(created.json).toEqual({ ScheduleArn: service.scheduleArn('cli-once') });
      expect(got.json).toMatchObject({ Name: 'cli-once', ScheduleExpression: 'at(2031-06-01T09:00:00)', ScheduleExpressionTimezone: 'America/New_York', State: 'ENABLED' });
      expect(service.runner.get('default/cli-once')?.nextFireTime?.toISOString()).toBe('2031-06-01T13:00:00.000Z');
      expect((listed.json as { Schedules: { Name: string }[] }).Schedules.map((s) => s.Name)).toEqual(['cli-once']);
    });

    it.each([
      ['a bad cron expression', ['create-schedule', '--name', 'cli-bad', '--schedule-expression', 'cron(0 9 * * ? )', '--flexible-time-window', 'Mode=OFF', '--target', JSON.stringify(target)], 'ValidationException', 'Invalid Schedule Expression cron(0 9 * * ? )'],
      ['an unknown time zone', ['create-schedule', '--name', 'cli-tz', '--schedule-expression', 'rate(5 minutes)', '--schedule-expression-timezone', 'Mars/Olympus', '--flexible-time-window', 'Mode=OFF', '--target', JSON.stringify(target)], 'ValidationException', 'Mars/Olympus'],
      ['an unknown schedule', ['get-schedule', '--name', 'cli-nope'], 'ResourceNotFoundException', 'Schedule cli-nope does not exist.'],
    ])('reports %s', async (_what, args, code, message) => {
      const result = await aws(...args);

      expect(result.exitCode).toBe(254);
      expect(result.stderr).toContain(`An error occurred (${code}) when calling the`);
      expect(result.stderr).toContain(message);
    });
  });
});
