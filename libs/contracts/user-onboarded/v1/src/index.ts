/** `UserOnboarded` v1: every onboarding step of a signup succeeded. Published by the orchestration. */
import { defineEventContract, ORCHESTRATION_SOURCE, SignupId, TenantId, type DetailOf } from '@onboarding/events';
import { z } from 'zod';

/** Contract of `UserOnboarded` v1. */
export const UserOnboardedV1 = defineEventContract({
  source: ORCHESTRATION_SOURCE,
  detailType: 'UserOnboarded',
  version: '1',
  description: 'A signup went through every onboarding step.',
  schema: z.object({
    version: z.literal('1'),
    signupId: SignupId,
    tenantId: TenantId,
    userId: z.string().min(1),
    /** The S3 prefix that holds the user's files, `tenants/<tenantId>/users/<userId>/`. */
    storagePrefix: z.string().min(1),
    /** False when the team notification gave up; it was recorded for replay and does not undo the signup. */
    teamNotified: z.boolean(),
    /** Name of the state machine execution that onboarded the user. */
    executionName: z.string().min(1),
  }),
});

/** The detail of a `UserOnboarded` v1 event. */
export type UserOnboardedV1 = DetailOf<typeof UserOnboardedV1>;
