/** The `CreateUserStorage` step, v1: the state machine's payload to the storage service, which creates the user's storage prefix, tenants/<tenantId>/users/<userId>/; the result; the error names. */
import { defineStepContract, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `CreateUserStorage` step, v1. */
export const CreateUserStorageV1 = defineStepContract({
  step: 'CreateUserStorage',
  version: '1',
  description: "Storage service: creates the user's storage prefix, tenants/<tenantId>/users/<userId>/.",
  input: z.object({ ...signupKeys, userId: UserId, executionName: StepExecutionName }),
  output: z.object({ ...signupKeys, bucket: z.string().min(1), prefix: z.string().min(1) }),
  errors: { retryable: ['StorageUnavailableError'], permanent: [] },
});

/** The payload of `CreateUserStorage` v1, as the function reads it. */
export type CreateUserStorageInputV1 = StepInputOf<typeof CreateUserStorageV1>;
/** The result of `CreateUserStorage` v1, as the function writes it. */
export type CreateUserStorageOutputV1 = StepOutputOf<typeof CreateUserStorageV1>;
