/**
 * An in-memory {@link UserStorage} for use-case tests: keys in a sorted map, listed in pages like
 * S3. The shared contract suite (user-storage-contract.ts) runs against it and, in the integration
 * tier, against the S3 adapter on s3rver, so the two keep the same behaviour.
 */
import type { UserStorage } from '../../src/ports/user-storage';

export class InMemoryUserStorage implements UserStorage {
  readonly objects = new Map<string, { metadata: Record<string, string>; body: string }>();
  /** Every batch passed to deleteKeys, to check batch sizes. */
  readonly deleteBatches: string[][] = [];

  constructor(
    readonly bucket = 'user-storage-test',
    private readonly pageSize = 1000,
  ) {}

  async putMarker(key: string, metadata: Record<string, string>): Promise<void> {
    this.objects.set(key, { metadata, body: '' });
  }

  /** Test helper: an object the user stored under their prefix. */
  putFile(key: string, body = 'content'): void {
    this.objects.set(key, { metadata: {}, body });
  }

  async *listKeys(prefix: string): AsyncIterable<string[]> {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    if (keys.length === 0) yield [];
    for (let start = 0; start < keys.length; start += this.pageSize) yield keys.slice(start, start + this.pageSize);
  }

  async deleteKeys(keys: string[]): Promise<number> {
    this.deleteBatches.push(keys);
    // Like S3: deleting a key that is not there succeeds and counts.
    for (const key of keys) this.objects.delete(key);
    return keys.length;
  }
}
