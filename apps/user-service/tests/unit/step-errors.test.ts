import { CreateUserV1 } from '@onboarding/contract-create-user-v1';
import { DeleteUserV1 } from '@onboarding/contract-delete-user-v1';
import { stepErrorNames, type StepContract } from '@onboarding/events';
import { DuplicateUserError, UserStoreUnavailableError } from '../../src/domain/errors';
import { toStepError } from '../../src/handlers/to-step-error';
import { throttled } from '../support/aws-errors';

describe('user service errors', () => {
  const thrown: [Error, string, 'retryable' | 'permanent', StepContract][] = [
    [new DuplicateUserError('acme'), 'CreateUser', 'permanent', CreateUserV1],
    [new UserStoreUnavailableError('down'), 'CreateUser', 'retryable', CreateUserV1],
    [new UserStoreUnavailableError('down'), 'DeleteUser', 'retryable', DeleteUserV1],
  ];

  it.each(thrown)('%s is listed by the %s step contract as %s', (error, _step, kind, contract) => {
    expect(stepErrorNames(contract)[kind]).toContain(error.name);
  });

  it('names its errors with string literals, which survive minification', () => {
    expect(new DuplicateUserError('acme').name).toBe('DuplicateUserError');
    expect(new UserStoreUnavailableError('down').name).toBe('UserStoreUnavailableError');
  });

  it('throws no permanent error from DeleteUser, which its contract lists none for', () => {
    expect(DeleteUserV1.errors.permanent).toEqual([]);
  });
});

describe('toStepError', () => {
  const persistenceError = (cause: unknown) => Object.assign(new Error('Failed to save in progress record to idempotency store', { cause }), { name: 'IdempotencyPersistenceLayerError' });

  it('turns a transient idempotency-store failure into the retryable UserStoreUnavailableError', () => {
    expect(toStepError(persistenceError(throttled()))).toBeInstanceOf(UserStoreUnavailableError);
  });

  it('leaves a permanent idempotency-store failure as it is', () => {
    const error = persistenceError(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    expect(toStepError(error)).toBe(error);
  });

  it('leaves the step\'s own errors as they are', () => {
    const duplicate = new DuplicateUserError('acme');

    expect(toStepError(duplicate)).toBe(duplicate);
  });
});
