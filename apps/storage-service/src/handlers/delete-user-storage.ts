/**
 * Lambda entry point of the DeleteUserStorage step, the compensation of CreateUserStorage, invoked
 * by the state machine (`lambda:invoke`) with the step payload as the event. Returns the step
 * output; throws errors named in `StepErrors.DeleteUserStorage`.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DeleteUserStorageInput, executionNameOf, parseStepInput, type DeleteUserStorageOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { createS3Client } from '../adapters/aws-clients';
import { S3UserStorage } from '../adapters/s3-user-storage';
import { loadConfig } from '../config';
import { deleteUserStorage } from '../domain/delete-user-storage';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const storage = new S3UserStorage(createS3Client(config), config.bucketName);

/** Keyed by signupId under its own prefix, so its records never answer for CreateUserStorage's. */
const deleteUserStorageOnce = makeIdempotent(
  (input: DeleteUserStorageInput, _context: Context): Promise<DeleteUserStorageOutput> => deleteUserStorage(input, { storage }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: 'signupId' }),
    keyPrefix: 'DeleteUserStorage',
  },
);

/** Deletes every object under the user's prefix, and nothing else; see `deleteUserStorage`. */
export async function handler(event: unknown, context: Context): Promise<DeleteUserStorageOutput> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(DeleteUserStorageInput, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await deleteUserStorageOnce(input, context);
    logger.info('User storage deleted', { userId: input.userId, deletedObjects: output.deletedObjects });
    return output;
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('DeleteUserStorage failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
