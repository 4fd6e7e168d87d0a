/** `UserSignup` v1: a person asked for an account. Published by signup-api, starts the onboarding. */
import { z } from 'zod';
import { EmailAddress, PersonName, Plan, SIGNUP_SOURCE, SignupId, TenantId, Timestamp } from './common';
import { defineContract } from './define-contract';

export const UserSignupV1Schema = z.strictObject({
  version: z.literal('1'),
  signupId: SignupId,
  tenantId: TenantId,
  email: EmailAddress,
  name: PersonName,
  plan: Plan.default('free'),
  signedUpAt: Timestamp,
});

/** The detail of a `UserSignup` v1 event. */
export type UserSignupV1 = z.output<typeof UserSignupV1Schema>;

/** Contract of `UserSignup` v1. */
export const UserSignupV1 = defineContract({
  source: SIGNUP_SOURCE,
  detailType: 'UserSignup',
  version: '1',
  schema: UserSignupV1Schema,
  description: 'A person signed up; the onboarding of this signup starts.',
});
