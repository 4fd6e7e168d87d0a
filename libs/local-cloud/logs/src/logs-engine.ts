/**
 * The local CloudWatch Logs engine: log groups and streams in memory, PutLogEvents with AWS's
 * batch rules, GetLogEvents with forward and backward tokens, FilterLogEvents across streams with
 * filter patterns, retention, and `append()` for the local Lambda runtime. Its methods take and
 * return the CloudWatch Logs API's shapes (the SDK v3 names); `createLogsHandler` is its endpoint.
 */
import { decodePageToken, encodePageToken, systemClock, type Clock } from '@onboarding/local-aws-core';
import { constraintViolation, invalidParameter, logGroupExists, logGroupNotFound, logStreamExists, logStreamNotFound } from './errors';
import { compileFilterPattern, FilterPatternError, type FilterPredicate } from './filter-pattern';
import type {
  CreateLogGroupInput,
  DescribeLogGroupsInput,
  DescribeLogStreamsInput,
  FilteredLogEvent,
  FilterLogEventsInput,
  FilterLogEventsOutput,
  GetLogEventsInput,
  GetLogEventsOutput,
  InputLogEvent,
  LogGroup,
  LogGroupInput,
  LogStream,
  LogStreamInput,
  PutLogEventsInput,
  PutLogEventsOutput,
  PutRetentionPolicyInput,
} from './types';

/** Options of {@link LogsEngine}. */
export interface LogsEngineOptions {
  /** @default '000000000000' */
  accountId?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default systemClock */
  clock?: Clock;
}

/** Events as they land, for whoever watches (a console, `--logs` printing, a test). */
export interface LogsAppendedEvent {
  logGroupName: string;
  logStreamName: string;
  events: FilteredLogEvent[];
}

/** The retention values PutRetentionPolicy accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  seq: number;
}

interface Stream {
  name: string;
  creationTime: number;
  /** Sorted by (timestamp, seq): the order GetLogEvents answers in. */
  events: StoredEvent[];
  lastIngestionTime?: number;
}

interface Group {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  tags: Record<string, string>;
  streams: Map<string, Stream>;
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;
const DAY_MS = 86_400_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const MAX_EVENT_BYTES = 1_048_576;

/** The position of an event in its stream's order, as a comparable string (also the core of tokens). */
const keyOf = (e: { timestamp: number; seq: number }) => `${String(e.timestamp).padStart(16, '0')}${String(e.seq).padStart(20, '0')}`;

/** A 56-digit event id, as AWS's look; unique across streams because `seq` is. */
const eventIdOf = (e: StoredEvent) => `${String(e.timestamp).padStart(16, '0')}${String(e.seq).padStart(40, '0')}`;

/** The local CloudWatch Logs engine. See the README for what it emulates and what it does not. */
export class LogsEngine {
  readonly accountId: string;
  readonly region: string;
  private readonly clock: Clock;
  private readonly groups = new Map<string, Group>();
  private readonly listeners = new Set<(event: LogsAppendedEvent) => void>();
  private seq = 0;

  constructor(options: LogsEngineOptions = {}) {
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.clock = options.clock ?? systemClock;
  }

  /** Calls `listener` with every batch of events that lands; returns the function that stops it. */
  subscribe(listener: (event: LogsAppendedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ARN of a log group, without the `:*` suffix (`logGroupArn`). */
  logGroupArn(logGroupName: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${logGroupName}`;
  }

  /**
   * Appends events to a stream, creating the group and the stream when missing (as Lambda's
   * runtime does on its first invocation in a sandbox). Lines without a timestamp get "now".
   * The batch rules of PutLogEvents do not apply: this is the local runtime's own channel.
   */
  append(logGroupName: string, logStreamName: string, events: readonly (InputLogEvent | string)[]): void {
    checkGroupName(logGroupName);
    checkStreamName(logStreamName);
    const now = this.clock.now();
    let group = this.groups.get(logGroupName);
    if (!group) {
      group = { name: logGroupName, creationTime: now, tags: {}, streams: new Map() };
      this.groups.set(logGroupName, group);
    }
    let stream = group.streams.get(logStreamName);
    if (!stream) {
      stream = { name: logStreamName, creationTime: now, events: [] };
      group.streams.set(logStreamName, stream);
    }
    const accepted = events.map((e) => (typeof e === 'string' ? { timestamp: now, message: e } : e)).filter((e) => e.message.length > 0);
    this.ingest(group, stream, accepted);
  }

  createLogGroup(input: CreateLogGroupInput): Record<string, never> {
    const name = requiredString(input, 'logGroupName');
    checkGroupName(name);
    if (this.groups.has(name)) throw logGroupExists();
    const logGroupClass = optional(input, 'logGroupClass', 'string');
    if (logGroupClass !== undefined && logGroupClass !== 'STANDARD') throw invalidParameter(`The local CloudWatch Logs supports the STANDARD log group class only, not ${logGroupClass}`);
    this.groups.set(name, { name, creationTime: this.clock.now(), kmsKeyId: optional(input, 'kmsKeyId', 'string'), tags: { ...(input.tags ?? {}) }, streams: new Map() });
    return {};
  }

  deleteLogGroup(input: LogGroupInput): Record<string, never> {
    const group = this.groupOf(input);
    this.groups.delete(group.name);
    return {};
  }

  describeLogGroups(input: DescribeLogGroupsInput = {}): { logGroups: LogGroup[]; nextToken?: string } {
    const prefix = optional(input, 'logGroupNamePrefix', 'string');
    const pattern = optional(input, 'logGroupNamePattern', 'string');
    if (prefix !== undefined && pattern !== undefined) throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive.');
    const identifiers = input.logGroupIdentifiers;
    const limit = optionalLimit(input, 'limit', 50);
    const after = input.nextToken === undefined ? undefined : decodeToken(input.nextToken, 'DescribeLogGroups');
    const names = [...this.groups.keys()]
      .filter((n) => (prefix === undefined || n.startsWith(prefix)) && (pattern === undefined || n.toLowerCase().includes(pattern.toLowerCase())))
      .filter((n) => identifiers === undefined || identifiers.some((id) => id === n || id === this.logGroupArn(n) || id === `${this.logGroupArn(n)}:*`))
      .filter((n) => after === undefined || n > after)
      .sort();
    const page = names.slice(0, limit);
    const output: { logGroups: LogGroup[]; nextToken?: string } = { logGroups: page.map((n) => this.describeGroup(this.groups.get(n) as Group)) };
    if (names.length > page.length) output.nextToken = encodePageToken('DescribeLogGroups', page[page.length - 1] as string);
    return output;
  }

  putRetentionPolicy(input: PutRetentionPolicyInput): Record<string, never> {
    const group = this.groupOf(input);
    const days = input.retentionInDays;
    if (!(RETENTION_DAYS as readonly number[]).includes(days)) {
      throw constraintViolation('retentionInDays', days, `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    }
    group.retentionInDays = days;
    return {};
  }

  deleteRetentionPolicy(input: LogGroupInput): Record<string, never> {
    delete this.groupOf(input).retentionInDays;
    return {};
  }

  createLogStream(input: LogStreamInput): Record<string, never> {
    const group = this.groupOf(input);
    const name = requiredString(input, 'logStreamName');
    checkStreamName(name);
    if (group.streams.has(name)) throw logStreamExists();
    group.streams.set(name, { name, creationTime: this.clock.now(), events: [] });
    return {};
  }

  deleteLogStream(input: LogStreamInput): Record<string, never> {
    const group = this.groupOf(input);
    if (!group.streams.delete(requiredString(input, 'logStreamName'))) throw logStreamNotFound();
    return {};
  }

  describeLogStreams(input: DescribeLogStreamsInput): { logStreams: LogStream[]; nextToken?: string } {
    const group = this.groupOf(input);
    const prefix = optional(input, 'logStreamNamePrefix', 'string');
    const orderBy = optional(input, 'orderBy', 'string') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw constraintViolation('orderBy', orderBy, 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
    if (prefix !== undefined && orderBy === 'LastEventTime') throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const descending = optional(input, 'descending', 'boolean') ?? false;
    const limit = optionalLimit(input, 'limit', 50);
    this.expire(group);
    let streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
    const sortKey = (s: Stream) => (orderBy === 'LogStreamName' ? s.name : `${String(s.events.at(-1)?.timestamp ?? 0).padStart(16, '0')}${s.name}`);
    streams.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    if (descending) streams.reverse();
    const scope = `DescribeLogStreams:${group.name}:${orderBy}:${descending}:${prefix ?? ''}`;
    if (input.nextToken !== undefined) {
      const after = decodeToken(input.nextToken, scope);
      const index = streams.findIndex((s) => sortKey(s) === after);
      streams = streams.slice(index + 1);
    }
    const page = streams.slice(0, limit);
    const output: { logStreams: LogStream[]; nextToken?: string } = { logStreams: page.map((s) => this.describeStream(group, s)) };
    if (streams.length > page.length) output.nextToken = encodePageToken(scope, sortKey(page[page.length - 1] as Stream));
    return output;
  }

  putLogEvents(input: PutLogEventsInput): PutLogEventsOutput {
    const group = this.groupOf(input);
    const stream = group.streams.get(requiredString(input, 'logStreamName'));
    if (!stream) throw logStreamNotFound();
    const events = input.logEvents;
    if (!Array.isArray(events) || events.length === 0) throw constraintViolation('logEvents', '[]', 'Member must have length greater than or equal to 1');
    if (events.length > 10_000) throw constraintViolation('logEvents', `${events.length} events`, 'Member must have length less than or equal to 10000');
    let bytes = 0;
    for (const [index, event] of events.entries()) {
      if (typeof event?.timestamp !== 'number' || !Number.isInteger(event.timestamp) || event.timestamp < 0) throw constraintViolation(`logEvents.${index + 1}.member.timestamp`, event?.timestamp, 'Member must be a non-negative integer');
      if (typeof event.message !== 'string' || event.message.length === 0) throw constraintViolation(`logEvents.${index + 1}.member.message`, event?.message, 'Member must have length greater than or equal to 1');
      const size = Buffer.byteLength(event.message, 'utf8');
      if (size > MAX_EVENT_BYTES) throw invalidParameter(`Log event ${index} is larger than 1 MB.`);
      bytes += size + EVENT_OVERHEAD_BYTES;
      if (index > 0 && event.timestamp < (events[index - 1] as InputLogEvent).timestamp) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`The batch of log events in a single PutLogEvents request is ${bytes} bytes, over the limit of ${MAX_BATCH_BYTES}.`);
    const now = this.clock.now();
    const retentionStart = group.retentionInDays === undefined ? -Infinity : now - group.retentionInDays * DAY_MS;
    const rejected: NonNullable<PutLogEventsOutput['rejectedLogEventsInfo']> = {};
    const accepted: InputLogEvent[] = [];
    for (const [index, event] of events.entries()) {
      if (event.timestamp > now + 2 * 3600_000) {
        rejected.tooNewLogEventStartIndex ??= index;
      } else if (event.timestamp < now - 14 * DAY_MS) {
        rejected.tooOldLogEventEndIndex = index;
      } else if (event.timestamp < retentionStart) {
        rejected.expiredLogEventEndIndex = index;
      } else {
        accepted.push(event);
      }
    }
    if (accepted.length > 1 && (accepted.at(-1) as InputLogEvent).timestamp - (accepted[0] as InputLogEvent).timestamp > DAY_MS) {
      throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    }
    this.ingest(group, stream, accepted);
    const output: PutLogEventsOutput = { nextSequenceToken: String(this.seq).padStart(56, '0') };
    if (Object.keys(rejected).length) output.rejectedLogEventsInfo = rejected;
    return output;
  }

  getLogEvents(input: GetLogEventsInput): GetLogEventsOutput {
    const group = this.groupOfIdentifier(input);
    const stream = group.streams.get(requiredString(input, 'logStreamName'));
    if (!stream) throw logStreamNotFound();
    const limit = optionalLimit(input, 'limit', 10_000);
    const startTime = optional(input, 'startTime', 'number');
    const endTime = optional(input, 'endTime', 'number');
    this.expire(group);
    const inRange = stream.events.filter((e) => (startTime === undefined || e.timestamp >= startTime) && (endTime === undefined || e.timestamp < endTime));
    let page: StoredEvent[];
    let forward: string;
    let backward: string;
    const token = optional(input, 'nextToken', 'string');
    if (token !== undefined) {
      const match = /^([fb])\/(\d{36})$/.exec(token);
      if (!match) throw invalidParameter('The specified nextToken is not valid.');
      const [, direction, key] = match as unknown as [string, 'f' | 'b', string];
      if (direction === 'f') {
        page = inRange.filter((e) => keyOf(e) > key).slice(0, limit);
      } else {
        const before = inRange.filter((e) => keyOf(e) < key);
        page = before.slice(Math.max(0, before.length - limit));
      }
      // At either end AWS answers the token it was given, which is how pagination stops.
      forward = page.length ? `f/${keyOf(page.at(-1) as StoredEvent)}` : direction === 'f' ? token : `f/${key}`;
      backward = page.length ? `b/${keyOf(page[0] as StoredEvent)}` : direction === 'b' ? token : `b/${key}`;
    } else {
      const startFromHead = optional(input, 'startFromHead', 'boolean') ?? false;
      page = startFromHead ? inRange.slice(0, limit) : inRange.slice(Math.max(0, inRange.length - limit));
      // An empty range: both tokens point at its start, so paging forward later finds what arrives.
      const edge = keyOf({ timestamp: startTime ?? 0, seq: 0 });
      forward = `f/${page.length ? keyOf(page.at(-1) as StoredEvent) : edge}`;
      backward = `b/${page.length ? keyOf(page[0] as StoredEvent) : edge}`;
    }
    return { events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })), nextForwardToken: forward, nextBackwardToken: backward };
  }

  filterLogEvents(input: FilterLogEventsInput): FilterLogEventsOutput {
    const group = this.groupOfIdentifier(input);
    const names = input.logStreamNames;
    const prefix = optional(input, 'logStreamNamePrefix', 'string');
    if (names !== undefined && prefix !== undefined) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive');
    if (names !== undefined && (!Array.isArray(names) || names.length < 1 || names.length > 100)) throw constraintViolation('logStreamNames', names, 'Member must have length between 1 and 100');
    const limit = optionalLimit(input, 'limit', 10_000);
    const startTime = optional(input, 'startTime', 'number');
    const endTime = optional(input, 'endTime', 'number');
    const pattern = optional(input, 'filterPattern', 'string');
    let matches: FilterPredicate;
    try {
      matches = compileFilterPattern(pattern);
    } catch (error) {
      if (error instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}`);
      throw error;
    }
    this.expire(group);
    const scope = `FilterLogEvents:${group.name}:${JSON.stringify([names, prefix, startTime, endTime, pattern])}`;
    const after = input.nextToken === undefined ? undefined : decodeToken(input.nextToken, scope);
    const candidates: { stream: string; event: StoredEvent; key: string }[] = [];
    for (const stream of group.streams.values()) {
      if (names !== undefined && !names.includes(stream.name)) continue;
      if (prefix !== undefined && !stream.name.startsWith(prefix)) continue;
      for (const event of stream.events) {
        if (startTime !== undefined && event.timestamp < startTime) continue;
        if (endTime !== undefined && event.timestamp > endTime) continue;
        const key = keyOf(event);
        if (after !== undefined && key <= after) continue;
        if (matches(event.message)) candidates.push({ stream: stream.name, event, key });
      }
    }
    candidates.sort((a, b) => (a.key < b.key ? -1 : 1));
    const page = candidates.slice(0, limit);
    const output: FilterLogEventsOutput = {
      events: page.map(({ stream, event }) => ({ logStreamName: stream, timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime, eventId: eventIdOf(event) })),
      searchedLogStreams: [],
    };
    if (candidates.length > page.length) output.nextToken = encodePageToken(scope, (page.at(-1) as { key: string }).key);
    return output;
  }

  // --- internals -------------------------------------------------------------------------------

  private ingest(group: Group, stream: Stream, events: readonly InputLogEvent[]): void {
    if (events.length === 0) return;
    const now = this.clock.now();
    const stored = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++this.seq }));
    const last = stream.events.at(-1);
    stream.events.push(...stored);
    if (last && (stored[0] as StoredEvent).timestamp < last.timestamp) stream.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    stream.lastIngestionTime = now;
    const appended: LogsAppendedEvent = {
      logGroupName: group.name,
      logStreamName: stream.name,
      events: stored.map((e) => ({ logStreamName: stream.name, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: eventIdOf(e) })),
    };
    for (const listener of this.listeners) listener(appended);
  }

  /** Drops events older than the group's retention (AWS deletes them some time after; here at the next read). */
  private expire(group: Group): void {
    if (group.retentionInDays === undefined) return;
    const cutoff = this.clock.now() - group.retentionInDays * DAY_MS;
    for (const stream of group.streams.values()) {
      if ((stream.events[0]?.timestamp ?? Infinity) < cutoff) stream.events = stream.events.filter((e) => e.timestamp >= cutoff);
    }
  }

  private groupOf(input: { logGroupName?: string }): Group {
    const name = requiredString(input, 'logGroupName');
    const group = this.groups.get(name);
    if (!group) throw logGroupNotFound();
    return group;
  }

  /** The group of `logGroupName` or `logGroupIdentifier` (a name or an ARN), exactly one of them. */
  private groupOfIdentifier(input: { logGroupName?: string; logGroupIdentifier?: string }): Group {
    const name = optional(input, 'logGroupName', 'string');
    const identifier = optional(input, 'logGroupIdentifier', 'string');
    if ((name === undefined) === (identifier === undefined)) throw invalidParameter('LogGroupName and LogGroupIdentifier are mutually exclusive, and one of them is required.');
    const arnPrefix = `arn:aws:logs:${this.region}:${this.accountId}:log-group:`;
    const resolved = name ?? (identifier?.startsWith(arnPrefix) ? identifier.slice(arnPrefix.length).replace(/:\*$/, '') : identifier);
    const group = this.groups.get(resolved as string);
    if (!group) throw logGroupNotFound();
    return group;
  }

  private describeGroup(group: Group): LogGroup {
    const arn = this.logGroupArn(group.name);
    const out: LogGroup = {
      logGroupName: group.name,
      creationTime: group.creationTime,
      metricFilterCount: 0,
      arn: `${arn}:*`,
      logGroupArn: arn,
      storedBytes: [...group.streams.values()].reduce((sum, s) => sum + s.events.reduce((n, e) => n + Buffer.byteLength(e.message, 'utf8'), 0), 0),
      logGroupClass: 'STANDARD',
    };
    if (group.retentionInDays !== undefined) out.retentionInDays = group.retentionInDays;
    if (group.kmsKeyId !== undefined) out.kmsKeyId = group.kmsKeyId;
    return out;
  }

  private describeStream(group: Group, stream: Stream): LogStream {
    const out: LogStream = {
      logStreamName: stream.name,
      creationTime: stream.creationTime,
      uploadSequenceToken: String(this.seq).padStart(56, '0'),
      arn: `${this.logGroupArn(group.name)}:log-stream:${stream.name}`,
      storedBytes: 0,
    };
    if (stream.events.length) {
      out.firstEventTimestamp = (stream.events[0] as StoredEvent).timestamp;
      out.lastEventTimestamp = (stream.events.at(-1) as StoredEvent).timestamp;
    }
    if (stream.lastIngestionTime !== undefined) out.lastIngestionTime = stream.lastIngestionTime;
    return out;
  }
}

function checkGroupName(name: string): void {
  if (!GROUP_NAME.test(name)) throw constraintViolation('logGroupName', name, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ and have length between 1 and 512');
}

function checkStreamName(name: string): void {
  if (!STREAM_NAME.test(name)) throw constraintViolation('logStreamName', name, 'Member must satisfy regular expression pattern: [^:*]* and have length between 1 and 512');
}

function requiredString(input: object, field: string): string {
  const value = (input as Record<string, unknown>)[field];
  if (value === undefined || value === null) throw constraintViolation(field, null, 'Member must not be null');
  if (typeof value !== 'string') throw constraintViolation(field, value, 'Member must be a string');
  return value;
}

function optional<T extends 'string' | 'number' | 'boolean'>(input: object, field: string, type: T): (T extends 'string' ? string : T extends 'number' ? number : boolean) | undefined {
  const value = (input as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw constraintViolation(field, value, `Member must be a ${type}`);
  return value as never;
}

function optionalLimit(input: object, field: string, max: number): number {
  const value = optional(input, field, 'number');
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1 || value > max) throw constraintViolation(field, value, `Member must have value between 1 and ${max}`);
  return value;
}

function decodeToken(token: string, scope: string): string {
  const after = decodePageToken(scope, token);
  if (after === undefined) throw invalidParameter('The specified nextToken is not valid.');
  return after;
}
