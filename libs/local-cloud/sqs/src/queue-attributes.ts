/**
 * The settable attributes of a standard queue: their ranges and defaults as the SQS API reference
 * gives them, and the redrive policy. Values are strings on the wire and here.
 */
import { invalidAttributeName, invalidAttributeValue, unsupportedOperation } from './errors';

/** A parsed `RedrivePolicy`. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

const integerRanges: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

/** Defaults of a new standard queue (SSE-SQS is on by default for queues created since 2022). */
export const DEFAULT_QUEUE_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

const SETTABLE = new Set([...Object.keys(integerRanges), 'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled']);
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
/** Attributes GetQueueAttributes computes. */
export const READ_ONLY_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** Whether `name` is an attribute GetQueueAttributes knows. */
export function isKnownAttributeName(name: string): boolean {
  return name === 'All' || SETTABLE.has(name) || FIFO_ONLY.has(name) || (READ_ONLY_ATTRIBUTES as readonly string[]).includes(name);
}

/** Parses a RedrivePolicy JSON string, refusing what SQS refuses. */
export function parseRedrivePolicy(text: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidAttributeValue('RedrivePolicy', 'Redrive policy is not a valid JSON map.');
  }
  const policy = parsed as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  if (typeof policy !== 'object' || policy === null || typeof policy.deadLetterTargetArn !== 'string') {
    throw invalidAttributeValue('RedrivePolicy', 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (!/^arn:[^:]+:sqs:[^:]+:\d{12}:[\w-]{1,80}$/.test(policy.deadLetterTargetArn)) {
    throw invalidAttributeValue('RedrivePolicy', `Dead-letter target ${policy.deadLetterTargetArn} is not a valid SQS queue ARN.`);
  }
  const count = typeof policy.maxReceiveCount === 'string' ? Number(policy.maxReceiveCount) : policy.maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidAttributeValue('RedrivePolicy', 'Value for parameter maxReceiveCount must be an integer between 1 and 1000.');
  }
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: count };
}

/**
 * Validates attributes given to CreateQueue or SetQueueAttributes and returns them normalized.
 * Throws on the first bad one, so that nothing is applied.
 */
export function validateQueueAttributes(attributes: Readonly<Record<string, unknown>>): Record<string, string> {
  const valid: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (FIFO_ONLY.has(name)) {
      if (name === 'FifoQueue' && String(raw) === 'false') continue;
      throw unsupportedOperation(`The local SQS emulates standard queues only: ${name} (FIFO queues) is not supported, and no template declares a FIFO queue.`);
    }
    if (!SETTABLE.has(name)) throw invalidAttributeName(name);
    if (typeof raw !== 'string') throw invalidAttributeValue(name, 'Attribute values must be strings.');
    const range = integerRanges[name];
    if (range) {
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < range[0] || value > range[1]) throw invalidAttributeValue(name, `Must be an integer from ${range[0]} to ${range[1]}.`);
      valid[name] = String(value);
    } else if (name === 'SqsManagedSseEnabled') {
      if (raw !== 'true' && raw !== 'false') throw invalidAttributeValue(name, 'Must be true or false.');
      valid[name] = raw;
    } else if (name === 'RedrivePolicy') {
      if (raw === '') valid[name] = '';
      else {
        const policy = parseRedrivePolicy(raw);
        valid[name] = JSON.stringify(policy);
      }
    } else if (name === 'Policy' || name === 'RedriveAllowPolicy') {
      if (raw !== '') {
        try {
          JSON.parse(raw);
        } catch {
          throw invalidAttributeValue(name, `${name} is not a valid JSON document.`);
        }
      }
      valid[name] = raw;
    } else {
      valid[name] = raw;
    }
  }
  if (valid['KmsMasterKeyId'] && valid['SqsManagedSseEnabled'] === 'true') {
    throw invalidAttributeValue('SqsManagedSseEnabled', 'Only one server-side encryption option (SSE-KMS or SSE-SQS) can be enabled on a queue.');
  }
  return valid;
}
