/**
 * Lambda entry point of the CreateUser step, invoked by the state machine (`lambda:invoke`) with
 * the step payload as the event. Returns the step output; throws errors named in
 * `StepErrors.CreateUser`.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { CreateUserInput, executionNameOf, parseStepInput, type CreateUserOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { documentClient } from '../adapters/aws-clients';
import { DynamoDbUserRepository } from '../adapters/dynamodb-user-repository';
import { loadConfig } from '../config';
import { createUser } from '../domain/create-user';
import { idempotencyStore, logger } from '../powertools';
import { failureLogAttributes, toStepError } from './to-step-error';

const config = loadConfig();
const users = new DynamoDbUserRepository(documentClient, config.usersTableName);

/** Keyed by signupId: a redelivery of the same signup returns the first answer without writing. */
const createUserOnce = makeIdempotent(
  // The context argument lets Powertools bound an in-progress record by the invocation's remaining time.
  (input: CreateUserInput, _context: Context): Promise<CreateUserOutput> => createUser(input, { users, now: () => new Date() }),
  {
    persistenceStore: idempotencyStore(config),
    config: new IdempotencyConfig({ eventKeyJmesPath: 'signupId' }),
    keyPrefix: 'CreateUser',
  },
);

/** Creates the signup's user (or answers as the first time did); see `createUser`. */
export async function handler(event: unknown, context: Context): Promise<CreateUserOutput> {
  logger.addContext(context);
  // Appended before parsing, so a refused payload is logged with its execution too.
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(CreateUserInput, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await createUserOnce(input, context);
    logger.info('User created', { userId: output.userId });
    return output;
  } catch (error) {
    const stepError = toStepError(error);
    logger.error('CreateUser failed', failureLogAttributes(stepError));
    throw stepError;
  } finally {
    logger.resetKeys();
  }
}
