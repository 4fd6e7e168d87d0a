/** The `DeleteUser` step, v1: the state machine's payload to the user service, which, as compensation, deletes the user records of a signup (userId is unknown when CreateUser itself failed); the result; the error names. */
import { defineStepContract, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `DeleteUser` step, v1. */
export const DeleteUserV1 = defineStepContract({
  step: 'DeleteUser',
  version: '1',
  description: 'Compensation, by the user service: deletes the user records of a signup (userId is unknown when CreateUser itself failed).',
  input: z.object({ ...signupKeys, userId: UserId.optional(), executionName: StepExecutionName }),
  output: z.object({ ...signupKeys, deleted: z.boolean() }),
  errors: { retryable: ['UserStoreUnavailableError'], permanent: [] },
});

/** The payload of `DeleteUser` v1, as the function reads it. */
export type DeleteUserInputV1 = StepInputOf<typeof DeleteUserV1>;
/** The result of `DeleteUser` v1, as the function writes it. */
export type DeleteUserOutputV1 = StepOutputOf<typeof DeleteUserV1>;
