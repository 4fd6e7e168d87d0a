import { InvalidStepInputError } from '@onboarding/events';
import fc from 'fast-check';
import { deleteUserStorage, inBatches, MAX_KEYS_PER_DELETE } from '../../src/domain/delete-user-storage';
import { StorageUnavailableError } from '../../src/domain/errors';
import type { UserStorage } from '../../src/ports/user-storage';
import { InMemoryUserStorage } from '../support/in-memory-user-storage';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const input = { signupId: SIGNUP, tenantId: 'acme', userId: 'u-1' };

describe('DeleteUserStorage', () => {
  let storage: InMemoryUserStorage;

  beforeEach(() => {
    storage = new InMemoryUserStorage();
  });

  it('deletes the marker and every file under the user\'s prefix, and answers how many', async () => {
    storage.putFile('tenants/acme/users/u-1/');
    storage.putFile('tenants/acme/users/u-1/a.txt');
    storage.putFile('tenants/acme/users/u-1/photos/b.png');

    const output = await deleteUserStorage(input, { storage });

    expect(output).toEqual({ signupId: SIGNUP, tenantId: 'acme', deletedObjects: 3 });
    expect(storage.objects.size).toBe(0);
  });

  it('never touches another user of the tenant, even one whose id starts the same, or the same user id in another tenant', async () => {
    storage.putFile('tenants/acme/users/u-1/a.txt');
    storage.putFile('tenants/acme/users/u-10/a.txt');
    storage.putFile('tenants/acme/users/u-2/a.txt');
    storage.putFile('tenants/globex/users/u-1/a.txt');

    await deleteUserStorage(input, { storage });

    expect([...storage.objects.keys()].sort()).toEqual(['tenants/acme/users/u-10/a.txt', 'tenants/acme/users/u-2/a.txt', 'tenants/globex/users/u-1/a.txt']);
  });

  it('pages through a large prefix and deletes in batches of at most 1000', async () => {
    storage = new InMemoryUserStorage('user-storage-test', 1000);
    for (let i = 0; i < 2_345; i++) storage.putFile(`tenants/acme/users/u-1/file-${String(i).padStart(5, '0')}`);

    const output = await deleteUserStorage(input, { storage });

    expect(output.deletedObjects).toBe(2_345);
    expect(storage.deleteBatches.map((batch) => batch.length)).toEqual([1000, 1000, 345]);
    expect(storage.objects.size).toBe(0);
  });

  it('answers 0, without an error, when run again', async () => {
    storage.putFile('tenants/acme/users/u-1/');
    await deleteUserStorage(input, { storage });

    await expect(deleteUserStorage(input, { storage })).resolves.toEqual({ signupId: SIGNUP, tenantId: 'acme', deletedObjects: 0 });
    expect(storage.deleteBatches).toHaveLength(1);
  });

  it('finishes a run that stopped halfway', async () => {
    storage = new InMemoryUserStorage('user-storage-test', 2);
    for (const name of ['a', 'b', 'c', 'd']) storage.putFile(`tenants/acme/users/u-1/${name}`);
    jest.spyOn(storage, 'deleteKeys').mockImplementationOnce(async (keys) => {
      for (const key of keys) storage.objects.delete(key);
      return keys.length;
    }).mockRejectedValueOnce(new StorageUnavailableError('SlowDown'));
    await expect(deleteUserStorage(input, { storage })).rejects.toBeInstanceOf(StorageUnavailableError);

    const retry = await deleteUserStorage(input, { storage });

    expect(retry.deletedObjects).toBe(2);
    expect(storage.objects.size).toBe(0);
  });

  it('deletes nothing a store lists outside the prefix', async () => {
    const misbehaving: UserStorage & { deleted: string[] } = {
      bucket: 'b',
      deleted: [],
      putMarker: async () => undefined,
      async *listKeys() {
        yield ['tenants/acme/users/u-1/a.txt', 'tenants/globex/users/u-1/secret.txt', 'tenants/acme/users/u-10/b.txt'];
      },
      async deleteKeys(keys) {
        this.deleted.push(...keys);
        return keys.length;
      },
    };

    await deleteUserStorage(input, { storage: misbehaving });

    expect(misbehaving.deleted).toEqual(['tenants/acme/users/u-1/a.txt']);
  });

  it('refuses ids that would widen the prefix, and deletes nothing', async () => {
    storage.putFile('tenants/acme/users/u-1/a.txt');
    storage.putFile('tenants/globex/users/u-1/a.txt');

    await expect(deleteUserStorage({ ...input, userId: '..' }, { storage })).rejects.toBeInstanceOf(InvalidStepInputError);
    await expect(deleteUserStorage({ ...input, tenantId: 'acme/users' }, { storage })).rejects.toBeInstanceOf(InvalidStepInputError);
    expect(storage.objects.size).toBe(2);
  });
});

describe('inBatches', () => {
  it('keeps every item, in order, in batches no larger than the size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 3_000 }), fc.integer({ min: 1, max: MAX_KEYS_PER_DELETE }), (items, size) => {
        const batches = inBatches(items, size);

        expect(batches.flat()).toEqual(items);
        expect(batches.every((batch) => batch.length >= 1 && batch.length <= size)).toBe(true);
      }),
    );
  });
});
