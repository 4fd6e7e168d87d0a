/**
 * The AWS SDK clients of the storage service, created once per cold start. No endpoint is set here:
 * locally, `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL_DYNAMODB` point them at the local cloud.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { StorageServiceConfig } from '../config';

/**
 * Bounded waits: without them a stalled connection holds the invocation until the Lambda time-out,
 * which the state machine sees as `States.Timeout` instead of a retryable `StorageUnavailableError`.
 */
const requestHandler = { connectionTimeout: 1_000, requestTimeout: 3_000 };

/** The client of the idempotency table. */
export const dynamoDbClient = new DynamoDBClient({ maxAttempts: 3, requestHandler });

/** An S3 client; path-style addressing when the configuration asks for it (see config.ts for why). */
export function createS3Client(config: Pick<StorageServiceConfig, 's3ForcePathStyle'>): S3Client {
  return new S3Client({ maxAttempts: 3, requestHandler, forcePathStyle: config.s3ForcePathStyle });
}
