/**
 * The local SQS engine: standard queues in memory, with AWS's visibility timeouts, long polling,
 * delays, retention, redrive to a dead-letter queue, purge and batch operations. Its methods take
 * and return the SQS API's shapes (the SDK v3 names), so a test can call it as it would call SQS,
 * and the endpoint (`createSqsHandler`) maps both wire protocols onto it.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, decodePageToken, encodePageToken, systemClock, type Clock } from '@onboarding/local-aws-core';
import {
  batchEntryIdsNotDistinct,
  batchRequestTooLong,
  emptyBatchRequest,
  invalidAddress,
  invalidAttributeName,
  invalidBatchEntryId,
  invalidParameterValue,
  messageNotInflight,
  missingParameter,
  purgeQueueInProgress,
  queueDeletedRecently,
  queueDoesNotExist,
  queueNameExists,
  receiptHandleIsInvalid,
  tooManyEntriesInBatchRequest,
  unsupportedOperation,
} from './errors';
import { optionalInteger, optionalString, optionalStringList, optionalStringMap, requiredString } from './input';
import { md5OfBody, md5OfMessageAttributes } from './md5';
import { checkBody, checkMessageAttributes } from './message-validation';
import { DEFAULT_QUEUE_ATTRIBUTES, isKnownAttributeName, parseRedrivePolicy, READ_ONLY_ATTRIBUTES, validateQueueAttributes } from './queue-attributes';
import type {
  BatchOutput,
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchInput,
  ChangeMessageVisibilityInput,
  CreateQueueInput,
  DeleteMessageBatchInput,
  GetQueueAttributesInput,
  GetQueueUrlInput,
  ListDeadLetterSourceQueuesInput,
  ListQueuesInput,
  ListQueuesOutput,
  MessageAttributeValue,
  ReceiptInput,
  ReceivedMessage,
  ReceiveMessageInput,
  ReceiveMessageOutput,
  SendMessageBatchEntry,
  SendMessageBatchOutput,
  SendMessageInput,
  SendMessageOutput,
  SetQueueAttributesInput,
  TagQueueInput,
  UntagQueueInput,
  QueueUrlInput,
} from './types';

/** Options of {@link SqsEngine}. */
export interface SqsEngineOptions {
  /** @default '000000000000' */
  accountId?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default systemClock */
  clock?: Clock;
  /**
   * The base of queue URLs when a call carries none (the endpoint passes the URL the client used).
   * @default 'http://127.0.0.1'
   */
  baseUrl?: string;
}

/** Per-call facts the endpoint passes along. */
export interface SqsCallContext {
  /** Base of the queue URLs in answers, e.g. `http://127.0.0.1:4710`. */
  baseUrl?: string;
  /** Stops a long poll early (the client went away): it answers no messages. */
  signal?: AbortSignal;
  /** The sender's identity (its access key id), answered as the `SenderId` attribute. */
  senderId?: string;
}

/** What happened in the engine, for whoever watches (a console, a journal, a test). */
export type SqsEngineEvent =
  | { type: 'queue-created' | 'queue-deleted' | 'queue-purged'; queueName: string }
  | { type: 'message-sent' | 'message-received' | 'message-deleted' | 'message-expired'; queueName: string; messageId: string }
  | { type: 'message-dead-lettered'; queueName: string; messageId: string; deadLetterQueueName: string };

/** A message as it sits in a queue (for inspection; {@link SqsEngine.peek} returns copies). */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  awsTraceHeader?: string;
  senderId: string;
  /** Epoch ms of the original send; retention counts from it, also in a dead-letter queue. */
  sentTimestamp: number;
  /** Epoch ms from which the message can be received (after its delay or visibility timeout). */
  availableAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The latest receive: its handle, and when it happened (the 12-hour visibility limit counts from it). */
  receipt?: { handle: string; receivedAt: number };
  deadLetterQueueSourceArn?: string;
}

interface Queue {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdTimestamp: number;
  lastModifiedTimestamp: number;
  messages: Map<string, StoredMessage>;
  lastPurgeAt?: number;
  waiters: Set<() => void>;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_VISIBILITY_MS = 43_200_000;
const PURGE_INTERVAL_MS = 60_000;
const RECREATE_AFTER_DELETE_MS = 60_000;
const MAX_BATCH_BYTES = 1_048_576;
const SYSTEM_ATTRIBUTE_NAMES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'];
const FIFO_SYSTEM_ATTRIBUTES = ['SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId'];

/** The local SQS engine. See the README for what it emulates and what it does not. */
export class SqsEngine {
  readonly accountId: string;
  readonly region: string;
  private readonly clock: Clock;
  private readonly baseUrl: string;
  private readonly queues = new Map<string, Queue>();
  private readonly deletedAt = new Map<string, number>();
  private readonly listeners = new Set<(event: SqsEngineEvent) => void>();

  constructor(options: SqsEngineOptions = {}) {
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.clock = options.clock ?? systemClock;
    this.baseUrl = (options.baseUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
  }

  /** Calls `listener` with every {@link SqsEngineEvent}; returns the function that stops it. */
  subscribe(listener: (event: SqsEngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The URL of a queue as this engine answers it. */
  queueUrl(queueName: string, baseUrl = this.baseUrl): string {
    return `${baseUrl.replace(/\/+$/, '')}/${this.accountId}/${queueName}`;
  }

  /** The ARN of a queue of this engine's account and region. */
  queueArn(queueName: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${queueName}`;
  }

  /** The name of the queue an ARN designates, when it is one of this engine's queues. */
  queueNameOfArn(arn: string): string | undefined {
    const prefix = `arn:aws:sqs:${this.region}:${this.accountId}:`;
    const name = arn.startsWith(prefix) ? arn.slice(prefix.length) : undefined;
    return name !== undefined && this.queues.has(name) ? name : undefined;
  }

  /** Copies of the messages of a queue, in send order, without receiving them (for consoles and tests). */
  peek(queueName: string): StoredMessage[] {
    const queue = this.queues.get(queueName);
    if (!queue) throw queueDoesNotExist();
    this.expire(queue);
    return [...queue.messages.values()].map((m) => structuredClone(m));
  }

  createQueue(input: CreateQueueInput, context: SqsCallContext = {}): { QueueUrl: string } {
    const name = requiredString(input, 'QueueName');
    if (name.endsWith('.fifo')) throw unsupportedOperation('The local SQS emulates standard queues only: FIFO queues are not supported, and no template declares one.');
    if (!QUEUE_NAME.test(name)) throw invalidParameterValue('QueueName', name, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    const attributes = validateQueueAttributes(optionalStringMap(input, 'Attributes') ?? {});
    const tags = optionalStringMap(input, 'tags') ?? {};
    this.checkDeadLetterTarget(attributes['RedrivePolicy']);
    const url = this.queueUrl(name, context.baseUrl);
    const existing = this.queues.get(name);
    if (existing) {
      for (const [key, value] of Object.entries(attributes)) {
        if ((existing.attributes[key] ?? DEFAULT_QUEUE_ATTRIBUTES[key] ?? '') !== value) throw queueNameExists(key);
      }
      return { QueueUrl: url };
    }
    const deletedAt = this.deletedAt.get(name);
    if (deletedAt !== undefined && this.clock.now() - deletedAt < RECREATE_AFTER_DELETE_MS) throw queueDeletedRecently();
    const now = this.clock.now();
    const merged = { ...DEFAULT_QUEUE_ATTRIBUTES, ...attributes };
    if (attributes['KmsMasterKeyId'] && attributes['SqsManagedSseEnabled'] === undefined) merged['SqsManagedSseEnabled'] = 'false';
    this.queues.set(name, { name, arn: this.queueArn(name), attributes: merged, tags: { ...tags }, createdTimestamp: now, lastModifiedTimestamp: now, messages: new Map(), waiters: new Set() });
    this.emit({ type: 'queue-created', queueName: name });
    return { QueueUrl: url };
  }

  getQueueUrl(input: GetQueueUrlInput, context: SqsCallContext = {}): { QueueUrl: string } {
    const name = requiredString(input, 'QueueName');
    const owner = optionalString(input, 'QueueOwnerAWSAccountId');
    if ((owner !== undefined && owner !== this.accountId) || !this.queues.has(name)) throw queueDoesNotExist();
    return { QueueUrl: this.queueUrl(name, context.baseUrl) };
  }

  listQueues(input: ListQueuesInput = {}, context: SqsCallContext = {}): ListQueuesOutput {
    const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
    const maxResults = optionalInteger(input, 'MaxResults', 1, 1000, 'Must be between 1 and 1000, if provided.');
    const token = optionalString(input, 'NextToken');
    if (token !== undefined && maxResults === undefined) throw invalidParameterValue('NextToken', token, 'MaxResults must be set when NextToken is set.');
    const after = token === undefined ? undefined : decodeToken(token, 'ListQueues');
    const names = [...this.queues.keys()].filter((n) => n.startsWith(prefix) && (after === undefined || n > after)).sort();
    const page = names.slice(0, maxResults ?? 1000);
    const output: ListQueuesOutput = page.length ? { QueueUrls: page.map((n) => this.queueUrl(n, context.baseUrl)) } : {};
    if (maxResults !== undefined && names.length > page.length) output.NextToken = encodePageToken('ListQueues', page[page.length - 1] as string);
    return output;
  }

  getQueueAttributes(input: GetQueueAttributesInput): { Attributes?: Record<string, string> } {
    const queue = this.queueOf(input);
    const names = optionalStringList(input, 'AttributeNames') ?? [];
    for (const name of names) if (!isKnownAttributeName(name)) throw invalidAttributeName(name);
    this.expire(queue);
    const all = this.allAttributes(queue);
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const attributes: Record<string, string> = {};
    for (const name of wanted) if (all[name] !== undefined) attributes[name] = all[name] as string;
    return Object.keys(attributes).length ? { Attributes: attributes } : {};
  }

  setQueueAttributes(input: SetQueueAttributesInput): Record<string, never> {
    const queue = this.queueOf(input);
    const attributes = validateQueueAttributes(optionalStringMap(input, 'Attributes') ?? {});
    this.checkDeadLetterTarget(attributes['RedrivePolicy'], queue.name);
    if (attributes['KmsMasterKeyId'] && attributes['SqsManagedSseEnabled'] === undefined) attributes['SqsManagedSseEnabled'] = 'false';
    for (const [key, value] of Object.entries(attributes)) {
      if (value === '' && (key === 'RedrivePolicy' || key === 'RedriveAllowPolicy' || key === 'Policy' || key === 'KmsMasterKeyId')) delete queue.attributes[key];
      else queue.attributes[key] = value;
    }
    queue.lastModifiedTimestamp = this.clock.now();
    this.notify(queue);
    return {};
  }

  sendMessage(input: SendMessageInput, context: SqsCallContext = {}): SendMessageOutput {
    const queue = this.queueOf(input);
    return this.send(queue, input, context);
  }

  sendMessageBatch(input: QueueUrlInput & { Entries: SendMessageBatchEntry[] }, context: SqsCallContext = {}): SendMessageBatchOutput {
    const queue = this.queueOf(input);
    const entries = checkBatch(input);
    const total = entries.reduce((sum, e) => sum + (typeof e.MessageBody === 'string' ? Buffer.byteLength(e.MessageBody, 'utf8') : 0), 0);
    if (total > MAX_BATCH_BYTES) throw batchRequestTooLong(MAX_BATCH_BYTES);
    const output: SendMessageBatchOutput = { Successful: [], Failed: [] };
    for (const entry of entries) {
      try {
        output.Successful.push({ Id: entry.Id, ...this.send(queue, entry, context) });
      } catch (error) {
        output.Failed.push(failedEntry(entry.Id, error));
      }
    }
    return output;
  }

  /** Receives up to MaxNumberOfMessages, waiting up to WaitTimeSeconds (long polling) when none is visible yet. */
  async receiveMessage(input: ReceiveMessageInput, context: SqsCallContext = {}): Promise<ReceiveMessageOutput> {
    let queue = this.queueOf(input);
    const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
    const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ?? Number(queue.attributes['VisibilityTimeout']);
    const wait = optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? Number(queue.attributes['ReceiveMessageWaitTimeSeconds']);
    const systemNames = [...(optionalStringList(input, 'AttributeNames') ?? []), ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? [])];
    for (const name of systemNames) {
      if (name !== 'All' && !SYSTEM_ATTRIBUTE_NAMES.includes(name) && !FIFO_SYSTEM_ATTRIBUTES.includes(name) && !isKnownAttributeName(name)) throw invalidAttributeName(name);
    }
    const attributeNames = optionalStringList(input, 'MessageAttributeNames') ?? [];
    const deadline = this.clock.now() + wait * 1000;
    for (;;) {
      // A caller that hung up takes nothing: a message must not go in flight to nobody.
      if (context.signal?.aborted) return {};
      const taken = this.take(queue, max, visibility);
      if (taken.length > 0 || this.clock.now() >= deadline) {
        return taken.length ? { Messages: taken.map((m) => this.received(m, systemNames, attributeNames)) } : {};
      }
      await this.waitForChange(queue, deadline, context.signal);
      const still = this.queues.get(queue.name);
      if (still !== queue) return {};
      queue = still;
    }
  }

  deleteMessage(input: ReceiptInput): Record<string, never> {
    const queue = this.queueOf(input);
    this.deleteByReceipt(queue, requiredString(input, 'ReceiptHandle'));
    return {};
  }

  deleteMessageBatch(input: DeleteMessageBatchInput): BatchOutput {
    const queue = this.queueOf(input);
    return runBatch(checkBatch(input), (entry) => this.deleteByReceipt(queue, requiredString(entry, 'ReceiptHandle')));
  }

  changeMessageVisibility(input: ChangeMessageVisibilityInput): Record<string, never> {
    const queue = this.queueOf(input);
    this.changeVisibility(queue, requiredString(input, 'ReceiptHandle'), input);
    return {};
  }

  changeMessageVisibilityBatch(input: ChangeMessageVisibilityBatchInput): BatchOutput {
    const queue = this.queueOf(input);
    return runBatch(checkBatch(input), (entry) => this.changeVisibility(queue, requiredString(entry, 'ReceiptHandle'), entry));
  }

  purgeQueue(input: QueueUrlInput): Record<string, never> {
    const queue = this.queueOf(input);
    const now = this.clock.now();
    if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < PURGE_INTERVAL_MS) throw purgeQueueInProgress(queue.name);
    queue.lastPurgeAt = now;
    queue.messages.clear();
    this.emit({ type: 'queue-purged', queueName: queue.name });
    return {};
  }

  deleteQueue(input: QueueUrlInput): Record<string, never> {
    const queue = this.queueOf(input);
    this.queues.delete(queue.name);
    this.deletedAt.set(queue.name, this.clock.now());
    this.notify(queue);
    this.emit({ type: 'queue-deleted', queueName: queue.name });
    return {};
  }

  tagQueue(input: TagQueueInput): Record<string, never> {
    const queue = this.queueOf(input);
    const tags = optionalStringMap(input, 'Tags') ?? {};
    if (Object.keys({ ...queue.tags, ...tags }).length > 50) throw invalidParameterValue('Tags', Object.keys(tags).length, 'A queue can have at most 50 tags.');
    Object.assign(queue.tags, tags);
    return {};
  }

  untagQueue(input: UntagQueueInput): Record<string, never> {
    const queue = this.queueOf(input);
    for (const key of optionalStringList(input, 'TagKeys') ?? []) delete queue.tags[key];
    return {};
  }

  listQueueTags(input: QueueUrlInput): { Tags?: Record<string, string> } {
    const queue = this.queueOf(input);
    return Object.keys(queue.tags).length ? { Tags: { ...queue.tags } } : {};
  }

  listDeadLetterSourceQueues(input: ListDeadLetterSourceQueuesInput, context: SqsCallContext = {}): { queueUrls: string[]; NextToken?: string } {
    const target = this.queueOf(input);
    const maxResults = optionalInteger(input, 'MaxResults', 1, 1000, 'Must be between 1 and 1000, if provided.');
    const token = optionalString(input, 'NextToken');
    const after = token === undefined ? undefined : decodeToken(token, 'ListDeadLetterSourceQueues');
    const sources = [...this.queues.values()]
      .filter((q) => q.attributes['RedrivePolicy'] && parseRedrivePolicy(q.attributes['RedrivePolicy']).deadLetterTargetArn === target.arn)
      .map((q) => q.name)
      .filter((n) => after === undefined || n > after)
      .sort();
    const page = sources.slice(0, maxResults ?? 1000);
    const output: { queueUrls: string[]; NextToken?: string } = { queueUrls: page.map((n) => this.queueUrl(n, context.baseUrl)) };
    if (maxResults !== undefined && sources.length > page.length) output.NextToken = encodePageToken('ListDeadLetterSourceQueues', page[page.length - 1] as string);
    return output;
  }

  // --- internals -------------------------------------------------------------------------------

  private emit(event: SqsEngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private queueOf(input: QueueUrlInput): Queue {
    const url = requiredString(input, 'QueueUrl');
    const path = /^(?:https?:\/\/[^/]+)?\/(\d{12})\/([^/?#]+)\/?$/.exec(url) ?? /^()([A-Za-z0-9_-]{1,80})$/.exec(url);
    if (!path) throw invalidAddress(url);
    const [, account, name] = path as unknown as [string, string, string];
    const queue = account === '' || account === this.accountId ? this.queues.get(decodeURIComponent(name)) : undefined;
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  private checkDeadLetterTarget(redrivePolicy: string | undefined, sourceName?: string): void {
    if (!redrivePolicy) return;
    const { deadLetterTargetArn } = parseRedrivePolicy(redrivePolicy);
    const target = this.queueNameOfArn(deadLetterTargetArn);
    if (target === undefined) throw invalidParameterValue('RedrivePolicy', redrivePolicy, 'Dead letter target does not exist.');
    if (target === sourceName) throw invalidParameterValue('RedrivePolicy', redrivePolicy, 'A queue cannot be its own dead-letter queue.');
  }

  private allAttributes(queue: Queue): Record<string, string> {
    const now = this.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of queue.messages.values()) {
      if (m.availableAt <= now) visible++;
      else if (m.receipt) inFlight++;
      else delayed++;
    }
    const computed: Record<(typeof READ_ONLY_ATTRIBUTES)[number], string> = {
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      ApproximateNumberOfMessagesDelayed: String(delayed),
      CreatedTimestamp: String(Math.floor(queue.createdTimestamp / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestamp / 1000)),
      QueueArn: queue.arn,
    };
    return { ...queue.attributes, ...computed };
  }

  private send(queue: Queue, input: Omit<SendMessageInput, 'QueueUrl'>, context: SqsCallContext): SendMessageOutput {
    const body = optionalString(input, 'MessageBody');
    if (body === undefined) throw missingParameter('MessageBody');
    const bodyBytes = checkBody(body);
    const attributeBytes = checkMessageAttributes(input.MessageAttributes);
    const system = input.MessageSystemAttributes;
    if (system !== undefined) {
      for (const name of Object.keys(system)) if (name !== 'AWSTraceHeader') throw invalidParameterValue('MessageSystemAttributes', name, 'The only supported message system attribute is AWSTraceHeader.');
    }
    const traceHeader = system?.['AWSTraceHeader'];
    if (traceHeader !== undefined && (traceHeader.DataType !== 'String' || typeof traceHeader.StringValue !== 'string')) {
      throw invalidParameterValue('MessageSystemAttributes', 'AWSTraceHeader', 'AWSTraceHeader must be a String attribute.');
    }
    if (optionalString(input, 'MessageGroupId') !== undefined || optionalString(input, 'MessageDeduplicationId') !== undefined) {
      throw invalidParameterValue('MessageGroupId', input.MessageGroupId ?? input.MessageDeduplicationId, 'The request include parameter that is not valid for this queue type.');
    }
    const maxSize = Number(queue.attributes['MaximumMessageSize']);
    if (bodyBytes + attributeBytes > maxSize) throw invalidParameterValue('MessageBody', '(too long)', `Message must be shorter than ${maxSize} bytes.`);
    const delay = optionalInteger(input, 'DelaySeconds', 0, 900, 'Must be >= 0 and <= 900, if provided.') ?? Number(queue.attributes['DelaySeconds']);
    const now = this.clock.now();
    const messageAttributes = input.MessageAttributes && Object.keys(input.MessageAttributes).length ? cloneAttributes(input.MessageAttributes) : undefined;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5OfBody(body),
      messageAttributes,
      awsTraceHeader: traceHeader?.StringValue,
      senderId: context.senderId ?? this.accountId,
      sentTimestamp: now,
      availableAt: now + delay * 1000,
      receiveCount: 0,
    };
    queue.messages.set(message.messageId, message);
    this.emit({ type: 'message-sent', queueName: queue.name, messageId: message.messageId });
    this.notify(queue);
    const output: SendMessageOutput = { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
    const md5Attributes = md5OfMessageAttributes(messageAttributes);
    if (md5Attributes) output.MD5OfMessageAttributes = md5Attributes;
    if (traceHeader) output.MD5OfMessageSystemAttributes = md5OfMessageAttributes({ AWSTraceHeader: traceHeader });
    return output;
  }

  private expire(queue: Queue): void {
    const retentionMs = Number(queue.attributes['MessageRetentionPeriod']) * 1000;
    const now = this.clock.now();
    for (const message of queue.messages.values()) {
      if (now - message.sentTimestamp >= retentionMs) {
        queue.messages.delete(message.messageId);
        this.emit({ type: 'message-expired', queueName: queue.name, messageId: message.messageId });
      }
    }
  }

  /** Takes up to `max` visible messages, moving those past maxReceiveCount to the dead-letter queue instead. */
  private take(queue: Queue, max: number, visibilitySeconds: number): StoredMessage[] {
    this.expire(queue);
    const now = this.clock.now();
    const redrive = queue.attributes['RedrivePolicy'] ? parseRedrivePolicy(queue.attributes['RedrivePolicy']) : undefined;
    const deadLetterQueue = redrive ? this.queues.get(this.queueNameOfArn(redrive.deadLetterTargetArn) ?? '') : undefined;
    const taken: StoredMessage[] = [];
    for (const message of queue.messages.values()) {
      if (taken.length >= max) break;
      if (message.availableAt > now) continue;
      if (redrive && deadLetterQueue && deadLetterQueue !== queue && message.receiveCount >= redrive.maxReceiveCount) {
        this.moveToDeadLetterQueue(queue, message, deadLetterQueue);
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.receipt = { handle: encodeReceipt(queue.name, message.messageId), receivedAt: now };
      message.availableAt = now + visibilitySeconds * 1000;
      taken.push(message);
      this.emit({ type: 'message-received', queueName: queue.name, messageId: message.messageId });
    }
    return taken;
  }

  private moveToDeadLetterQueue(source: Queue, message: StoredMessage, target: Queue): void {
    source.messages.delete(message.messageId);
    const moved: StoredMessage = { ...message, availableAt: this.clock.now(), receipt: undefined, deadLetterQueueSourceArn: source.arn };
    target.messages.set(moved.messageId, moved);
    this.emit({ type: 'message-dead-lettered', queueName: source.name, messageId: message.messageId, deadLetterQueueName: target.name });
    this.notify(target);
  }

  private received(message: StoredMessage, systemNames: readonly string[], attributeNames: readonly string[]): ReceivedMessage {
    const out: ReceivedMessage = { MessageId: message.messageId, ReceiptHandle: message.receipt?.handle as string, MD5OfBody: message.md5OfBody, Body: message.body };
    const everySystem = systemNames.includes('All');
    const system: Record<string, string | undefined> = {
      SenderId: message.senderId,
      SentTimestamp: String(message.sentTimestamp),
      ApproximateReceiveCount: String(message.receiveCount),
      ApproximateFirstReceiveTimestamp: message.firstReceiveTimestamp === undefined ? undefined : String(message.firstReceiveTimestamp),
      AWSTraceHeader: message.awsTraceHeader,
      DeadLetterQueueSourceArn: message.deadLetterQueueSourceArn,
    };
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(system)) if (value !== undefined && (everySystem || systemNames.includes(name))) attributes[name] = value;
    if (Object.keys(attributes).length) out.Attributes = attributes;
    if (message.messageAttributes) {
      const selected: Record<string, MessageAttributeValue> = {};
      for (const [name, value] of Object.entries(message.messageAttributes)) {
        if (attributeNames.some((wanted) => wanted === 'All' || wanted === '.*' || wanted === name || (wanted.endsWith('.*') && name.startsWith(wanted.slice(0, -1))))) {
          selected[name] = cloneAttributes({ [name]: value })[name] as MessageAttributeValue;
        }
      }
      if (Object.keys(selected).length) {
        out.MessageAttributes = selected;
        out.MD5OfMessageAttributes = md5OfMessageAttributes(selected);
      }
    }
    return out;
  }

  private messageOfReceipt(queue: Queue, handle: string): StoredMessage | undefined {
    const decoded = decodeReceipt(handle);
    if (!decoded || decoded.queueName !== queue.name) throw receiptHandleIsInvalid(handle);
    return queue.messages.get(decoded.messageId);
  }

  private deleteByReceipt(queue: Queue, handle: string): void {
    const message = this.messageOfReceipt(queue, handle);
    // SQS: an earlier receive's handle "succeeds, but the message will not be deleted".
    if (!message || message.receipt?.handle !== handle) return;
    queue.messages.delete(message.messageId);
    this.emit({ type: 'message-deleted', queueName: queue.name, messageId: message.messageId });
  }

  private changeVisibility(queue: Queue, handle: string, input: { VisibilityTimeout?: number }): void {
    const timeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
    if (timeout === undefined) throw invalidParameterValue('VisibilityTimeout', undefined, 'VisibilityTimeout is required.');
    const message = this.messageOfReceipt(queue, handle);
    const now = this.clock.now();
    if (!message) throw receiptHandleIsInvalid(handle);
    if (!message.receipt || message.receipt.handle !== handle || message.availableAt <= now) throw messageNotInflight();
    if (now + timeout * 1000 - message.receipt.receivedAt > MAX_VISIBILITY_MS) {
      throw invalidParameterValue('VisibilityTimeout', timeout, 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    }
    message.availableAt = now + timeout * 1000;
    this.notify(queue);
  }

  private notify(queue: Queue): void {
    for (const waiter of [...queue.waiters]) waiter();
  }

  /** Resolves when the queue changes, when its next invisible message becomes visible, at the deadline, or on abort. */
  private waitForChange(queue: Queue, deadline: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const now = this.clock.now();
      let wakeAt = deadline;
      for (const m of queue.messages.values()) if (m.availableAt > now && m.availableAt < wakeAt) wakeAt = m.availableAt;
      const done = () => {
        timer.cancel();
        queue.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = this.clock.setTimer(wakeAt - now, done);
      queue.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

function cloneAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>): Record<string, MessageAttributeValue> {
  const copy: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    copy[name] = { DataType: value.DataType, ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}), ...(value.BinaryValue !== undefined ? { BinaryValue: Uint8Array.from(value.BinaryValue) } : {}) };
  }
  return copy;
}

function checkBatch<T extends { Id: string }>(input: { Entries: T[] }): T[] {
  const entries = (input as { Entries?: unknown }).Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) throw emptyBatchRequest();
  if (!Array.isArray(entries)) throw invalidParameterValue('Entries', entries, 'Must be a list.');
  if (entries.length > 10) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries as T[]) {
    if (typeof entry?.Id !== 'string' || !BATCH_ID.test(entry.Id)) throw invalidBatchEntryId();
    if (seen.has(entry.Id)) throw batchEntryIdsNotDistinct(entry.Id);
    seen.add(entry.Id);
  }
  return entries as T[];
}

function failedEntry(id: string, error: unknown): BatchResultErrorEntry {
  if (error instanceof AwsError) return { Id: id, SenderFault: error.fault === 'client', Code: error.queryCode, Message: error.message };
  throw error;
}

function runBatch<T extends { Id: string }>(entries: T[], apply: (entry: T) => void): BatchOutput {
  const output: BatchOutput = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      apply(entry);
      output.Successful.push({ Id: entry.Id });
    } catch (error) {
      output.Failed.push(failedEntry(entry.Id, error));
    }
  }
  return output;
}

function encodeReceipt(queueName: string, messageId: string): string {
  return Buffer.from(`${queueName} ${messageId} ${randomUUID()}`, 'utf8').toString('base64');
}

function decodeReceipt(handle: string): { queueName: string; messageId: string } | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64').toString('utf8').split(' ');
  if (parts.length !== 3 || !QUEUE_NAME.test(parts[0] as string)) return undefined;
  return { queueName: parts[0] as string, messageId: parts[1] as string };
}

function decodeToken(token: string, scope: string): string {
  const after = decodePageToken(scope, token);
  if (after === undefined) throw invalidParameterValue('NextToken', token, 'Invalid NextToken value.');
  return after;
}
