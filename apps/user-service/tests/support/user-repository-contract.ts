/**
 * The behaviour every {@link UserRepository} must have, as a reusable suite: the in-memory fake
 * runs it in the unit tier, the DynamoDB adapter against dynalite in the integration tier.
 */
import type { NewUser } from '../../src/domain/user';
import type { UserRepository } from '../../src/ports/user-repository';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    tenantId: 'acme',
    userId: 'u-a',
    signupId: SIGNUP_A,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    plan: 'pro',
    createdAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  };
}

/** Declares the contract tests; `makeRepository` gives each test an empty store. */
export function describeUserRepositoryContract(label: string, makeRepository: () => UserRepository | Promise<UserRepository>): void {
  describe(`${label} (UserRepository contract)`, () => {
    let users: UserRepository;
    beforeEach(async () => {
      users = await makeRepository();
    });

    it('stores a new user as pending', async () => {
      await users.createPendingUser(newUser());

      await expect(users.findUser('acme', 'u-a')).resolves.toEqual({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A, email: 'ada@example.com', status: 'pending' });
    });

    it('keeps the first write when a pending user is written again, even after activation', async () => {
      await users.createPendingUser(newUser());
      await users.activateUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A });

      await users.createPendingUser(newUser({ createdAt: '2030-01-01T00:00:00.000Z' }));

      await expect(users.findUser('acme', 'u-a')).resolves.toMatchObject({ status: 'active' });
    });

    it('answers undefined for a user that does not exist', async () => {
      await expect(users.findUser('acme', 'u-nobody')).resolves.toBeUndefined();
    });

    it('gives an email to the first signup that claims it and names that signup to later claimants', async () => {
      const first = await users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-a', signupId: SIGNUP_A });
      const second = await users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-b', signupId: SIGNUP_B });

      expect(first).toEqual({ signupId: SIGNUP_A, userId: 'u-a' });
      expect(second).toEqual({ signupId: SIGNUP_A, userId: 'u-a' });
    });

    it('keeps the claims of two tenants apart', async () => {
      await users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-a', signupId: SIGNUP_A });

      const other = await users.claimEmail({ tenantId: 'globex', email: 'ada@example.com', userId: 'u-b', signupId: SIGNUP_B });

      expect(other).toEqual({ signupId: SIGNUP_B, userId: 'u-b' });
    });

    it('activates only a user that exists and belongs to the signup', async () => {
      await users.createPendingUser(newUser());

      await expect(users.activateUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_B })).resolves.toBe(false);
      await expect(users.activateUser({ tenantId: 'acme', userId: 'u-missing', signupId: SIGNUP_A })).resolves.toBe(false);
      await expect(users.activateUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(true);
      await expect(users.findUser('acme', 'u-a')).resolves.toMatchObject({ status: 'active' });
    });

    it('releases a claim only for the signup that holds it, after which another signup can claim it', async () => {
      await users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-a', signupId: SIGNUP_A });

      await expect(users.releaseEmail({ tenantId: 'acme', email: 'ada@example.com', signupId: SIGNUP_B })).resolves.toBe(false);
      await expect(users.releaseEmail({ tenantId: 'acme', email: 'ada@example.com', signupId: SIGNUP_A })).resolves.toBe(true);
      await expect(users.releaseEmail({ tenantId: 'acme', email: 'ada@example.com', signupId: SIGNUP_A })).resolves.toBe(false);
      await expect(users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-b', signupId: SIGNUP_B })).resolves.toEqual({ signupId: SIGNUP_B, userId: 'u-b' });
    });

    it('deletes a user only for the signup it belongs to, and only once', async () => {
      await users.createPendingUser(newUser());

      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_B })).resolves.toBe(false);
      await expect(users.findUser('acme', 'u-a')).resolves.toBeDefined();
      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(true);
      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(false);
      await expect(users.findUser('acme', 'u-a')).resolves.toBeUndefined();
    });

    it('never lets a delete in one tenant touch the same user id in another', async () => {
      await users.createPendingUser(newUser({ tenantId: 'acme' }));
      await users.createPendingUser(newUser({ tenantId: 'globex' }));

      await users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A });

      await expect(users.findUser('globex', 'u-a')).resolves.toMatchObject({ tenantId: 'globex', signupId: SIGNUP_A });
    });
  });
}
