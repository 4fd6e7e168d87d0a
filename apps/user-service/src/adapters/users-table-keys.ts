/**
 * The key layout of the users table, in one place. Every item of a tenant lives in the tenant's
 * partition (`TENANT#<tenantId>`), so tenant isolation is a property of this file: no key built
 * here can name another tenant's partition, whatever the user id or email.
 */
import { TenantId } from '@onboarding/events';

/** Partition and sort key of an item. */
export interface UsersTableKey {
  readonly pk: string;
  readonly sk: string;
}

/** The partition of a tenant. */
export function tenantPartition(tenantId: string): string {
  // The contract's format has no `#`, so a tenant id cannot reach into another partition; checked
  // again here because isolation must not depend on every caller having parsed its input.
  if (!TenantId.safeParse(tenantId).success) throw new RangeError('tenantId is not a valid tenant id');
  return `TENANT#${tenantId}`;
}

/** The key of a user record. */
export function userKey(tenantId: string, userId: string): UsersTableKey {
  return { pk: tenantPartition(tenantId), sk: `USER#${userId}` };
}

/** The key of the claim of an email address (normalized before it gets here). */
export function emailClaimKey(tenantId: string, email: string): UsersTableKey {
  return { pk: tenantPartition(tenantId), sk: `EMAIL#${email}` };
}
