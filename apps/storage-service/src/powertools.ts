/**
 * Powertools instances of the storage service, at module scope (one per cold start): the logger
 * with the service name, and the idempotency store on the service's own table.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDbClient } from './adapters/aws-clients';
import type { StorageServiceConfig } from './config';

/** Logs JSON with `service: storage-service`; handlers append `signupId` and `tenantId`. */
export const logger = new Logger({ serviceName: 'storage-service' });

/**
 * A persistence layer for one step's idempotency records. One per step: the step name is the key
 * prefix (`CreateUserStorage#<hash>`), and a layer remembers the prefix it was configured with.
 */
export function idempotencyStore(config: StorageServiceConfig): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName, awsSdkV3Client: dynamoDbClient });
}
