/** Powertools instances of the notifier, created once per cold start. */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';

/** The `service` key of every log line. */
export const SERVICE_NAME = 'notifier';

/** The structured logger. Never give it the webhook URL. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Where idempotency records live: the table the stack creates for this service. */
export const idempotencyPersistence = new DynamoDBPersistenceLayer({ tableName: loadConfig().idempotencyTableName });

/**
 * One record per signup, kept for a day: a replayed or redriven execution within that time finds
 * the first result instead of posting the same news twice.
 */
export const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'signupId', expiresAfterSeconds: 24 * 60 * 60 });
