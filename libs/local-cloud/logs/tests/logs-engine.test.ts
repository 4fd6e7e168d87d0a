/**
 * The engine on its own, with a manual clock: groups and streams, PutLogEvents' batch rules,
 * GetLogEvents' tokens in both directions, FilterLogEvents across streams, retention, append().
 */
import { AwsError } from '@onboarding/local-aws-core';
import { ManualClock } from '@onboarding/local-aws-core/testing';
import { endLine, lambdaLogStreamName, LogsEngine, reportLine, startLine, type LogsAppendedEvent } from '../src';

const T0 = Date.UTC(2026, 0, 1, 12);

function setup() {
  const clock = new ManualClock(T0);
  const logs = new LogsEngine({ clock });
  logs.createLogGroup({ logGroupName: '/aws/lambda/CreateUser' });
  logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1' });
  return { clock, logs };
}

function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof AwsError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const put = (logs: LogsEngine, messages: string[], timestamp = T0, stream = 's1') =>
  logs.putLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: stream, logEvents: messages.map((message, i) => ({ timestamp: timestamp + i, message })) });

describe('LogsEngine groups and streams', () => {
  it('creates, describes and refuses duplicates with AWS\'s codes', () => {
    const { logs } = setup();

    const groups = logs.describeLogGroups({ logGroupNamePrefix: '/aws/lambda/' });

    expect(groups.logGroups).toEqual([
      expect.objectContaining({ logGroupName: '/aws/lambda/CreateUser', creationTime: T0, arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/CreateUser:*', logGroupClass: 'STANDARD' }),
    ]);
    expect(codeOf(() => logs.createLogGroup({ logGroupName: '/aws/lambda/CreateUser' }))).toBe('ResourceAlreadyExistsException: The specified log group already exists');
    expect(codeOf(() => logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1' }))).toBe('ResourceAlreadyExistsException: The specified log stream already exists');
    expect(codeOf(() => logs.createLogStream({ logGroupName: '/nope', logStreamName: 's1' }))).toBe('ResourceNotFoundException: The specified log group does not exist.');
    expect(codeOf(() => logs.createLogGroup({ logGroupName: 'bad name!' }))).toMatch(/^InvalidParameterException: 1 validation error detected: Value 'bad name!' at 'logGroupName'/);
    expect(codeOf(() => logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 'a:b' }))).toMatch(/^InvalidParameterException/);
  });

  it('pages log groups, and finds them by pattern', () => {
    const { logs } = setup();
    for (const name of ['/a/1', '/a/2', '/a/3']) logs.createLogGroup({ logGroupName: name });

    const first = logs.describeLogGroups({ logGroupNamePrefix: '/a/', limit: 2 });
    const second = logs.describeLogGroups({ logGroupNamePrefix: '/a/', limit: 2, nextToken: first.nextToken });
    const byPattern = logs.describeLogGroups({ logGroupNamePattern: 'createuser' });

    expect(first.logGroups.map((g) => g.logGroupName)).toEqual(['/a/1', '/a/2']);
    expect(second).toEqual({ logGroups: [expect.objectContaining({ logGroupName: '/a/3' })] });
    expect(byPattern.logGroups.map((g) => g.logGroupName)).toEqual(['/aws/lambda/CreateUser']);
  });

  it('accepts the retention values AWS lists and refuses others', () => {
    const { logs } = setup();

    logs.putRetentionPolicy({ logGroupName: '/aws/lambda/CreateUser', retentionInDays: 30 });

    expect(logs.describeLogGroups().logGroups[0]?.retentionInDays).toBe(30);
    expect(codeOf(() => logs.putRetentionPolicy({ logGroupName: '/aws/lambda/CreateUser', retentionInDays: 31 }))).toMatch(/Member must satisfy enum value set: \[1, 3, 5, 7, 14, 30/);
  });

  it('orders streams by last event time, descending, as a log tail wants them', () => {
    const { logs, clock } = setup();
    logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's2' });
    put(logs, ['late'], T0 + 5000, 's1');
    put(logs, ['early'], T0, 's2');
    clock.advance(10_000);

    const streams = logs.describeLogStreams({ logGroupName: '/aws/lambda/CreateUser', orderBy: 'LastEventTime', descending: true });

    expect(streams.logStreams.map((s) => [s.logStreamName, s.lastEventTimestamp])).toEqual([
      ['s1', T0 + 5000],
      ['s2', T0],
    ]);
    expect(codeOf(() => logs.describeLogStreams({ logGroupName: '/aws/lambda/CreateUser', orderBy: 'LastEventTime', logStreamNamePrefix: 's' }))).toMatch(/^InvalidParameterException/);
  });
});

describe('LogsEngine PutLogEvents', () => {
  it('refuses a batch out of chronological order, and stores nothing of it', () => {
    const { logs } = setup();

    const error = codeOf(() => logs.putLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', logEvents: [{ timestamp: T0 + 1, message: 'b' }, { timestamp: T0, message: 'a' }] }));

    expect(error).toBe('InvalidParameterException: Log events in a single PutLogEvents request must be in chronological order.');
    expect(logs.getLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1' }).events).toEqual([]);
  });

  it('rejects events too new, too old or past retention while keeping the rest', () => {
    const { logs } = setup();
    logs.putRetentionPolicy({ logGroupName: '/aws/lambda/CreateUser', retentionInDays: 1 });

    const out = logs.putLogEvents({
      logGroupName: '/aws/lambda/CreateUser',
      logStreamName: 's1',
      logEvents: [
        { timestamp: T0 - 15 * 86_400_000, message: 'too old' },
        { timestamp: T0 - 2 * 86_400_000, message: 'expired' },
        { timestamp: T0, message: 'kept' },
        { timestamp: T0 + 3 * 3600_000, message: 'too new' },
      ],
    });

    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0, expiredLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 });
    expect(logs.getLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1' }).events.map((e) => e.message)).toEqual(['kept']);
  });

  it('refuses an empty batch, an empty message, a batch over 24 hours or over 1 MiB', () => {
    const { logs, clock } = setup();
    clock.advance(86_400_000 * 2);
    const base = { logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1' };

    expect(codeOf(() => logs.putLogEvents({ ...base, logEvents: [] }))).toMatch(/^InvalidParameterException/);
    expect(codeOf(() => logs.putLogEvents({ ...base, logEvents: [{ timestamp: T0, message: '' }] }))).toMatch(/^InvalidParameterException/);
    expect(codeOf(() => logs.putLogEvents({ ...base, logEvents: [{ timestamp: T0, message: 'a' }, { timestamp: T0 + 86_400_001, message: 'b' }] }))).toMatch(/cannot span more than 24 hours/);
    expect(codeOf(() => logs.putLogEvents({ ...base, logEvents: [{ timestamp: T0, message: 'x'.repeat(600_000) }, { timestamp: T0, message: 'x'.repeat(600_000) }] }))).toMatch(/over the limit of 1048576/);
  });
});

describe('LogsEngine GetLogEvents', () => {
  it('answers the latest events by default, the earliest with startFromHead, and pages forward until the token repeats', () => {
    const { logs } = setup();
    put(logs, ['e0', 'e1', 'e2', 'e3', 'e4']);
    const base = { logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', limit: 2 };

    const latest = logs.getLogEvents(base);
    const head = logs.getLogEvents({ ...base, startFromHead: true });
    const next = logs.getLogEvents({ ...base, nextToken: head.nextForwardToken });
    const last = logs.getLogEvents({ ...base, nextToken: next.nextForwardToken });
    const end = logs.getLogEvents({ ...base, nextToken: last.nextForwardToken });

    expect(latest.events.map((e) => e.message)).toEqual(['e3', 'e4']);
    expect(head.events.map((e) => e.message)).toEqual(['e0', 'e1']);
    expect(next.events.map((e) => e.message)).toEqual(['e2', 'e3']);
    expect(last.events.map((e) => e.message)).toEqual(['e4']);
    expect(end).toMatchObject({ events: [], nextForwardToken: last.nextForwardToken });
    expect(head.nextForwardToken).toMatch(/^f\/\d+$/);
  });

  it('pages backward from the latest events with the backward token', () => {
    const { logs } = setup();
    put(logs, ['e0', 'e1', 'e2', 'e3', 'e4']);
    const base = { logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', limit: 2 };

    const latest = logs.getLogEvents(base);
    const before = logs.getLogEvents({ ...base, nextToken: latest.nextBackwardToken });
    const first = logs.getLogEvents({ ...base, nextToken: before.nextBackwardToken });
    const start = logs.getLogEvents({ ...base, nextToken: first.nextBackwardToken });

    expect(before.events.map((e) => e.message)).toEqual(['e1', 'e2']);
    expect(first.events.map((e) => e.message)).toEqual(['e0']);
    expect(start).toMatchObject({ events: [], nextBackwardToken: first.nextBackwardToken });
  });

  it('includes startTime and excludes endTime', () => {
    const { logs } = setup();
    put(logs, ['e0', 'e1', 'e2']);

    const out = logs.getLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', startTime: T0 + 1, endTime: T0 + 2 });

    expect(out.events.map((e) => e.message)).toEqual(['e1']);
  });

  it('keeps a stream in timestamp order when a later batch carries older events', () => {
    const { logs } = setup();
    put(logs, ['later'], T0 + 100);
    put(logs, ['earlier'], T0);

    expect(logs.getLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', startFromHead: true }).events.map((e) => e.message)).toEqual(['earlier', 'later']);
  });

  it('refuses a token that is not one', () => {
    const { logs } = setup();

    expect(codeOf(() => logs.getLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's1', nextToken: 'x/1' }))).toMatch(/^InvalidParameterException/);
  });
});

describe('LogsEngine FilterLogEvents', () => {
  it('interleaves streams by time, filters by pattern, names each event\'s stream and pages', () => {
    const { logs } = setup();
    logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 's2' });
    put(logs, ['ERROR a', 'INFO b'], T0, 's1');
    put(logs, ['ERROR c'], T0, 's2');
    put(logs, ['ERROR d'], T0 + 10, 's1');

    const first = logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', filterPattern: 'ERROR', limit: 2 });
    const rest = logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', filterPattern: 'ERROR', limit: 2, nextToken: first.nextToken });

    expect(first.events.map((e) => [e.logStreamName, e.message])).toEqual([
      ['s1', 'ERROR a'],
      ['s2', 'ERROR c'],
    ]);
    expect(rest.events.map((e) => e.message)).toEqual(['ERROR d']);
    expect(rest.nextToken).toBeUndefined();
    expect(new Set([...first.events, ...rest.events].map((e) => e.eventId)).size).toBe(3);
    expect(first.events[0]?.eventId).toMatch(/^\d{56}$/);
  });

  it('limits by stream names or prefix and by an inclusive time range', () => {
    const { logs } = setup();
    logs.createLogStream({ logGroupName: '/aws/lambda/CreateUser', logStreamName: 'other' });
    put(logs, ['a', 'b', 'c'], T0, 's1');
    put(logs, ['z'], T0, 'other');

    const byName = logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamNames: ['other'] });
    const byPrefix = logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamNamePrefix: 's', startTime: T0 + 1, endTime: T0 + 2 });

    expect(byName.events.map((e) => e.message)).toEqual(['z']);
    expect(byPrefix.events.map((e) => e.message)).toEqual(['b', 'c']);
    expect(codeOf(() => logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', logStreamNames: ['s1'], logStreamNamePrefix: 's' }))).toMatch(/mutually exclusive/);
  });

  it('finds a group by its ARN, and refuses a malformed filter pattern with InvalidParameterException', () => {
    const { logs } = setup();
    put(logs, ['{"level":"ERROR"}']);

    const byArn = logs.filterLogEvents({ logGroupIdentifier: logs.logGroupArn('/aws/lambda/CreateUser'), filterPattern: '{ $.level = "ERROR" }' });

    expect(byArn.events).toHaveLength(1);
    expect(codeOf(() => logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser', filterPattern: '{ $.level = ' }))).toMatch(/^InvalidParameterException: Invalid filter pattern/);
  });

  it('drops events past the retention period', () => {
    const { logs, clock } = setup();
    logs.putRetentionPolicy({ logGroupName: '/aws/lambda/CreateUser', retentionInDays: 1 });
    put(logs, ['old']);
    clock.advance(86_400_000 + 1);

    expect(logs.filterLogEvents({ logGroupName: '/aws/lambda/CreateUser' }).events).toEqual([]);
  });
});

describe('LogsEngine.append, the local Lambda runtime\'s channel', () => {
  it('creates the group and the stream on first use and tells subscribers', () => {
    const { logs, clock } = setup();
    const seen: LogsAppendedEvent[] = [];
    logs.subscribe((e) => seen.push(e));
    const stream = lambdaLogStreamName(new Date(T0), '0123456789abcdef0123456789abcdef');

    logs.append('/aws/lambda/NotifyTeam', stream, [startLine('r-1'), { timestamp: T0 + 5, message: '{"level":"INFO"}' }, endLine('r-1'), reportLine({ requestId: 'r-1', durationMs: 12.345, memorySizeMb: 128, maxMemoryUsedMb: 70.4, initDurationMs: 150 })]);
    clock.advance(1);

    expect(stream).toBe('2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef');
    expect(logs.filterLogEvents({ logGroupName: '/aws/lambda/NotifyTeam', filterPattern: 'REPORT' }).events[0]?.message).toBe(
      'REPORT RequestId: r-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 150.00 ms\t',
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.events.map((e) => e.message)[0]).toBe('START RequestId: r-1 Version: $LATEST');
  });
});
