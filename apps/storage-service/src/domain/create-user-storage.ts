/**
 * CreateUserStorage: makes the user's prefix exist by putting a marker object at exactly the
 * prefix key (`tenants/<tenantId>/users/<userId>/`, zero bytes). S3 has no folders, only keys;
 * an object whose key is the prefix is what the S3 console shows as a folder, and it makes a
 * ListObjectsV2 with that Prefix non-empty before the user stores anything. It is empty rather
 * than a `.keep` file so that it never appears as a file of the user's. Re-running the step
 * rewrites the same empty object, so it is naturally repeatable.
 */
import type { CreateUserStorageInputV1, CreateUserStorageOutputV1 } from '@onboarding/contract-create-user-storage-v1';
import type { UserStorage } from '../ports/user-storage';
import { userStoragePrefix } from './user-prefix';

/** What {@link createUserStorage} needs. */
export interface CreateUserStorageDeps {
  readonly storage: UserStorage;
}

/** The metadata key that records which signup created a prefix (S3 sends it as `x-amz-meta-signup-id`). */
export const SIGNUP_ID_METADATA = 'signup-id';

/** Creates (or re-creates) the user's prefix and answers where it is. */
export async function createUserStorage(input: CreateUserStorageInputV1, { storage }: CreateUserStorageDeps): Promise<CreateUserStorageOutputV1> {
  const prefix = userStoragePrefix(input.tenantId, input.userId);
  await storage.putMarker(prefix, { [SIGNUP_ID_METADATA]: input.signupId });
  return { signupId: input.signupId, tenantId: input.tenantId, bucket: storage.bucket, prefix };
}
