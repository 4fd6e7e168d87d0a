/**
 * Test fixtures for every team: valid example events of each contract and builders for variants.
 * Import from `@onboarding/events/testing` in tests only.
 */
import type { DetailOf, EventContract } from '../contracts/define-contract';
import { UserOnboardedV1 } from '../contracts/user-onboarded.v1';
import { UserOnboardingFailedV1 } from '../contracts/user-onboarding-failed.v1';
import { UserSignupV1 } from '../contracts/user-signup.v1';

/** A valid `UserSignup` v1 detail; pass overrides for variants. */
export function exampleUserSignup(overrides: Partial<DetailOf<typeof UserSignupV1>> = {}): DetailOf<typeof UserSignupV1> {
  return {
    version: '1',
    signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    tenantId: 'acme',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    plan: 'pro',
    signedUpAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

/** A valid `UserOnboarded` v1 detail. */
export function exampleUserOnboarded(overrides: Partial<DetailOf<typeof UserOnboardedV1>> = {}): DetailOf<typeof UserOnboardedV1> {
  return {
    version: '1',
    signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    tenantId: 'acme',
    userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70',
    storagePrefix: 'tenants/acme/users/u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70/',
    teamNotified: true,
    executionName: 'signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    ...overrides,
  };
}

/** A valid `UserOnboardingFailed` v1 detail. */
export function exampleUserOnboardingFailed(
  overrides: Partial<DetailOf<typeof UserOnboardingFailedV1>> = {},
): DetailOf<typeof UserOnboardingFailedV1> {
  return {
    version: '1',
    signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    tenantId: 'acme',
    failedStep: 'SendWelcomeEmail',
    error: 'EmailRejectedError',
    reason: 'The mail server refused the recipient',
    compensated: true,
    executionName: 'signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    ...overrides,
  };
}

/** Valid example details of every contract, keyed by detail-type. */
export const contractExamples = {
  UserSignup: [exampleUserSignup(), exampleUserSignup({ tenantId: 'default', plan: 'free', email: 'grace@example.org', name: 'Grace Hopper' })],
  UserOnboarded: [exampleUserOnboarded(), exampleUserOnboarded({ teamNotified: false })],
  UserOnboardingFailed: [exampleUserOnboardingFailed(), exampleUserOnboardingFailed({ failedStep: 'CreateUser', error: 'DuplicateUserError', compensated: false })],
} as const;

/**
 * Wraps a detail in the envelope EventBridge delivers to targets (`detail-type`, `id`, `time`, ...),
 * as a rule target or an EventBridge pattern test sees it.
 */
export function toEventBridgeEvent<C extends EventContract>(
  contract: C,
  detail: DetailOf<C>,
  envelope: { id?: string; time?: string; account?: string; region?: string } = {},
) {
  return {
    version: '0',
    id: envelope.id ?? '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': contract.detailType,
    source: contract.source,
    account: envelope.account ?? '000000000000',
    time: envelope.time ?? '2026-11-24T10:00:00Z',
    region: envelope.region ?? 'us-east-1',
    resources: [] as string[],
    detail,
  };
}
