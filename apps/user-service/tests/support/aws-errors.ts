/** AWS errors as the SDK raises them, for error-mapping tests. */
import { ConditionalCheckFailedException, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';

export const conditionFailed = (): Error => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });

export const throttled = (): Error =>
  new DynamoDBServiceException({ name: 'ThrottlingException', message: 'Rate exceeded', $fault: 'client', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } });
