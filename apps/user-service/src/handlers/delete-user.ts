/**
 * Lambda entry point of the DeleteUser step, the compensation of CreateUser, invoked by the state
 * machine (`lambda:invoke`) with the step payload as the event (contract
 * `@onboarding/contract-delete-user-v1`). Returns the step output; throws errors the contract names.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DeleteUserV1, type DeleteUserInputV1, type DeleteUserOutputV1 } from '@onboarding/contract-delete-user-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { documentClient } from '../adapters/aws-clients';
import { DynamoDbUserRepository } from '../adapters/dynamodb-user-repository';
import { loadConfig } from '../config';
import { deleteUser } from '../domain/delete-user';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const users = new DynamoDbUserRepository(documentClient, config.usersTableName);

/**
 * Keyed by signupId and execution under its own prefix (so its records never answer for
 * CreateUser's): a retry within one execution is answered from the record, while the compensation
 * of a later execution (a replay that failed again) deletes what that execution created.
 */
const deleteUserOnce = makeIdempotent(
  (input: DeleteUserInputV1, _context: Context): Promise<DeleteUserOutputV1> => deleteUser(input, { users }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: '[signupId, executionName]' }),
    keyPrefix: 'DeleteUser',
  },
);

/** Removes the signup's user and email claim, never another signup's; see `deleteUser`. */
export async function handler(event: unknown, context: Context): Promise<DeleteUserOutputV1> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(DeleteUserV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await deleteUserOnce(input, context);
    logger.info('User compensation done', { deleted: output.deleted });
    return writeStepOutput(DeleteUserV1, output);
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('DeleteUser failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
