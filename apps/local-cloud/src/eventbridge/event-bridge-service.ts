/**
 * The local event bus: the rules and targets the templates declare, behind the EventBridge wire
 * protocol (AWS JSON 1.1). PutEvents validates entries as EventBridge does, gives each accepted one
 * an id and a time, matches it against every enabled rule of its bus (patterns compiled once, by
 * `@onboarding/event-patterns`), shapes the input of each matched target and hands it to `deliver`
 * through a queue, after the PutEvents answer, as EventBridge does.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compilePattern, InvalidEventPatternError, type CompiledPattern } from '@onboarding/event-patterns';
import { LOCAL_ACCOUNT, LOCAL_REGION, type CloudModel, type EventBusModel, type PutEvents, type PutEventsEntry, type RuleModel, type RuleTargetModel } from '../model';
import {
  AwsServiceError,
  createAwsJsonHandler,
  decodePageToken,
  encodePageToken,
  optionalInteger,
  optionalString,
  requiredString,
  validationError,
} from './aws-json-protocol';
import { DeliveryQueue, type DeliveryJob, type DeliveryQueueOptions } from './delivery-queue';
import { compileTargetInput, type CompiledTargetInput, type EventEnvelope, type TargetInput } from './target-input';

/** An event the bus accepted: the event as delivered, its bus and the rules it matched. */
export interface RecordedEvent extends EventEnvelope {
  eventBusName: string;
  /** Names of the rules the event matched (empty when none did). */
  matchedRules: string[];
}

/** A delivery that failed for good (after its retries), kept rather than lost. */
export interface DeadLetter {
  event: RecordedEvent;
  ruleName: string;
  targetId: string;
  targetArn: string;
  /** The target's dead-letter queue, when the template sets one. */
  deadLetterArn?: string;
  errorName: string;
  errorMessage: string;
  attempts: number;
}

/** Options of {@link createEventBridgeService}. */
export interface EventBridgeServiceOptions {
  model: CloudModel;
  /**
   * Delivers one matched event to one target. `event` is the event, or what the target's
   * Input/InputPath/InputTransformer made of it. A rejection is retried (unless the error is the
   * caller's fault: `fault`/`$fault` `client` or a 4xx `statusCode`), then kept as a dead letter.
   */
  deliver(target: RuleTargetModel, event: TargetInput, rule: RuleModel): Promise<void>;
  now?: () => Date;
  /** Tuning of the delivery queue (concurrency, retry backoff). */
  delivery?: Omit<DeliveryQueueOptions<BusDelivery>, 'onDeadLetter' | 'nowMs'> & {
    /** Retries per delivery, below the target's own `MaximumRetryAttempts`. @default 3 */
    maxRetries?: number;
  };
  /** Accepted events kept for `events()`; the oldest are forgotten past this. @default 10000 */
  maxRecordedEvents?: number;
  /** Called for each dead letter (e.g. to forward it to the target's DLQ). */
  onDeadLetter?: (letter: DeadLetter) => void;
  /**
   * The journal of accepted work (src/persistence, with --data-dir): `accepted` is awaited before
   * PutEvents answers; `settled` is called when one target's delivery ended (`deadLettered` when it
   * became a dead letter). Targets are named `<rule>/<targetId>`.
   */
  journal?: {
    accepted(events: { event: EventEnvelope; eventBusName: string; targets: string[] }[]): Promise<void>;
    settled(eventId: string, target: string, deadLettered: boolean): void;
  };
}

/** The local EventBridge. */
export interface EventBridgeService {
  /** `node:http` request listener for the EventBridge wire protocol. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** PutEvents, for in-process callers (the Step Functions `events:putEvents` integration). */
  putEvents: PutEvents;
  /** Accepted events, oldest first. */
  events(): RecordedEvent[];
  /** Deliveries that failed for good. */
  deadLetters(): DeadLetter[];
  /** Resolves when every accepted event has been delivered (or dead-lettered). */
  idle(): Promise<void>;
  /**
   * Delivers an accepted event again, keeping its id, to the targets the rules of its bus match
   * (only those named in `targets`, as `<rule>/<targetId>`, when given): recovery after a restart
   * and dead-letter replay. Resolves with the targets it was queued for, once journaled.
   */
  redeliver(event: EventEnvelope, eventBusName: string, targets?: string[]): Promise<string[]>;
}

const DEFAULT_BUS = 'default';
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;
const TIME_ENTRY_BYTES = 14;
/** EventBridge's default RetryPolicy: 185 attempts within 24 hours. */
const DEFAULT_MAX_EVENT_AGE_SECONDS = 24 * 60 * 60;

/** A delivery, with what its dead letter would say. */
interface BusDelivery extends DeliveryJob {
  letter: Omit<DeadLetter, 'errorName' | 'errorMessage' | 'attempts'>;
}

interface CompiledTarget {
  target: RuleTargetModel;
  input: CompiledTargetInput;
}

interface CompiledRule {
  rule: RuleModel;
  matches(event: EventEnvelope): boolean;
  targets: CompiledTarget[];
}

interface Bus {
  model: EventBusModel;
  rules: CompiledRule[];
}

/** A rule or target that cannot be loaded (its pattern or input settings would be refused by EventBridge). */
export class InvalidRuleError extends Error {
  override readonly name = 'InvalidRuleError';
}

function busArn(name: string): string {
  return `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:event-bus/${name}`;
}

/** `name` or `arn:...:event-bus/name` to a bus name. */
function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  const marker = ':event-bus/';
  const at = nameOrArn.indexOf(marker);
  return nameOrArn.startsWith('arn:') && at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}

/** ISO-8601 to the second, the format of an event's `time`. */
function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function utf8Bytes(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

/** Entry size as the EventBridge user guide computes it ("Calculating PutEvents event entry size"). */
function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? TIME_ENTRY_BYTES : 0;
  size += utf8Bytes(entry.Source) + utf8Bytes(entry.DetailType) + utf8Bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += typeof resource === 'string' ? utf8Bytes(resource) : 0;
  return size;
}

function ruleDescription(rule: RuleModel, busName: string): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: JSON.stringify(rule.eventPattern),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    EventBusName: busName,
  };
}

function targetDescription(target: RuleTargetModel): Record<string, unknown> {
  return {
    Id: target.id,
    Arn: target.arn,
    ...(target.input !== undefined ? { Input: target.input } : {}),
    ...(target.inputPath !== undefined ? { InputPath: target.inputPath } : {}),
    ...(target.inputTransformer !== undefined ? { InputTransformer: target.inputTransformer } : {}),
    ...(target.deadLetterArn !== undefined ? { DeadLetterConfig: { Arn: target.deadLetterArn } } : {}),
    ...(target.retryPolicy !== undefined ? { RetryPolicy: target.retryPolicy } : {}),
  };
}

/** Pages through a sorted list with an opaque token holding the last name returned. */
function page<T>(items: T[], keyOf: (item: T) => string, scope: string, nextToken: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const after = decodePageToken(scope, nextToken);
    if (typeof after !== 'string') throw validationError('The NextToken is not valid for this request');
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  const last = slice[slice.length - 1];
  return more && last !== undefined ? { items: slice, nextToken: encodePageToken(scope, keyOf(last)) } : { items: slice };
}

/**
 * Creates the local EventBridge from the model.
 * @throws InvalidRuleError when a rule's pattern or a target's input settings would be refused by EventBridge
 */
export function createEventBridgeService(options: EventBridgeServiceOptions): EventBridgeService {
  const now = options.now ?? (() => new Date());
  const maxRecorded = options.maxRecordedEvents ?? 10_000;
  const maxRetries = options.delivery?.maxRetries ?? 3;
  const recorded: RecordedEvent[] = [];
  const deadLetters: DeadLetter[] = [];

  const buses = new Map<string, Bus>();
  buses.set(DEFAULT_BUS, { model: { name: DEFAULT_BUS, arn: busArn(DEFAULT_BUS), app: 'local-cloud', stackName: '', logicalId: '' }, rules: [] });
  for (const bus of options.model.buses) buses.set(bus.name, { model: bus, rules: [] });

  for (const rule of options.model.rules) {
    const bus = buses.get(busNameOf(rule.eventBusName));
    if (!bus) throw new InvalidRuleError(`Rule ${rule.name} (${rule.app}/${rule.stackName}) is on event bus ${rule.eventBusName}, which no template declares`);
    let matcher: CompiledPattern;
    try {
      matcher = compilePattern(rule.eventPattern);
    } catch (cause) {
      throw new InvalidRuleError(`Rule ${rule.name} (${rule.app}/${rule.stackName}) has an invalid event pattern: ${(cause as Error).message}`, { cause });
    }
    const targets = rule.targets.map((target) => ({ target, input: compileTargetInput(rule, target) }));
    bus.rules.push({ rule, matches: (event) => matcher.matches(event), targets });
  }

  const queue = new DeliveryQueue<BusDelivery>({
    ...options.delivery,
    nowMs: () => now().getTime(),
    onDeadLetter(job, error, attempts) {
      const letter = { ...job.letter, errorName: (error as Error)?.name ?? 'Error', errorMessage: (error as Error)?.message ?? String(error), attempts };
      deadLetters.push(letter);
      options.onDeadLetter?.(letter);
      options.journal?.settled(job.letter.event.id, `${job.letter.ruleName}/${job.letter.targetId}`, true);
    },
  });

  function record(event: RecordedEvent): void {
    recorded.push(event);
    // Trim in batches, so a long run does not pay a shift per event.
    if (recorded.length > maxRecorded * 1.1) recorded.splice(0, recorded.length - maxRecorded);
  }

  /** `delivery.targets` collects the targets queued; `only` limits them; `again` marks a redelivery (not recorded twice). */
  function route(bus: Bus, event: EventEnvelope, receivedAt: Date, delivery: { targets?: string[]; only?: Set<string>; again?: boolean } = {}): RecordedEvent {
    const matched: CompiledRule[] = [];
    for (const rule of bus.rules) if (rule.rule.state === 'ENABLED' && rule.matches(event)) matched.push(rule);
    const recordedEvent: RecordedEvent = { ...event, eventBusName: bus.model.name, matchedRules: matched.map((r) => r.rule.name) };
    if (!delivery.again) record(recordedEvent);
    const ingestionTime = receivedAt.toISOString();
    for (const { rule, targets } of matched) {
      for (const { target, input } of targets) {
        const key = `${rule.name}/${target.id}`;
        if (delivery.only && !delivery.only.has(key)) continue;
        delivery.targets?.push(key);
        const job: BusDelivery = {
          run: async () => {
            await options.deliver(target, input.render(event, ingestionTime), rule);
            options.journal?.settled(event.id, key, false);
          },
          maxRetries: Math.min(maxRetries, target.retryPolicy?.MaximumRetryAttempts ?? maxRetries),
          maxAgeMs: (target.retryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000,
          acceptedAt: receivedAt.getTime(),
          letter: { event: recordedEvent, ruleName: rule.name, targetId: target.id, targetArn: target.arn, ...(target.deadLetterArn ? { deadLetterArn: target.deadLetterArn } : {}) },
        };
        queue.enqueue(job);
      }
    }
    return recordedEvent;
  }

  type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

  function invalidArgument(field: string, reason: string): EntryResult {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${reason}` };
  }

  type Journaled = { event: EventEnvelope; eventBusName: string; targets: string[] };

  function acceptEntry(entry: PutEventsEntry, receivedAt: Date, journaled?: Journaled[]): EntryResult {
    if (entry === null || typeof entry !== 'object') return invalidArgument('Entry', 'Entry must be an object.');
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      const value = entry[field];
      if (value === undefined || value === null || value === '') return invalidArgument(field, `${field} is a required argument.`);
      if (typeof value !== 'string') return invalidArgument(field, `${field} must be a string.`);
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail as string);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    if (entry.Resources !== undefined && entry.Resources !== null && (!Array.isArray(entry.Resources) || entry.Resources.some((r) => typeof r !== 'string'))) {
      return invalidArgument('Resources', 'Resources must be a list of strings.');
    }
    let time = receivedAt;
    if (entry.Time !== undefined && entry.Time !== null) {
      // The SDKs send epoch seconds; a string is accepted for hand-written requests.
      const parsed = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date(entry.Time);
      if (Number.isNaN(parsed.getTime())) return invalidArgument('Time', 'Time is not a valid timestamp.');
      time = parsed;
    }
    const busName = busNameOf(entry.EventBusName ?? undefined);
    const bus = buses.get(busName);
    if (!bus) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` };
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: LOCAL_ACCOUNT,
      time: eventTime(time),
      region: LOCAL_REGION,
      resources: entry.Resources ? [...entry.Resources] : [],
      detail,
    };
    const targets: string[] = [];
    route(bus, event, receivedAt, { targets });
    journaled?.push({ event, eventBusName: bus.model.name, targets });
    return { EventId: event.id };
  }

  const putEvents: PutEvents = async (entries) => {
    if (!Array.isArray(entries) || entries.length === 0) throw validationError("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");
    if (entries.length > MAX_ENTRIES) {
      throw validationError(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`);
    }
    let total = 0;
    for (const entry of entries) total += entry && typeof entry === 'object' ? entrySize(entry) : 0;
    if (total > MAX_REQUEST_BYTES) throw validationError('Total size of the entries in the request is over the limit.');
    const receivedAt = now();
    const journaled: Journaled[] | undefined = options.journal ? [] : undefined;
    const results = entries.map((entry) => acceptEntry(entry, receivedAt, journaled));
    // Accepted means kept: with a journal, the answer waits until the events are on disk.
    if (options.journal && journaled && journaled.length > 0) await options.journal.accepted(journaled);
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  };

  function requireBus(nameOrArn: string | undefined): Bus {
    const name = busNameOf(nameOrArn);
    const bus = buses.get(name);
    if (!bus) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  function requireRule(bus: Bus, name: string): CompiledRule {
    const rule = bus.rules.find((r) => r.rule.name === name);
    if (!rule) throw new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus.model.name}.`);
    return rule;
  }

  /** Compiles a pattern given as text, refusing it as EventBridge does. */
  function compilePatternText(text: string): CompiledPattern {
    try {
      return compilePattern(text);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) throw new AwsServiceError('InvalidEventPatternException', error.message);
      throw error;
    }
  }

  const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

  const operations = {
    PutEvents: async (input: Record<string, unknown>) => {
      const entries = input['Entries'];
      if (!Array.isArray(entries)) throw validationError("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
      return putEvents(entries as PutEventsEntry[]);
    },
    TestEventPattern: (input: Record<string, unknown>) => {
      const pattern = compilePatternText(requiredString(input, 'EventPattern'));
      let event: unknown;
      try {
        event = JSON.parse(requiredString(input, 'Event'));
      } catch (error) {
        if (error instanceof AwsServiceError) throw error;
        throw new AwsServiceError('InvalidEventPatternException', 'Event is not valid. Reason: it is not valid JSON.');
      }
      if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new AwsServiceError('InvalidEventPatternException', 'Event is not valid. Reason: it must be a JSON object.');
      const missing = REQUIRED_EVENT_FIELDS.filter((field) => !Object.hasOwn(event as object, field));
      if (missing.length > 0) throw new AwsServiceError('InvalidEventPatternException', `Event is not valid. Reason: the field(s) ${missing.join(', ')} are required.`);
      return { Result: pattern.matches(event) };
    },
    ListRules: (input: Record<string, unknown>) => {
      const bus = requireBus(optionalString(input, 'EventBusName'));
      const prefix = optionalString(input, 'NamePrefix') ?? '';
      const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
      const rules = bus.rules.map((r) => r.rule).filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const result = page(rules, (r) => r.name, `rules:${bus.model.name}:${prefix}`, optionalString(input, 'NextToken'), limit);
      return { Rules: result.items.map((rule) => ruleDescription(rule, bus.model.name)), ...(result.nextToken ? { NextToken: result.nextToken } : {}) };
    },
    DescribeRule: (input: Record<string, unknown>) => {
      const bus = requireBus(optionalString(input, 'EventBusName'));
      const { rule } = requireRule(bus, requiredString(input, 'Name'));
      return { ...ruleDescription(rule, bus.model.name), CreatedBy: LOCAL_ACCOUNT };
    },
    ListTargetsByRule: (input: Record<string, unknown>) => {
      const bus = requireBus(optionalString(input, 'EventBusName'));
      const { rule } = requireRule(bus, requiredString(input, 'Rule'));
      const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
      const targets = [...rule.targets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const result = page(targets, (t) => t.id, `targets:${bus.model.name}:${rule.name}`, optionalString(input, 'NextToken'), limit);
      return { Targets: result.items.map(targetDescription), ...(result.nextToken ? { NextToken: result.nextToken } : {}) };
    },
    ListEventBuses: (input: Record<string, unknown>) => {
      const prefix = optionalString(input, 'NamePrefix') ?? '';
      const limit = optionalInteger(input, 'Limit', 1, 100) ?? 100;
      const all = [...buses.values()].map((b) => b.model).filter((b) => b.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const result = page(all, (b) => b.name, `buses:${prefix}`, optionalString(input, 'NextToken'), limit);
      return { EventBuses: result.items.map((b) => ({ Name: b.name, Arn: b.arn })), ...(result.nextToken ? { NextToken: result.nextToken } : {}) };
    },
    DescribeEventBus: (input: Record<string, unknown>) => {
      const bus = requireBus(optionalString(input, 'Name'));
      return { Name: bus.model.name, Arn: bus.model.arn };
    },
  };

  const handle = createAwsJsonHandler({ targetPrefix: 'AWSEvents', jsonVersion: '1.1', operations, internalErrorCode: 'InternalException' });

  return {
    handle,
    putEvents,
    events: () => recorded.slice(),
    deadLetters: () => deadLetters.slice(),
    idle: () => queue.idle(),
    redeliver: async (event, eventBusName, targets) => {
      const bus = buses.get(busNameOf(eventBusName));
      if (!bus) return [];
      const queued: string[] = [];
      const only = targets ? new Set(targets) : undefined;
      route(bus, event, now(), { targets: queued, ...(only ? { only } : {}), again: true });
      if (options.journal && queued.length > 0) await options.journal.accepted([{ event, eventBusName: bus.model.name, targets: queued }]);
      return queued;
    },
  };
}
