/**
 * Where a user's storage lives: `tenants/<tenantId>/users/<userId>/`. Every key this service
 * writes, lists or deletes is built here, from ids checked against the contract's formats (letters,
 * digits, `-`, `_`: no `/`, no `.`), so no id can climb out of its tenant (`../`) or split into
 * another path (`a/b`). Tenant isolation rests on this file, and its tests are property-based.
 */
import { InvalidStepInputError, TenantId, UserId } from '@onboarding/events';

/** The id formats a prefix is built from: the step contracts' own field types. */
const ID_FORMATS = { tenantId: TenantId, userId: UserId } as const;

/** The id, checked against its format; `InvalidStepInputError` naming the field (never the value) otherwise. */
function checkedId(field: keyof typeof ID_FORMATS, value: string): string {
  const parsed = ID_FORMATS[field].safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidStepInputError(`Invalid storage id: ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, [field], { cause: parsed.error });
}

/** The root under which every tenant's storage lives; the only part the IAM policy grants. */
export const TENANTS_ROOT = 'tenants/';

/**
 * The prefix of one user's storage, ending in `/` so that `u-1` never matches `u-10`. Throws
 * `InvalidStepInputError` naming the field when an id does not match its contract format.
 */
export function userStoragePrefix(tenantId: string, userId: string): string {
  return `${TENANTS_ROOT}${checkedId('tenantId', tenantId)}/users/${checkedId('userId', userId)}/`;
}

/** True when `key` lies under `prefix`: a listing is filtered with it before anything is deleted. */
export function isUnderPrefix(key: string, prefix: string): boolean {
  return prefix.endsWith('/') && key.startsWith(prefix);
}
