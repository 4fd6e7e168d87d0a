/**
 * Lambda entry point of the DeleteUserStorage step, the compensation of CreateUserStorage, invoked
 * by the state machine (`lambda:invoke`) with the step payload as the event. Returns the step
 * output; throws errors named in its contract (`@onboarding/contract-delete-user-storage-v1`).
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DeleteUserStorageV1, type DeleteUserStorageInputV1, type DeleteUserStorageOutputV1 } from '@onboarding/contract-delete-user-storage-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { createS3Client } from '../adapters/aws-clients';
import { S3UserStorage } from '../adapters/s3-user-storage';
import { loadConfig } from '../config';
import { deleteUserStorage } from '../domain/delete-user-storage';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const storage = new S3UserStorage(createS3Client(config), config.bucketName);

/**
 * Keyed by signupId and execution under its own prefix (so its records never answer for
 * CreateUserStorage's): a retry within one execution is answered from the record, while the
 * compensation of a later execution (a replay that failed again) deletes what that execution put.
 */
const deleteUserStorageOnce = makeIdempotent(
  (input: DeleteUserStorageInputV1, _context: Context): Promise<DeleteUserStorageOutputV1> => deleteUserStorage(input, { storage }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: '[signupId, executionName]' }),
    keyPrefix: 'DeleteUserStorage',
  },
);

/** Deletes every object under the user's prefix, and nothing else; see `deleteUserStorage`. */
export async function handler(event: unknown, context: Context): Promise<DeleteUserStorageOutputV1> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(DeleteUserStorageV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await deleteUserStorageOnce(input, context);
    logger.info('User storage deleted', { userId: input.userId, deletedObjects: output.deletedObjects });
    return writeStepOutput(DeleteUserStorageV1, output);
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('DeleteUserStorage failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
