/**
 * `UserSignup` v1: a person asked for an account. Published by the signup API until it moved to
 * v2; the orchestration still reads it, so events published before the move (and replays of them)
 * onboard. Retire it only after the archive's retention (see libs/contracts/README.md).
 */
import { defineEventContract, EmailAddress, PersonName, Plan, SIGNUP_SOURCE, SignupId, TenantId, Timestamp, type DetailOf } from '@onboarding/events';
import { z } from 'zod';

/** Contract of `UserSignup` v1. */
export const UserSignupV1 = defineEventContract({
  source: SIGNUP_SOURCE,
  detailType: 'UserSignup',
  version: '1',
  description: 'A person signed up; the onboarding of this signup starts.',
  schema: z.object({
    version: z.literal('1'),
    signupId: SignupId,
    tenantId: TenantId,
    email: EmailAddress,
    name: PersonName,
    plan: Plan.default('free'),
    signedUpAt: Timestamp,
  }),
});

/** The detail of a `UserSignup` v1 event. */
export type UserSignupV1 = DetailOf<typeof UserSignupV1>;
