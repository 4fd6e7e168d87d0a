/**
 * The endpoint over loopback, driven by the AWS SDK v3 and by Debian's AWS CLI v2 2.9.19 (both AWS
 * JSON 1.1), including `aws logs tail --follow`, which that CLI implements by polling
 * FilterLogEvents every 5 seconds.
 */
import { serveOnLoopback, type LoopbackServer } from '@onboarding/local-aws-core';
import { awsCliAvailable, runAwsCli, spawnAwsCli } from '@onboarding/local-aws-core/testing';
import { eventually } from '@onboarding/testing';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { IncomingMessage } from 'node:http';
import { createLogsHandler, LogsEngine } from '../src';

// Each run of the CLI starts a Python interpreter; `logs tail --follow` polls every 5 s.
jest.setTimeout(120_000);

describe('the CloudWatch Logs endpoint', () => {
  let server: LoopbackServer;
  let engine: LogsEngine;
  let client: CloudWatchLogsClient;
  const targets: string[] = [];
  const bugs: unknown[] = [];

  beforeAll(async () => {
    engine = new LogsEngine();
    const handler = createLogsHandler(engine, { onInternalError: (e) => bugs.push(e) });
    server = await serveOnLoopback((req: IncomingMessage, res) => {
      targets.push(String(req.headers['x-amz-target']));
      handler(req, res);
    });
    client = new CloudWatchLogsClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'sdk', secretAccessKey: 'x' } });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  afterEach(() => expect(bugs).toEqual([]));

  describe('with the AWS SDK v3', () => {
    it('creates a group and a stream, puts events, and reads them back three ways', async () => {
      await client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/sdk' }));
      await client.send(new CreateLogStreamCommand({ logGroupName: '/aws/lambda/sdk', logStreamName: 'one' }));
      const now = Date.now();
      await client.send(new PutLogEventsCommand({ logGroupName: '/aws/lambda/sdk', logStreamName: 'one', logEvents: [{ timestamp: now, message: 'START' }, { timestamp: now + 1, message: '{"level":"ERROR","signupId":"s-9"}' }] }));

      const got = await client.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/sdk', logStreamName: 'one', startFromHead: true }));
      const filtered = await client.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/sdk', filterPattern: '{ $.level = "ERROR" }' }));
      const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/sdk' }));

      expect(targets).toContain('Logs_20140328.PutLogEvents');
      expect(got.events?.map((e) => e.message)).toEqual(['START', '{"level":"ERROR","signupId":"s-9"}']);
      expect(filtered.events).toEqual([expect.objectContaining({ logStreamName: 'one', timestamp: now + 1, eventId: expect.stringMatching(/^\d{56}$/) })]);
      expect(streams.logStreams?.[0]).toMatchObject({ logStreamName: 'one', firstEventTimestamp: now, lastEventTimestamp: now + 1 });
    });

    it('throws the modelled exceptions', async () => {
      await client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/sdk-errors' }));

      const again = await client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/sdk-errors' })).catch((e: unknown) => e);
      const missing = await client.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nope' })).catch((e: unknown) => e);
      const badPattern = await client.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/sdk-errors', filterPattern: '{ $.a > b }' })).catch((e: unknown) => e);
      const unknown = await client.send(new StartQueryCommand({ logGroupName: '/aws/lambda/sdk-errors', startTime: 0, endTime: 1, queryString: 'fields @message' })).catch((e: unknown) => e);

      expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      expect(missing).toMatchObject({ message: 'The specified log group does not exist.' });
      expect(badPattern).toBeInstanceOf(InvalidParameterException);
      expect(unknown).toMatchObject({ name: 'UnknownOperationException', message: 'The local cloud does not implement the StartQuery operation of CloudWatch Logs' });
    });

    it('lists groups with their retention', async () => {
      engine.append('/aws/lambda/listed', 'stream', ['line']);
      engine.putRetentionPolicy({ logGroupName: '/aws/lambda/listed', retentionInDays: 30 });

      const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/listed' }));

      expect(groups.logGroups).toEqual([expect.objectContaining({ logGroupName: '/aws/lambda/listed', retentionInDays: 30, logGroupArn: engine.logGroupArn('/aws/lambda/listed') })]);
    });
  });

  (awsCliAvailable() ? describe : describe.skip)("with Debian's AWS CLI v2", () => {
    const aws = (...args: string[]) => runAwsCli(['logs', ...args], { endpoint: server.url });

    beforeAll(() => {
      engine.append('/aws/lambda/CreateUser', '2026/01/01/[$LATEST]aaaa', ['START RequestId: r-1 Version: $LATEST', '{"level":"INFO","message":"created","signupId":"s-1"}', 'END RequestId: r-1']);
      engine.append('/aws/lambda/CreateUser', '2026/01/01/[$LATEST]bbbb', ['{"level":"ERROR","message":"conflict","signupId":"s-2"}']);
    });

    it('describes log groups and streams', async () => {
      const groups = await aws('describe-log-groups', '--log-group-name-prefix', '/aws/lambda/Create');
      const streams = await aws('describe-log-streams', '--log-group-name', '/aws/lambda/CreateUser', '--order-by', 'LastEventTime', '--descending');

      expect(groups.json).toEqual({ logGroups: [expect.objectContaining({ logGroupName: '/aws/lambda/CreateUser', arn: `${engine.logGroupArn('/aws/lambda/CreateUser')}:*` })] });
      expect((streams.json as { logStreams: { logStreamName: string }[] }).logStreams.map((s) => s.logStreamName).sort()).toEqual(['2026/01/01/[$LATEST]aaaa', '2026/01/01/[$LATEST]bbbb']);
    });

    it('filters log events with a JSON pattern and reads a stream with get-log-events', async () => {
      const filtered = await aws('filter-log-events', '--log-group-name', '/aws/lambda/CreateUser', '--filter-pattern', '{ $.level = "ERROR" }');
      const got = await aws('get-log-events', '--log-group-name', '/aws/lambda/CreateUser', '--log-stream-name', '2026/01/01/[$LATEST]aaaa', '--start-from-head');

      expect((filtered.json as { events: { message: string }[] }).events.map((e) => e.message)).toEqual(['{"level":"ERROR","message":"conflict","signupId":"s-2"}']);
      expect((got.json as { events: { message: string }[] }).events.map((e) => e.message)).toEqual(['START RequestId: r-1 Version: $LATEST', '{"level":"INFO","message":"created","signupId":"s-1"}', 'END RequestId: r-1']);
    });

    it('prints a log group with logs tail, and reports an unknown group', async () => {
      const tail = await runAwsCli(['logs', 'tail', '/aws/lambda/CreateUser', '--format', 'short', '--filter-pattern', 'signupId'], { endpoint: server.url });
      const missing = await aws('tail', '/aws/lambda/Nope');

      expect(tail.stdout.trim().split('\n')).toHaveLength(2);
      expect(tail.stdout).toContain('"signupId":"s-2"');
      expect(missing.exitCode).toBe(254);
      expect(missing.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.');
    });

    it('follows a log group with logs tail --follow: events appended later show up', async () => {
      const follower = spawnAwsCli(['logs', 'tail', '/aws/lambda/CreateUser', '--follow', '--format', 'short'], { endpoint: server.url });
      let output = '';
      follower.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      try {
        await eventually(() => output.includes('END RequestId: r-1'), 'the tail to print the existing events', 60_000);

        engine.append('/aws/lambda/CreateUser', '2026/01/01/[$LATEST]cccc', ['a line that arrived while following']);
        await eventually(() => output.includes('a line that arrived while following'), 'the tail to print the new event', 60_000);

        expect(output.match(/END RequestId: r-1/g)).toHaveLength(1);
      } finally {
        const exited = new Promise((resolve) => follower.once('exit', resolve));
        follower.kill('SIGINT');
        await exited;
      }
    });

    it('refuses a malformed filter pattern with InvalidParameterException', async () => {
      const result = await aws('filter-log-events', '--log-group-name', '/aws/lambda/CreateUser', '--filter-pattern', '{ $.level = ');

      expect(result.exitCode).toBe(254);
      expect(result.stderr).toContain('An error occurred (InvalidParameterException) when calling the FilterLogEvents operation: Invalid filter pattern');
    });
  });
});
