/**
 * Where a user's storage lives: `tenants/<tenantId>/users/<userId>/`. Every key this service
 * writes, lists or deletes is built here, from ids checked against the contract's formats (letters,
 * digits, `-`, `_`: no `/`, no `.`), so no id can climb out of its tenant (`../`) or split into
 * another path (`a/b`). Tenant isolation rests on this file, and its tests are property-based.
 */
import { CreateUserStorageInput, parseStepInput } from '@onboarding/events';

/** The ids a prefix is built from, checked against the step contract. */
const PrefixIds = CreateUserStorageInput.pick({ tenantId: true, userId: true });

/** The root under which every tenant's storage lives; the only part the IAM policy grants. */
export const TENANTS_ROOT = 'tenants/';

/**
 * The prefix of one user's storage, ending in `/` so that `u-1` never matches `u-10`. Throws
 * `InvalidStepInputError` naming the field when an id does not match its contract format.
 */
export function userStoragePrefix(tenantId: string, userId: string): string {
  const ids = parseStepInput(PrefixIds, { tenantId, userId });
  return `${TENANTS_ROOT}${ids.tenantId}/users/${ids.userId}/`;
}

/** True when `key` lies under `prefix`: a listing is filtered with it before anything is deleted. */
export function isUnderPrefix(key: string, prefix: string): boolean {
  return prefix.endsWith('/') && key.startsWith(prefix);
}
