/** The `DeleteUserStorage` step, v1: the state machine's payload to the storage service, which, as compensation, deletes the user's storage prefix (a no-op when it was never created); the result; the error names. */
import { defineStepContract, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `DeleteUserStorage` step, v1. */
export const DeleteUserStorageV1 = defineStepContract({
  step: 'DeleteUserStorage',
  version: '1',
  description: "Compensation, by the storage service: deletes the user's storage prefix (a no-op when it was never created).",
  input: z.object({ ...signupKeys, userId: UserId, executionName: StepExecutionName }),
  output: z.object({ ...signupKeys, deletedObjects: z.number().int().nonnegative() }),
  errors: { retryable: ['StorageUnavailableError'], permanent: [] },
});

/** The payload of `DeleteUserStorage` v1, as the function reads it. */
export type DeleteUserStorageInputV1 = StepInputOf<typeof DeleteUserStorageV1>;
/** The result of `DeleteUserStorage` v1, as the function writes it. */
export type DeleteUserStorageOutputV1 = StepOutputOf<typeof DeleteUserStorageV1>;
