/**
 * Powertools instances of signup-api, created once per cold start: the Logger and the persistence
 * layer of idempotency records.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config';
import { SERVICE_NAME } from './service-name';

/** Every log line carries `service: signup-api`; the handler appends `signupId` and `tenantId`. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Idempotency records in the stack's table (partition key `id`, TTL attribute `expiration`). */
export const idempotencyStore = new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName });
