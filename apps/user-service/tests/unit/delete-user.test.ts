import type { CreateUserInputV1 } from '@onboarding/contract-create-user-v1';
import { createUser } from '../../src/domain/create-user';
import { deleteUser } from '../../src/domain/delete-user';
import { UserStoreUnavailableError } from '../../src/domain/errors';
import { InMemoryUserRepository } from '../support/in-memory-user-repository';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';
const USER_A = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';
const now = () => new Date('2026-11-24T10:00:00.000Z');

function signup(overrides: Partial<CreateUserInputV1> = {}): CreateUserInputV1 {
  return { signupId: SIGNUP_A, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', ...overrides };
}

describe('DeleteUser', () => {
  let users: InMemoryUserRepository;

  beforeEach(() => {
    users = new InMemoryUserRepository();
  });

  it('removes the signup\'s user and releases its email', async () => {
    await createUser(signup(), { users, now });

    const output = await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme', userId: USER_A }, { users });

    expect(output).toEqual({ signupId: SIGNUP_A, tenantId: 'acme', deleted: true });
    expect(users.users.size).toBe(0);
    expect(users.claims.size).toBe(0);
  });

  it('derives the user id from the signup id when the payload has none', async () => {
    await createUser(signup(), { users, now });

    await expect(deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users })).resolves.toMatchObject({ deleted: true });
    expect(users.users.size).toBe(0);
  });

  it('answers deleted:false, without an error, when run a second time', async () => {
    await createUser(signup(), { users, now });
    await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    const again = await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    expect(again).toEqual({ signupId: SIGNUP_A, tenantId: 'acme', deleted: false });
  });

  it('answers deleted:false for a signup that never created a user', async () => {
    await expect(deleteUser({ signupId: SIGNUP_B, tenantId: 'acme' }, { users })).resolves.toMatchObject({ deleted: false });
  });

  it('never removes another signup\'s user or email claim, even when given that user\'s id', async () => {
    await createUser(signup(), { users, now });

    const output = await deleteUser({ signupId: SIGNUP_B, tenantId: 'acme', userId: USER_A }, { users });

    expect(output.deleted).toBe(false);
    expect(users.users.get(`acme/${USER_A}`)?.signupId).toBe(SIGNUP_A);
    expect(users.claims.get('acme/ada@example.com')?.signupId).toBe(SIGNUP_A);
  });

  it('leaves the same user in another tenant alone', async () => {
    await createUser(signup({ tenantId: 'acme' }), { users, now });
    await createUser(signup({ tenantId: 'globex' }), { users, now });

    await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    expect(users.users.get(`globex/${USER_A}`)).toBeDefined();
    expect(users.claims.get('globex/ada@example.com')).toBeDefined();
  });

  it('finishes a compensation that stopped after releasing the email', async () => {
    await createUser(signup(), { users, now });
    jest.spyOn(users, 'deleteUser').mockRejectedValueOnce(new UserStoreUnavailableError('throttled'));
    await expect(deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users })).rejects.toBeInstanceOf(UserStoreUnavailableError);

    const retry = await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    expect(retry.deleted).toBe(true);
    expect(users.users.size).toBe(0);
    expect(users.claims.size).toBe(0);
  });

  it('frees the email for a new signup once compensated', async () => {
    await createUser(signup(), { users, now });
    await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    await expect(createUser(signup({ signupId: SIGNUP_B }), { users, now })).resolves.toMatchObject({ signupId: SIGNUP_B });
  });

  it('cleans up a signup whose CreateUser stopped after claiming the email but before activation', async () => {
    jest.spyOn(users, 'activateUser').mockRejectedValueOnce(new UserStoreUnavailableError('throttled'));
    await expect(createUser(signup(), { users, now })).rejects.toBeInstanceOf(UserStoreUnavailableError);

    const output = await deleteUser({ signupId: SIGNUP_A, tenantId: 'acme' }, { users });

    expect(output.deleted).toBe(true);
    expect(users.claims.size).toBe(0);
  });
});
