/**
 * DeleteUser, the compensation of CreateUser: removes the signup's email claim, then its user
 * record, each only if it belongs to this signup. The claim goes first because the user record is
 * where its address is read from: if the step stops between the two deletes, a re-run still finds
 * the user record and finishes the job.
 */
import type { DeleteUserInputV1, DeleteUserOutputV1 } from '@onboarding/contract-delete-user-v1';
import type { UserRepository } from '../ports/user-repository';
import { userIdFor, type UserRef } from './user';

/** What {@link deleteUser} needs. */
export interface DeleteUserDeps {
  readonly users: UserRepository;
}

/**
 * Undoes CreateUser for one signup. Answers `deleted: true` when this call removed the user
 * record, `false` when there was nothing of this signup's left to remove (a repeat, or a user that
 * belongs to another signup and is therefore left alone).
 */
export async function deleteUser(input: DeleteUserInputV1, { users }: DeleteUserDeps): Promise<DeleteUserOutputV1> {
  const ref: UserRef = { tenantId: input.tenantId, userId: input.userId ?? userIdFor(input.signupId), signupId: input.signupId };
  const answer = (deleted: boolean): DeleteUserOutputV1 => ({ signupId: input.signupId, tenantId: input.tenantId, deleted });

  const user = await users.findUser(ref.tenantId, ref.userId);
  if (!user || user.signupId !== input.signupId) return answer(false);

  await users.releaseEmail({ tenantId: ref.tenantId, email: user.email, signupId: input.signupId });
  return answer(await users.deleteUser(ref));
}
