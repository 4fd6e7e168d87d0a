/** Valid `UserOnboardingFailed` v1 details for tests, from `examples/`. Import from `…/testing` in tests only. */
import duplicateUser from '../examples/duplicate-user.json';
import emailRejected from '../examples/email-rejected.json';
import type { UserOnboardingFailedV1 } from './index';

/** Every example of `examples/`, as a typed detail. */
export const userOnboardingFailedV1Examples = [emailRejected, duplicateUser] as UserOnboardingFailedV1[];

/** A valid `UserOnboardingFailed` v1 detail (a refused welcome email); pass overrides for variants. */
export function exampleUserOnboardingFailedV1(overrides: Partial<UserOnboardingFailedV1> = {}): UserOnboardingFailedV1 {
  return { ...(emailRejected as UserOnboardingFailedV1), ...overrides };
}
