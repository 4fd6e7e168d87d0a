/**
 * `UserSignup` v2: a person asked for an account, in their language. v1 with a required `locale`
 * (a BCP 47 tag such as `en`, `de` or `de-AT`), so the welcome email is written in it. A required
 * field is not compatible within v1 (consumers of v2 would refuse v1 events without it), hence a new
 * version, published beside v1 until v1 is retired (see libs/contracts/README.md).
 */
import { defineEventContract, EmailAddress, Locale, PersonName, Plan, SIGNUP_SOURCE, SignupId, TenantId, Timestamp, type DetailOf } from '@onboarding/events';
import { z } from 'zod';

/** Contract of `UserSignup` v2. */
export const UserSignupV2 = defineEventContract({
  source: SIGNUP_SOURCE,
  detailType: 'UserSignup',
  version: '2',
  description: 'A person signed up, in their language; the onboarding of this signup starts.',
  schema: z.object({
    version: z.literal('2'),
    signupId: SignupId,
    tenantId: TenantId,
    email: EmailAddress,
    name: PersonName,
    plan: Plan.default('free'),
    signedUpAt: Timestamp,
    /** The language the person signed up in, a BCP 47 tag; the welcome email is written in it. */
    locale: Locale,
  }),
});

/** The detail of a `UserSignup` v2 event. */
export type UserSignupV2 = DetailOf<typeof UserSignupV2>;
