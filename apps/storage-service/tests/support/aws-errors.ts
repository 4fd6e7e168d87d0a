/** AWS errors as the SDK raises them, for error-mapping tests. */
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';

/** An S3 error response with `name` (the S3 error code) and HTTP status. */
export const s3Error = (name: string, httpStatusCode: number): Error =>
  new S3ServiceException({ name, message: name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });

/** S3 asking for a slower request rate. */
export const slowDown = (): Error => s3Error('SlowDown', 503);

/** DynamoDB throttling, as the idempotency table raises it. */
export const throttled = (): Error =>
  new DynamoDBServiceException({ name: 'ThrottlingException', message: 'Rate exceeded', $fault: 'client', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } });
