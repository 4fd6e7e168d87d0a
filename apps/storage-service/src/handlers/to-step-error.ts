/**
 * The last word on what a step throws. The state machine retries and catches by error name, so a
 * transient failure of the idempotency table must surface as the step's retryable
 * `StorageUnavailableError` (the step's own dependency is unavailable; a retry is safe), not as
 * Powertools' `IdempotencyPersistenceLayerError`, which the state machine does not know.
 */
import { isTransientAwsError } from '@onboarding/aws-runtime';
import { InvalidStepInputError } from '@onboarding/events';
import { StorageUnavailableError } from '../domain/errors';

/** Returns the error to throw from a handler for `error`. */
export function toStepError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'IdempotencyPersistenceLayerError' && isTransientAwsError(error.cause)) {
    return new StorageUnavailableError('Idempotency table unavailable', { cause: error });
  }
  return error;
}

/** What to log about a failure: its name, and for a refused payload the offending fields. */
export function failureLogAttributes(error: unknown): { errorName: string; fields?: string[] } {
  if (error instanceof InvalidStepInputError) return { errorName: error.name, fields: error.fields };
  return { errorName: error instanceof Error ? error.name : typeof error };
}
