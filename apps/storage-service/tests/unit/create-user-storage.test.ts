import { InvalidStepInputError } from '@onboarding/events';
import { createUserStorage } from '../../src/domain/create-user-storage';
import { StorageUnavailableError } from '../../src/domain/errors';
import { InMemoryUserStorage } from '../support/in-memory-user-storage';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const USER = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';

describe('CreateUserStorage', () => {
  let storage: InMemoryUserStorage;

  beforeEach(() => {
    storage = new InMemoryUserStorage('user-storage-test');
  });

  it('puts an empty marker at exactly the user\'s prefix, recording the signup', async () => {
    const output = await createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage });

    expect(output).toEqual({ signupId: SIGNUP, tenantId: 'acme', bucket: 'user-storage-test', prefix: `tenants/acme/users/${USER}/` });
    expect([...storage.objects.entries()]).toEqual([[`tenants/acme/users/${USER}/`, { metadata: { 'signup-id': SIGNUP }, body: '' }]]);
  });

  it('answers the same and keeps one marker when run again', async () => {
    const first = await createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage });

    const second = await createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage });

    expect(second).toEqual(first);
    expect(storage.objects.size).toBe(1);
  });

  it('leaves the files already under the prefix alone when run again', async () => {
    await createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage });
    storage.putFile(`tenants/acme/users/${USER}/avatar.png`);

    await createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage });

    expect(storage.objects.has(`tenants/acme/users/${USER}/avatar.png`)).toBe(true);
  });

  it('refuses an id that would escape the tenant and writes nothing', async () => {
    await expect(createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: '../../globex' }, { storage })).rejects.toBeInstanceOf(InvalidStepInputError);
    expect(storage.objects.size).toBe(0);
  });

  it('lets a storage failure through so the step can be retried, and the retry succeeds', async () => {
    jest.spyOn(storage, 'putMarker').mockRejectedValueOnce(new StorageUnavailableError('SlowDown'));

    await expect(createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage })).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, { storage })).resolves.toMatchObject({ prefix: `tenants/acme/users/${USER}/` });
  });
});
