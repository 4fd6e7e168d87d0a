/** `UserOnboarded` v1: every onboarding step succeeded. Published by the orchestration. */
import { z } from 'zod';
import { ORCHESTRATION_SOURCE, SignupId, TenantId } from './common';
import { defineContract } from './define-contract';

export const UserOnboardedV1Schema = z.strictObject({
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
});

/** The detail of a `UserOnboarded` v1 event. */
export type UserOnboardedV1 = z.output<typeof UserOnboardedV1Schema>;

/** Contract of `UserOnboarded` v1. */
export const UserOnboardedV1 = defineContract({
  source: ORCHESTRATION_SOURCE,
  detailType: 'UserOnboarded',
  version: '1',
  schema: UserOnboardedV1Schema,
  description: 'A signup went through every onboarding step.',
});
