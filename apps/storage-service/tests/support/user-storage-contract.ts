/**
 * The behaviour every {@link UserStorage} must have, as a reusable suite: the in-memory fake runs
 * it in the unit tier, the S3 adapter against s3rver in the integration tier.
 */
import type { UserStorage } from '../../src/ports/user-storage';

export interface StorageUnderTest {
  storage: UserStorage;
  /** Puts an ordinary object (as a user's upload would) directly into the store. */
  putFile(key: string): Promise<void>;
}

async function collect(pages: AsyncIterable<string[]>): Promise<string[][]> {
  const all: string[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** Declares the contract tests; `make` gives each test an empty store. */
export function describeUserStorageContract(label: string, make: () => Promise<StorageUnderTest>): void {
  describe(`${label} (UserStorage contract)`, () => {
    let subject: StorageUnderTest;
    beforeEach(async () => {
      subject = await make();
    });

    it('lists a marker put at exactly the prefix key under that prefix', async () => {
      await subject.storage.putMarker('tenants/acme/users/u-1/', { 'signup-id': 's-1' });

      const pages = await collect(subject.storage.listKeys('tenants/acme/users/u-1/'));

      expect(pages.flat()).toEqual(['tenants/acme/users/u-1/']);
    });

    it('keeps one object when the same marker is put twice', async () => {
      await subject.storage.putMarker('tenants/acme/users/u-1/', { 'signup-id': 's-1' });
      await subject.storage.putMarker('tenants/acme/users/u-1/', { 'signup-id': 's-1' });

      expect((await collect(subject.storage.listKeys('tenants/acme/users/u-1/'))).flat()).toHaveLength(1);
    });

    it('lists only keys that start with the prefix, so u-1/ never includes u-10/', async () => {
      await subject.storage.putMarker('tenants/acme/users/u-1/', {});
      await subject.putFile('tenants/acme/users/u-1/notes.txt');
      await subject.storage.putMarker('tenants/acme/users/u-10/', {});
      await subject.storage.putMarker('tenants/globex/users/u-1/', {});

      const keys = (await collect(subject.storage.listKeys('tenants/acme/users/u-1/'))).flat().sort();

      expect(keys).toEqual(['tenants/acme/users/u-1/', 'tenants/acme/users/u-1/notes.txt']);
    });

    it('lists nothing under a prefix that has no objects', async () => {
      expect((await collect(subject.storage.listKeys('tenants/acme/users/u-none/'))).flat()).toEqual([]);
    });

    it('deletes the given keys, answers how many, and leaves the others', async () => {
      await subject.storage.putMarker('tenants/acme/users/u-1/', {});
      await subject.putFile('tenants/acme/users/u-1/a.txt');
      await subject.putFile('tenants/acme/users/u-2/b.txt');

      const deleted = await subject.storage.deleteKeys(['tenants/acme/users/u-1/', 'tenants/acme/users/u-1/a.txt']);

      expect(deleted).toBe(2);
      expect((await collect(subject.storage.listKeys('tenants/'))).flat()).toEqual(['tenants/acme/users/u-2/b.txt']);
    });

    it('answers 0 for an empty batch', async () => {
      await expect(subject.storage.deleteKeys([])).resolves.toBe(0);
    });
  });
}
