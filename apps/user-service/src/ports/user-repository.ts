/**
 * What the user use cases need from a users store. The store has no transactions (the local
 * emulator has none), so each method is one conditional write or one read, and the use cases
 * order them so that any prefix of the sequence can be re-run or undone.
 */
import type { EmailClaim, NewUser, StoredUser, UserRef } from '../domain/user';

/** Who holds an email claim after {@link UserRepository.claimEmail}. */
export interface EmailClaimHolder {
  readonly signupId: string;
  readonly userId: string;
}

/**
 * A tenant-scoped users store. Implementations throw `UserStoreUnavailableError` for transient
 * failures and let every other failure through unchanged.
 */
export interface UserRepository {
  /** Writes the user with status `pending`, unless its record exists already (a retry keeps the first write). */
  createPendingUser(user: NewUser): Promise<void>;
  /** Claims the email for the signup if nobody holds it; returns the holder either way. */
  claimEmail(claim: EmailClaim): Promise<EmailClaimHolder>;
  /** Marks the signup's user `active`; false when its record no longer exists. */
  activateUser(user: UserRef): Promise<boolean>;
  /** Reads a user (strongly consistent); undefined when absent. */
  findUser(tenantId: string, userId: string): Promise<StoredUser | undefined>;
  /** Deletes the email claim if this signup holds it; true when something was deleted. */
  releaseEmail(claim: Omit<EmailClaim, 'userId'>): Promise<boolean>;
  /** Deletes the user record if it belongs to this signup; true when something was deleted. */
  deleteUser(user: UserRef): Promise<boolean>;
}
