/** The inputs and outputs of the engine's operations: the shapes of the CloudWatch Logs API (the SDK v3 names). */

export interface InputLogEvent {
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}
export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}
export interface FilteredLogEvent extends OutputLogEvent {
  logStreamName: string;
  eventId: string;
}
export interface LogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  metricFilterCount: number;
  arn: string;
  logGroupArn: string;
  storedBytes: number;
  logGroupClass: 'STANDARD';
  kmsKeyId?: string;
}
export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  arn: string;
  storedBytes: number;
}
export interface CreateLogGroupInput {
  logGroupName: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  logGroupClass?: string;
}
export interface LogGroupInput {
  logGroupName: string;
}
export interface DescribeLogGroupsInput {
  logGroupNamePrefix?: string;
  logGroupNamePattern?: string;
  limit?: number;
  nextToken?: string;
  logGroupIdentifiers?: string[];
}
export interface PutRetentionPolicyInput extends LogGroupInput {
  retentionInDays: number;
}
export interface LogStreamInput extends LogGroupInput {
  logStreamName: string;
}
export interface DescribeLogStreamsInput {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamNamePrefix?: string;
  orderBy?: 'LogStreamName' | 'LastEventTime';
  descending?: boolean;
  limit?: number;
  nextToken?: string;
}
export interface PutLogEventsInput extends LogStreamInput {
  logEvents: InputLogEvent[];
  sequenceToken?: string;
}
export interface PutLogEventsOutput {
  nextSequenceToken?: string;
  rejectedLogEventsInfo?: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number };
}
export interface GetLogEventsInput {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamName: string;
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
  unmask?: boolean;
}
export interface GetLogEventsOutput {
  events: OutputLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}
export interface FilterLogEventsInput {
  logGroupName?: string;
  logGroupIdentifier?: string;
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
  /** Deprecated by AWS: results are always interleaved. Accepted and ignored. */
  interleaved?: boolean;
  unmask?: boolean;
}
export interface FilterLogEventsOutput {
  events: FilteredLogEvent[];
  /** Deprecated by AWS ("returns an empty list"). */
  searchedLogStreams: [];
  nextToken?: string;
}
