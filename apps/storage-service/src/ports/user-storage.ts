/** What the storage use cases need from an object store. */

/** One bucket of an object store. Implementations throw `StorageUnavailableError` for transient failures. */
export interface UserStorage {
  /** The bucket's name, reported in CreateUserStorage's output. */
  readonly bucket: string;
  /** Writes an empty object at `key` (overwriting one that is there) with user metadata. */
  putMarker(key: string, metadata: Record<string, string>): Promise<void>;
  /** Lists the keys under `prefix`, one page (at most 1000 keys) at a time. */
  listKeys(prefix: string): AsyncIterable<string[]>;
  /** Deletes up to 1000 keys in one request; answers how many were deleted. */
  deleteKeys(keys: string[]): Promise<number>;
}
