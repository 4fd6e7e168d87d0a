/**
 * Lambda entry point of the CreateUser step, invoked by the state machine (`lambda:invoke`) with
 * the step payload as the event (contract `@onboarding/contract-create-user-v1`). Returns the step
 * output; throws errors the contract names.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { CreateUserV1, type CreateUserInputV1, type CreateUserOutputV1 } from '@onboarding/contract-create-user-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { documentClient } from '../adapters/aws-clients';
import { DynamoDbUserRepository } from '../adapters/dynamodb-user-repository';
import { loadConfig } from '../config';
import { createUser } from '../domain/create-user';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const users = new DynamoDbUserRepository(documentClient, config.usersTableName);

/**
 * Keyed by signupId and execution: a retried or redelivered invocation within one execution returns
 * the first answer without writing, while a new execution of the signup (a replay after DeleteUser
 * undid this step) creates the user again instead of answering "created" from a record of deleted
 * work. `createUser` is itself repeatable per signupId (conditional writes), so two executions
 * never make two users. Without an `executionName` (a direct invoke) the key is the signupId alone.
 */
const createUserOnce = makeIdempotent(
  // The context argument lets Powertools bound an in-progress record by the invocation's remaining time.
  (input: CreateUserInputV1, _context: Context): Promise<CreateUserOutputV1> => createUser(input, { users, now: () => new Date() }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: '[signupId, executionName]' }),
    keyPrefix: 'CreateUser',
  },
);

/** Creates the signup's user (or answers as the first time did); see `createUser`. */
export async function handler(event: unknown, context: Context): Promise<CreateUserOutputV1> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(CreateUserV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await createUserOnce(input, context);
    logger.info('User created', { userId: output.userId });
    return writeStepOutput(CreateUserV1, output);
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('CreateUser failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
