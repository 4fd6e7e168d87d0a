import { CreateUserStorageV1 } from '@onboarding/contract-create-user-storage-v1';
import { DeleteUserStorageV1 } from '@onboarding/contract-delete-user-storage-v1';
import { stepErrorNames, type StepContract } from '@onboarding/events';
import { StorageServiceError, StorageUnavailableError } from '../../src/domain/errors';
import { toStepError } from '../../src/handlers/to-step-error';
import { throttled } from '../support/aws-errors';

describe('storage service errors', () => {
  it.each<[string, StepContract]>([
    ['CreateUserStorage', CreateUserStorageV1],
    ['DeleteUserStorage', DeleteUserStorageV1],
  ])('StorageUnavailableError is listed by the %s step contract as retryable', (_step, contract) => {
    expect(stepErrorNames(contract).retryable).toContain(new StorageUnavailableError('down').name);
  });

  it('names its errors with string literals, which survive minification', () => {
    expect(new StorageUnavailableError('down').name).toBe('StorageUnavailableError');
    expect(new StorageServiceError('misconfigured').name).toBe('StorageServiceError');
  });

  it('keeps the base error, thrown only for misconfigurations, out of the retryable names', () => {
    expect(stepErrorNames(DeleteUserStorageV1).retryable).not.toContain('StorageServiceError');
  });
});

describe('toStepError', () => {
  const persistenceError = (cause: unknown) => Object.assign(new Error('Failed to save in progress record to idempotency store', { cause }), { name: 'IdempotencyPersistenceLayerError' });

  it('turns a transient idempotency-table failure into the retryable StorageUnavailableError', () => {
    expect(toStepError(persistenceError(throttled()))).toBeInstanceOf(StorageUnavailableError);
  });

  it('leaves a permanent idempotency-table failure as it is', () => {
    const error = persistenceError(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    expect(toStepError(error)).toBe(error);
  });
});
