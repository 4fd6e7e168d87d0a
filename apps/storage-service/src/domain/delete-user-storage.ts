/**
 * DeleteUserStorage, the compensation of CreateUserStorage: deletes every object under exactly the
 * user's prefix, page by page. A re-run lists what is left (nothing, after a complete run), so it
 * is naturally repeatable and finishes a run that stopped halfway.
 */
import type { DeleteUserStorageInputV1, DeleteUserStorageOutputV1 } from '@onboarding/contract-delete-user-storage-v1';
import type { UserStorage } from '../ports/user-storage';
import { isUnderPrefix, userStoragePrefix } from './user-prefix';

/** S3's limit of keys per DeleteObjects request. */
export const MAX_KEYS_PER_DELETE = 1000;

/** What {@link deleteUserStorage} needs. */
export interface DeleteUserStorageDeps {
  readonly storage: UserStorage;
}

/** Splits `items` into consecutive batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Deletes the user's objects; answers how many this run deleted (0 when there was nothing left). */
export async function deleteUserStorage(input: DeleteUserStorageInputV1, { storage }: DeleteUserStorageDeps): Promise<DeleteUserStorageOutputV1> {
  const prefix = userStoragePrefix(input.tenantId, input.userId);
  let deletedObjects = 0;
  for await (const page of storage.listKeys(prefix)) {
    // S3 only lists what starts with the prefix; this keeps it true for any store behind the port.
    const keys = page.filter((key) => isUnderPrefix(key, prefix));
    for (const batch of inBatches(keys, MAX_KEYS_PER_DELETE)) deletedObjects += await storage.deleteKeys(batch);
  }
  return { signupId: input.signupId, tenantId: input.tenantId, deletedObjects };
}
