/** The user as this service records it, and how a signup's user id is derived. */
import type { Plan } from '@onboarding/events';

/** `pending` between the first write and the email claim; `active` once the email is ours. */
export type UserStatus = 'pending' | 'active';

/** A user to create. */
export interface NewUser {
  readonly tenantId: string;
  readonly userId: string;
  readonly signupId: string;
  /** Normalized (see {@link normalizeEmail}). */
  readonly email: string;
  readonly name: string;
  readonly plan: Plan;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A user as read back from the store. */
export interface StoredUser {
  readonly tenantId: string;
  readonly userId: string;
  readonly signupId: string;
  readonly email: string;
  readonly status: UserStatus;
}

/** Identifies one signup's user, for writes that must only touch that signup's records. */
export interface UserRef {
  readonly tenantId: string;
  readonly userId: string;
  readonly signupId: string;
}

/** A claim of one email address in one tenant by one signup. */
export interface EmailClaim {
  readonly tenantId: string;
  readonly email: string;
  readonly userId: string;
  readonly signupId: string;
}

/**
 * The user id of a signup: `u-` and the signup id without its dashes. Deriving it (rather than
 * drawing a random one) is what makes CreateUser re-runnable: a retry of the same signup addresses
 * the same records. The mapping is one-to-one (case is kept), so a user id belongs to exactly one
 * signup.
 */
export function userIdFor(signupId: string): string {
  return `u-${signupId.replaceAll('-', '')}`;
}

/**
 * One spelling per mailbox: trimmed and lower-cased, as the signup contract already does. Applied
 * again here because uniqueness depends on it and must not rest on the caller.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
