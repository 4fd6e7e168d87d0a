/**
 * The last word on what a step throws. The state machine retries and catches by error name, so a
 * failure of the idempotency store (a DynamoDB table like the users table) that is transient must
 * surface as the step's retryable `UserStoreUnavailableError`, not as Powertools' own
 * `IdempotencyPersistenceLayerError`, which the state machine does not know.
 */
import { isTransientAwsError } from '@onboarding/aws-runtime';
import { InvalidStepInputError } from '@onboarding/events';
import { UserStoreUnavailableError } from '../domain/errors';

/** Returns the error to throw from a handler for `error`. */
export function toStepError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'IdempotencyPersistenceLayerError' && isTransientAwsError(error.cause)) {
    return new UserStoreUnavailableError('Idempotency table unavailable', { cause: error });
  }
  return error;
}

/**
 * What to log about a failure: its name, and for a refused payload the offending fields. Never the
 * message or the cause, which may quote personal data from the payload.
 */
export function failureLogAttributes(error: unknown): { errorName: string; fields?: string[] } {
  if (error instanceof InvalidStepInputError) return { errorName: error.name, fields: error.fields };
  return { errorName: error instanceof Error ? error.name : typeof error };
}
