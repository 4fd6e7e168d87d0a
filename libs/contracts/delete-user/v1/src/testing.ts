/** Valid `DeleteUser` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import afterCreateUserFailed from '../examples/after-create-user-failed.json';
import afterSendWelcomeEmailFailed from '../examples/after-send-welcome-email-failed.json';
import type { DeleteUserInputV1, DeleteUserOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const deleteUserV1Examples: StepExample[] = [afterSendWelcomeEmailFailed, afterCreateUserFailed];

/** A valid `DeleteUser` v1 payload; pass overrides for variants. */
export function exampleDeleteUserInputV1(overrides: Partial<DeleteUserInputV1> = {}): DeleteUserInputV1 {
  return { ...(afterSendWelcomeEmailFailed.input as DeleteUserInputV1), ...overrides };
}

/** The result that goes with {@link exampleDeleteUserInputV1}. */
export function exampleDeleteUserOutputV1(overrides: Partial<DeleteUserOutputV1> = {}): DeleteUserOutputV1 {
  return { ...(afterSendWelcomeEmailFailed.output as DeleteUserOutputV1), ...overrides };
}
