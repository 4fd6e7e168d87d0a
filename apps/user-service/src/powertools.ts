/**
 * Powertools instances of the user service, at module scope (one per cold start): the logger with
 * the service name, and the idempotency store on the service's own table.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDbClient } from './adapters/aws-clients';
import type { UserServiceConfig } from './config';

/** Logs JSON with `service: user-service`; handlers append `signupId` and `tenantId`. */
export const logger = new Logger({ serviceName: 'user-service' });

/**
 * A persistence layer for one step's idempotency records. One per step: the step name is the key
 * prefix (`CreateUser#<hash>`), and a layer remembers the prefix it was configured with.
 */
export function idempotencyStore(config: UserServiceConfig): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName, awsSdkV3Client: dynamoDbClient });
}
