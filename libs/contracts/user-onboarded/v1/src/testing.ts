/** Valid `UserOnboarded` v1 details for tests, from `examples/`. Import from `…/testing` in tests only. */
import teamNotNotified from '../examples/team-not-notified.json';
import teamNotified from '../examples/team-notified.json';
import type { UserOnboardedV1 } from './index';

/** Every example of `examples/`, as a typed detail. */
export const userOnboardedV1Examples = [teamNotified, teamNotNotified] as UserOnboardedV1[];

/** A valid `UserOnboarded` v1 detail (team notified); pass overrides for variants. */
export function exampleUserOnboardedV1(overrides: Partial<UserOnboardedV1> = {}): UserOnboardedV1 {
  return { ...(teamNotified as UserOnboardedV1), ...overrides };
}
