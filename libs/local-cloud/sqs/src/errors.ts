/**
 * SQS's errors, with the codes each protocol uses: the JSON name (the SDK v3 exception class) and
 * the Query code (`AWS.SimpleQueueService.NonExistentQueue`, what the CLI prints), as SQS's API
 * model pairs them (`awsQueryError` traits), and AWS's messages where they are documented.
 */
import { AwsError } from '@onboarding/local-aws-core';

const error = (code: string, message: string, queryCode = code, statusCode = 400) => new AwsError(code, message, { queryCode, statusCode });

export const queueDoesNotExist = () => error('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
export const queueNameExists = (attribute: string) =>
  error('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${attribute}`, 'QueueAlreadyExists');
export const queueDeletedRecently = () =>
  error('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.', 'AWS.SimpleQueueService.QueueDeletedRecently');
export const invalidAddress = (url: string) => error('InvalidAddress', `The address ${url} is not valid for this endpoint.`, 'InvalidAddress', 404);
export const invalidAttributeName = (name: string) => error('InvalidAttributeName', `Unknown Attribute ${name}.`);
export const invalidAttributeValue = (name: string, reason: string) => error('InvalidAttributeValue', `Invalid value for the parameter ${name}. Reason: ${reason}`);
export const invalidParameterValue = (name: string, value: unknown, reason: string) =>
  error('InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
export const missingParameter = (name: string) => error('MissingParameter', `The request must contain the parameter ${name}.`);
export const invalidMessageContents = (reason: string) => error('InvalidMessageContents', reason);
export const receiptHandleIsInvalid = (handle: string) =>
  error('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 'ReceiptHandleIsInvalid', 404);
export const messageNotInflight = () => error('MessageNotInflight', 'The message referred to is not in flight.', 'AWS.SimpleQueueService.MessageNotInflight');
export const purgeQueueInProgress = (queueName: string) =>
  error('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, 'AWS.SimpleQueueService.PurgeQueueInProgress', 403);
export const emptyBatchRequest = () => error('EmptyBatchRequest', 'There should be at least one entry in the request.', 'AWS.SimpleQueueService.EmptyBatchRequest');
export const tooManyEntriesInBatchRequest = (count: number) =>
  error('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
export const batchEntryIdsNotDistinct = (id: string) => error('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
export const invalidBatchEntryId = () =>
  error('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 'AWS.SimpleQueueService.InvalidBatchEntryId');
export const batchRequestTooLong = (limit: number) =>
  error('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');
export const unsupportedOperation = (message: string) => error('UnsupportedOperation', message, 'AWS.SimpleQueueService.UnsupportedOperation');
