/** `UserOnboardingFailed` v1: a step failed for good; what was done has been undone. */
import { z } from 'zod';
import { ORCHESTRATION_SOURCE, OnboardingStep, SignupId, TenantId } from './common';
import { defineContract } from './define-contract';

export const UserOnboardingFailedV1Schema = z.strictObject({
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
});

/** The detail of a `UserOnboardingFailed` v1 event. */
export type UserOnboardingFailedV1 = z.output<typeof UserOnboardingFailedV1Schema>;

/** Contract of `UserOnboardingFailed` v1. */
export const UserOnboardingFailedV1 = defineContract({
  source: ORCHESTRATION_SOURCE,
  detailType: 'UserOnboardingFailed',
  version: '1',
  schema: UserOnboardingFailedV1Schema,
  description: 'A signup could not be onboarded; completed steps were compensated.',
});
