/**
 * CreateUser: one user per email address and tenant, written without transactions.
 *
 * The order of the writes is the point of this file:
 *   1. the user record, `pending` (conditional: a retry keeps the first write);
 *   2. the email claim (conditional: the first signup to claim an address owns it);
 *   3. the user record becomes `active`.
 * The user record comes first so that every claim has a user record pointing at it: the
 * compensation (DeleteUser) starts from the user id, reads the email there, and can always find
 * and release the claim. Claiming first would leave a claim nobody can find if the step failed
 * between the two writes, and that address could never sign up again.
 */
import type { CreateUserInputV1, CreateUserOutputV1 } from '@onboarding/contract-create-user-v1';
import type { UserRepository } from '../ports/user-repository';
import { DuplicateUserError, UserStoreUnavailableError } from './errors';
import { normalizeEmail, userIdFor, type UserRef } from './user';

/** What {@link createUser} needs. */
export interface CreateUserDeps {
  readonly users: UserRepository;
  /** The current time; injected so tests control `createdAt`. */
  readonly now: () => Date;
}

/**
 * Creates the signup's user, or confirms it on a re-run. Throws {@link DuplicateUserError} when
 * another signup of the tenant holds the email (and leaves no record of this signup behind), and
 * {@link UserStoreUnavailableError} when the store is unavailable (a retry is safe).
 */
export async function createUser(input: CreateUserInputV1, { users, now }: CreateUserDeps): Promise<CreateUserOutputV1> {
  const ref: UserRef = { tenantId: input.tenantId, userId: userIdFor(input.signupId), signupId: input.signupId };
  const email = normalizeEmail(input.email);

  await users.createPendingUser({ ...ref, email, name: input.name, plan: input.plan, createdAt: now().toISOString() });

  const holder = await users.claimEmail({ ...ref, email });
  if (holder.signupId !== input.signupId) {
    // Our pending record must not outlive the refusal: it would be a second user with this email.
    await users.deleteUser(ref);
    throw new DuplicateUserError(input.tenantId);
  }

  if (!(await users.activateUser(ref))) {
    // Only a compensation running at the same time removes a record between our writes; a re-run
    // starts from the first write again, so this is reported as retryable.
    throw new UserStoreUnavailableError(`The user record of signup ${input.signupId} disappeared while it was being created`);
  }
  return { signupId: input.signupId, tenantId: input.tenantId, userId: ref.userId };
}
