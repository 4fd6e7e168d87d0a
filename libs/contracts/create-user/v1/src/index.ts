/** The `CreateUser` step, v1: the state machine's payload to the user service, which creates the user record of a signup (one user per email per tenant); the result; the error names. */
import { defineStepContract, EmailAddress, PersonName, Plan, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `CreateUser` step, v1. */
export const CreateUserV1 = defineStepContract({
  step: 'CreateUser',
  version: '1',
  description: 'User service: creates the user record of a signup (one user per email per tenant).',
  input: z.object({
    ...signupKeys,
    email: EmailAddress,
    name: PersonName,
    plan: Plan.default('free'),
    executionName: StepExecutionName,
  }),
  output: z.object({ ...signupKeys, userId: UserId }),
  errors: { retryable: ['UserStoreUnavailableError'], permanent: ['DuplicateUserError'] },
});

/** The payload of `CreateUser` v1, as the function reads it. */
export type CreateUserInputV1 = StepInputOf<typeof CreateUserV1>;
/** The result of `CreateUser` v1, as the function writes it. */
export type CreateUserOutputV1 = StepOutputOf<typeof CreateUserV1>;
