/** `UserOnboardingFailed` v1: a step failed for good; what was done has been undone. Published by the orchestration. */
import { defineEventContract, ORCHESTRATION_SOURCE, SignupId, TenantId, type DetailOf } from '@onboarding/events';
import { z } from 'zod';

/** The names of the onboarding steps that can fail a signup, as the state machine names them. */
export const OnboardingStep = z.enum(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']);

/** Contract of `UserOnboardingFailed` v1. */
export const UserOnboardingFailedV1 = defineEventContract({
  source: ORCHESTRATION_SOURCE,
  detailType: 'UserOnboardingFailed',
  version: '1',
  description: 'A signup could not be onboarded; completed steps were compensated.',
  schema: z.object({
    version: z.literal('1'),
    signupId: SignupId,
    tenantId: TenantId,
    /** The step that failed. */
    failedStep: OnboardingStep,
    /** The error name the step failed with, as the state machine saw it (e.g. `DuplicateUserError`). */
    error: z.string().min(1),
    /** A human-readable reason. Never contains the user's email address or name. */
    reason: z.string(),
    /** True when the compensation steps ran (nothing of this signup is left behind). */
    compensated: z.boolean(),
    /** Name of the state machine execution. */
    executionName: z.string().min(1),
  }),
});

/** The detail of a `UserOnboardingFailed` v1 event. */
export type UserOnboardingFailedV1 = DetailOf<typeof UserOnboardingFailedV1>;
