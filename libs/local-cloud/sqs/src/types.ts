/**
 * The inputs and outputs of the engine's operations: the shapes of SQS's API (the names the SDK v3
 * uses), with binary values as bytes. The endpoint maps both wire protocols onto these.
 */

/** A message attribute: `String`, `Number` or `Binary`, optionally with a `.custom` suffix. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}
export interface QueueUrlInput {
  QueueUrl: string;
}
export interface GetQueueUrlInput {
  QueueName: string;
  QueueOwnerAWSAccountId?: string;
}
export interface ListQueuesInput {
  QueueNamePrefix?: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}
export interface GetQueueAttributesInput extends QueueUrlInput {
  AttributeNames?: string[];
}
export interface SetQueueAttributesInput extends QueueUrlInput {
  Attributes: Record<string, string>;
}
export interface SendMessageInput extends QueueUrlInput {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageSystemAttributes?: Record<string, MessageAttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface SendMessageOutput {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
}
export interface SendMessageBatchEntry extends Omit<SendMessageInput, 'QueueUrl'> {
  Id: string;
}
export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}
export interface SendMessageBatchOutput {
  Successful: (SendMessageOutput & { Id: string })[];
  Failed: BatchResultErrorEntry[];
}
export interface ReceiveMessageInput extends QueueUrlInput {
  /** Deprecated by SQS in favour of `MessageSystemAttributeNames`; both are honoured. */
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}
export interface ReceiveMessageOutput {
  Messages?: ReceivedMessage[];
}
export interface ReceiptInput extends QueueUrlInput {
  ReceiptHandle: string;
}
export interface ChangeMessageVisibilityInput extends ReceiptInput {
  VisibilityTimeout: number;
}
export interface DeleteMessageBatchInput extends QueueUrlInput {
  Entries: { Id: string; ReceiptHandle: string }[];
}
export interface ChangeMessageVisibilityBatchInput extends QueueUrlInput {
  Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[];
}
export interface BatchOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}
export interface TagQueueInput extends QueueUrlInput {
  Tags: Record<string, string>;
}
export interface UntagQueueInput extends QueueUrlInput {
  TagKeys: string[];
}
export interface ListDeadLetterSourceQueuesInput extends QueueUrlInput {
  MaxResults?: number;
  NextToken?: string;
}
