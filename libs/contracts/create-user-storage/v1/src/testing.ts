/** Valid `CreateUserStorage` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import adaLovelace from '../examples/ada-lovelace.json';
import type { CreateUserStorageInputV1, CreateUserStorageOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const createUserStorageV1Examples: StepExample[] = [adaLovelace];

/** A valid `CreateUserStorage` v1 payload; pass overrides for variants. */
export function exampleCreateUserStorageInputV1(overrides: Partial<CreateUserStorageInputV1> = {}): CreateUserStorageInputV1 {
  return { ...(adaLovelace.input as CreateUserStorageInputV1), ...overrides };
}

/** The result that goes with {@link exampleCreateUserStorageInputV1}. */
export function exampleCreateUserStorageOutputV1(overrides: Partial<CreateUserStorageOutputV1> = {}): CreateUserStorageOutputV1 {
  return { ...(adaLovelace.output as CreateUserStorageOutputV1), ...overrides };
}
