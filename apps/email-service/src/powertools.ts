/** Powertools instances of the email service, created once per cold start. */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';

/** The `service` key of every log line. */
export const SERVICE_NAME = 'email-service';

/** The structured logger. Never give it an email address or a name. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/** Where idempotency records live: the table the stack creates for this service. */
export const idempotencyPersistence = new DynamoDBPersistenceLayer({ tableName: loadConfig().idempotencyTableName });

/**
 * One record per signup. It outlives the state machine's retries by far, so a replayed or redriven
 * execution within a day still finds the first result instead of sending a second email.
 */
export const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'signupId', expiresAfterSeconds: 24 * 60 * 60 });
