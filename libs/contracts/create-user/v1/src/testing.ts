/** Valid `CreateUser` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import adaLovelace from '../examples/ada-lovelace.json';
import withoutExecutionName from '../examples/without-execution-name.json';
import type { CreateUserInputV1, CreateUserOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const createUserV1Examples: StepExample[] = [adaLovelace, withoutExecutionName];

/** A valid `CreateUser` v1 payload; pass overrides for variants. */
export function exampleCreateUserInputV1(overrides: Partial<CreateUserInputV1> = {}): CreateUserInputV1 {
  return { ...(adaLovelace.input as CreateUserInputV1), ...overrides };
}

/** The result that goes with {@link exampleCreateUserInputV1}. */
export function exampleCreateUserOutputV1(overrides: Partial<CreateUserOutputV1> = {}): CreateUserOutputV1 {
  return { ...(adaLovelace.output as CreateUserOutputV1), ...overrides };
}
