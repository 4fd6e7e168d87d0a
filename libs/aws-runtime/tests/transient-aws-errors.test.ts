import { ConditionalCheckFailedException, DynamoDBServiceException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { MessageRejected, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { httpStatusOf, isNetworkFailure, isTransientAwsError, isTransientAwsErrorName } from '../src';

const s3Error = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, message: name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });

describe('isTransientAwsError', () => {
  it.each([
    ['DynamoDB throttling the SDK flagged retryable', new DynamoDBServiceException({ name: 'ThrottlingException', message: 'Rate exceeded', $fault: 'client', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } })],
    ['DynamoDB over its provisioned throughput', new DynamoDBServiceException({ name: 'ProvisionedThroughputExceededException', message: 'x', $fault: 'client', $metadata: { httpStatusCode: 400 } })],
    ['S3 asking for a slower rate', s3Error('SlowDown', 503)],
    ['an S3 internal error', s3Error('InternalError', 500)],
    ['SES throttling with HTTP 429', new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } })],
    ['any answer with HTTP 503', Object.assign(new Error('x'), { name: 'SomethingNew', $metadata: { httpStatusCode: 503 } })],
    ['a server fault without a status', Object.assign(new Error('x'), { name: 'SomethingNew', $fault: 'server', $metadata: {} })],
    ['a connection reset', networkError('ECONNRESET')],
    ['a failed name lookup', networkError('EAI_AGAIN')],
    ['the SDK giving up waiting', Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })],
  ])('is true for %s', (_case, error) => {
    expect(isTransientAwsError(error)).toBe(true);
  });

  it.each([
    ['a failed DynamoDB condition', new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } })],
    ['a missing table', new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: { httpStatusCode: 400 } })],
    ['SES refusing the message', new MessageRejected({ message: 'Email address is not verified', $metadata: { httpStatusCode: 400 } })],
    ['S3 denying access', s3Error('AccessDenied', 403)],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['a network code on an error that did get an answer', Object.assign(new Error('x'), { code: 'ECONNRESET', $metadata: { httpStatusCode: 400 } })],
    ['a string', 'ThrottlingException'],
    ['undefined', undefined],
    ['null', null],
  ])('is false for %s', (_case, error) => {
    expect(isTransientAwsError(error)).toBe(false);
  });
});

describe('isNetworkFailure', () => {
  it('is true for a request that never got an answer, and false for one that did', () => {
    expect(isNetworkFailure(networkError('ECONNREFUSED'))).toBe(true);
    expect(isNetworkFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(true);
    expect(isNetworkFailure(s3Error('SlowDown', 503))).toBe(false);
  });
});

describe('isTransientAwsErrorName', () => {
  it('recognizes the codes S3 DeleteObjects reports per key, and nothing else', () => {
    expect(['SlowDown', 'InternalError', 'ServiceUnavailable'].map(isTransientAwsErrorName)).toEqual([true, true, true]);
    expect(['AccessDenied', 'NoSuchKey', undefined].map(isTransientAwsErrorName)).toEqual([false, false, false]);
  });
});

describe('httpStatusOf', () => {
  it('reads the HTTP status of an SDK error, and is undefined when there was no answer', () => {
    expect(httpStatusOf(s3Error('SlowDown', 503))).toBe(503);
    expect(httpStatusOf(networkError('ETIMEDOUT'))).toBeUndefined();
    expect(httpStatusOf('not an error')).toBeUndefined();
  });
});
