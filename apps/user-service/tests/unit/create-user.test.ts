import type { CreateUserInputV1 } from '@onboarding/contract-create-user-v1';
import { createUser } from '../../src/domain/create-user';
import { DuplicateUserError, UserStoreUnavailableError } from '../../src/domain/errors';
import { InMemoryUserRepository } from '../support/in-memory-user-repository';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';

function input(overrides: Partial<CreateUserInputV1> = {}): CreateUserInputV1 {
  return { signupId: SIGNUP_A, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', ...overrides };
}

describe('CreateUser', () => {
  let users: InMemoryUserRepository;
  const now = () => new Date('2026-11-24T10:00:00.000Z');

  beforeEach(() => {
    users = new InMemoryUserRepository();
  });

  it('creates an active user whose id is derived from the signup id, and claims the email for it', async () => {
    const output = await createUser(input(), { users, now });

    expect(output).toEqual({ signupId: SIGNUP_A, tenantId: 'acme', userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70' });
    expect(users.users.get('acme/u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70')).toEqual({
      tenantId: 'acme',
      userId: output.userId,
      signupId: SIGNUP_A,
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      plan: 'pro',
      status: 'active',
      createdAt: '2026-11-24T10:00:00.000Z',
    });
    expect(users.claims.get('acme/ada@example.com')).toMatchObject({ signupId: SIGNUP_A, userId: output.userId });
  });

  it('answers the same on a re-run of the same signup and keeps the first creation time', async () => {
    const first = await createUser(input(), { users, now });

    const second = await createUser(input(), { users, now: () => new Date('2026-11-24T11:00:00.000Z') });

    expect(second).toEqual(first);
    expect(users.users.size).toBe(1);
    expect(users.users.get(`acme/${first.userId}`)?.createdAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('finishes a signup that stopped after claiming the email', async () => {
    await users.createPendingUser({ tenantId: 'acme', userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70', signupId: SIGNUP_A, email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', createdAt: now().toISOString() });
    await users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70', signupId: SIGNUP_A });

    const output = await createUser(input(), { users, now });

    expect(users.users.get(`acme/${output.userId}`)?.status).toBe('active');
  });

  it('refuses a second user with the same email in one tenant and leaves no record of the refused signup', async () => {
    await createUser(input(), { users, now });

    const attempt = createUser(input({ signupId: SIGNUP_B, name: 'Someone Else' }), { users, now });

    await expect(attempt).rejects.toBeInstanceOf(DuplicateUserError);
    await expect(attempt).rejects.toMatchObject({ name: 'DuplicateUserError', tenantId: 'acme' });
    expect([...users.users.values()].map((u) => u.signupId)).toEqual([SIGNUP_A]);
    expect(users.claims.get('acme/ada@example.com')?.signupId).toBe(SIGNUP_A);
  });

  it('treats the same mailbox in another spelling as a duplicate', async () => {
    await createUser(input(), { users, now });

    await expect(createUser(input({ signupId: SIGNUP_B, email: '  ADA@Example.COM ' }), { users, now })).rejects.toBeInstanceOf(DuplicateUserError);
  });

  it('never names the email address in a duplicate error', async () => {
    await createUser(input(), { users, now });

    const error = await createUser(input({ signupId: SIGNUP_B }), { users, now }).catch((e: Error) => e);

    expect(String((error as Error).message)).not.toContain('ada@example.com');
  });

  it('accepts the same email in another tenant', async () => {
    await createUser(input({ tenantId: 'acme' }), { users, now });

    const other = await createUser(input({ tenantId: 'globex', signupId: SIGNUP_B }), { users, now });

    expect(other.tenantId).toBe('globex');
    expect(users.claims.get('globex/ada@example.com')?.signupId).toBe(SIGNUP_B);
  });

  it('reports a retryable failure when its user record vanishes before activation, and a re-run completes', async () => {
    jest.spyOn(users, 'activateUser').mockResolvedValueOnce(false);

    await expect(createUser(input(), { users, now })).rejects.toBeInstanceOf(UserStoreUnavailableError);
    await expect(createUser(input(), { users, now })).resolves.toMatchObject({ signupId: SIGNUP_A });
    expect(users.users.get('acme/u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70')?.status).toBe('active');
  });

  it('lets a store failure through so the step can be retried, and the retry completes', async () => {
    jest.spyOn(users, 'claimEmail').mockRejectedValueOnce(new UserStoreUnavailableError('throttled'));

    await expect(createUser(input(), { users, now })).rejects.toBeInstanceOf(UserStoreUnavailableError);
    await expect(createUser(input(), { users, now })).resolves.toMatchObject({ userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70' });
  });
});
