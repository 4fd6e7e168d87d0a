/**
 * The AWS SDK clients of the user service, created once per cold start. No endpoint is set here:
 * locally, `AWS_ENDPOINT_URL_DYNAMODB` points them at the local cloud.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Bounded waits: without them a stalled connection holds the invocation until the Lambda time-out,
 * which the state machine sees as `States.Timeout` instead of a retryable `UserStoreUnavailableError`.
 */
export const dynamoDbClient = new DynamoDBClient({
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
});

/** The users table is read and written with plain objects; marshalling is lib-dynamodb's job. */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient);
