/** {@link UserStorage} on an S3 bucket (or an S3-compatible endpoint, see config.ts). */
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isTransientAwsError, isTransientAwsErrorName } from '@onboarding/aws-runtime';
import { StorageServiceError, StorageUnavailableError } from '../domain/errors';
import type { UserStorage } from '../ports/user-storage';

/** Transient failures become {@link StorageUnavailableError}; anything else is a bug or a misconfiguration and goes through unchanged. */
function translate(error: unknown, operation: string): unknown {
  if (isTransientAwsError(error)) return new StorageUnavailableError(`S3 unavailable during ${operation}`, { cause: error });
  return error;
}

export class S3UserStorage implements UserStorage {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async putMarker(key: string, metadata: Record<string, string>): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: new Uint8Array(0),
          ContentLength: 0,
          // What the S3 console gives the objects it creates as folders.
          ContentType: 'application/x-directory',
          Metadata: metadata,
        }),
      );
    } catch (error) {
      throw translate(error, 'PutObject');
    }
  }

  async *listKeys(prefix: string): AsyncIterable<string[]> {
    let continuationToken: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000, ContinuationToken: continuationToken }));
      } catch (error) {
        throw translate(error, 'ListObjectsV2');
      }
      yield (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key]));
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async deleteKeys(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    let result;
    try {
      // Quiet: S3 answers only the keys it could not delete.
      result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    } catch (error) {
      throw translate(error, 'DeleteObjects');
    }
    const failed = result.Errors ?? [];
    if (failed.length === 0) return keys.length;
    const codes = [...new Set(failed.map((f) => f.Code ?? 'Unknown'))];
    // The keys that were deleted stay deleted; a re-run lists and deletes only what is left.
    const message = `S3 did not delete ${failed.length} of ${keys.length} keys (${codes.join(', ')})`;
    if (failed.every((f) => isTransientAwsErrorName(f.Code))) throw new StorageUnavailableError(message);
    throw new StorageServiceError(message);
  }
}
