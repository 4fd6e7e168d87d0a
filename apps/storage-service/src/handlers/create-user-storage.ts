/**
 * Lambda entry point of the CreateUserStorage step, invoked by the state machine (`lambda:invoke`)
 * with the step payload as the event. Returns the step output; throws errors named in
 * its contract (`@onboarding/contract-create-user-storage-v1`).
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { CreateUserStorageV1, type CreateUserStorageInputV1, type CreateUserStorageOutputV1 } from '@onboarding/contract-create-user-storage-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { createS3Client } from '../adapters/aws-clients';
import { S3UserStorage } from '../adapters/s3-user-storage';
import { loadConfig } from '../config';
import { createUserStorage } from '../domain/create-user-storage';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const storage = new S3UserStorage(createS3Client(config), config.bucketName);

/**
 * Keyed by signupId and execution: a retried or redelivered invocation within one execution returns
 * the first answer without calling S3, while a new execution of the signup (a replay after
 * DeleteUserStorage removed the prefix) puts the prefix again instead of answering "created" from a
 * record of deleted work. Re-putting the marker is harmless, so two executions make one prefix.
 */
const createUserStorageOnce = makeIdempotent(
  // The context argument lets Powertools bound an in-progress record by the invocation's remaining time.
  (input: CreateUserStorageInputV1, _context: Context): Promise<CreateUserStorageOutputV1> => createUserStorage(input, { storage }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: '[signupId, executionName]' }),
    keyPrefix: 'CreateUserStorage',
  },
);

/** Creates the user's prefix (or answers as the first time did); see `createUserStorage`. */
export async function handler(event: unknown, context: Context): Promise<CreateUserStorageOutputV1> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(CreateUserStorageV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await createUserStorageOnce(input, context);
    logger.info('User storage created', { userId: input.userId, prefix: output.prefix });
    return writeStepOutput(CreateUserStorageV1, output);
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('CreateUserStorage failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
