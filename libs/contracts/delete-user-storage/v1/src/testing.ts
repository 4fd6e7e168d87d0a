/** Valid `DeleteUserStorage` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import adaLovelace from '../examples/ada-lovelace.json';
import type { DeleteUserStorageInputV1, DeleteUserStorageOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const deleteUserStorageV1Examples: StepExample[] = [adaLovelace];

/** A valid `DeleteUserStorage` v1 payload; pass overrides for variants. */
export function exampleDeleteUserStorageInputV1(overrides: Partial<DeleteUserStorageInputV1> = {}): DeleteUserStorageInputV1 {
  return { ...(adaLovelace.input as DeleteUserStorageInputV1), ...overrides };
}

/** The result that goes with {@link exampleDeleteUserStorageInputV1}. */
export function exampleDeleteUserStorageOutputV1(overrides: Partial<DeleteUserStorageOutputV1> = {}): DeleteUserStorageOutputV1 {
  return { ...(adaLovelace.output as DeleteUserStorageOutputV1), ...overrides };
}
