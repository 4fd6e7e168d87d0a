import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { S3UserStorage } from '../../src/adapters/s3-user-storage';
import { StorageServiceError, StorageUnavailableError } from '../../src/domain/errors';
import { s3Error, slowDown } from '../support/aws-errors';

const s3 = mockClient(S3Client);
const storage = new S3UserStorage(new S3Client({}), 'user-storage-test');

async function listAll(prefix: string): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of storage.listKeys(prefix)) pages.push(page);
  return pages;
}

afterEach(() => {
  s3.reset();
});

describe('S3UserStorage', () => {
  it('puts a zero-byte marker with the metadata at the given key', async () => {
    s3.on(PutObjectCommand).resolves({});

    await storage.putMarker('tenants/acme/users/u-1/', { 'signup-id': 's-1' });

    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'user-storage-test',
      Key: 'tenants/acme/users/u-1/',
      ContentLength: 0,
      Metadata: { 'signup-id': 's-1' },
    });
  });

  it('follows continuation tokens until the listing is complete', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({ Contents: [{ Key: 'tenants/acme/users/u-1/a' }], IsTruncated: true, NextContinuationToken: 't-2' });
    s3.on(ListObjectsV2Command, { ContinuationToken: 't-2' }).resolves({ Contents: [{ Key: 'tenants/acme/users/u-1/b' }], IsTruncated: false });

    const pages = await listAll('tenants/acme/users/u-1/');

    expect(pages).toEqual([['tenants/acme/users/u-1/a'], ['tenants/acme/users/u-1/b']]);
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: 'user-storage-test', Prefix: 'tenants/acme/users/u-1/' });
    expect(s3).toHaveReceivedCommandTimes(ListObjectsV2Command, 2);
  });

  it('lists an empty page for a prefix without objects', async () => {
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0, IsTruncated: false });

    await expect(listAll('tenants/acme/users/u-1/')).resolves.toEqual([[]]);
  });

  it('deletes a batch in one quiet DeleteObjects request', async () => {
    s3.on(DeleteObjectsCommand).resolves({});

    await expect(storage.deleteKeys(['k1', 'k2'])).resolves.toBe(2);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectsCommand, { Bucket: 'user-storage-test', Delete: { Objects: [{ Key: 'k1' }, { Key: 'k2' }], Quiet: true } });
  });

  it('sends no request for an empty batch', async () => {
    await expect(storage.deleteKeys([])).resolves.toBe(0);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectsCommand, 0);
  });

  it('answers StorageUnavailableError when S3 refuses some keys with SlowDown', async () => {
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'k2', Code: 'SlowDown', Message: 'Reduce your request rate' }] });

    await expect(storage.deleteKeys(['k1', 'k2'])).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('answers the non-retryable StorageServiceError when S3 refuses a key as AccessDenied', async () => {
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'k2', Code: 'AccessDenied', Message: 'Access Denied' }] });

    const error = await storage.deleteKeys(['k1', 'k2']).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageServiceError);
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toContain('AccessDenied');
  });

  describe('error mapping', () => {
    const transient: [string, () => Error][] = [
      ['SlowDown', slowDown],
      ['a 500 InternalError', () => s3Error('InternalError', 500)],
      ['a 503 ServiceUnavailable', () => s3Error('ServiceUnavailable', 503)],
      ['a time-out', () => Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
      ['a network error', () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ];

    it.each(transient)('turns %s into StorageUnavailableError, keeping the cause', async (_label, makeError) => {
      const cause = makeError();
      s3.on(PutObjectCommand).rejects(cause);

      const error = await storage.putMarker('tenants/acme/users/u-1/', {}).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect(error).toMatchObject({ name: 'StorageUnavailableError', cause });
    });

    it('does the same for listing and deleting', async () => {
      s3.on(ListObjectsV2Command).rejects(slowDown());
      s3.on(DeleteObjectsCommand).rejects(slowDown());

      await expect(listAll('tenants/acme/users/u-1/')).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.deleteKeys(['k'])).rejects.toBeInstanceOf(StorageUnavailableError);
    });

    it('lets a permanent error such as NoSuchBucket through unchanged', async () => {
      const missing = s3Error('NoSuchBucket', 404);
      s3.on(PutObjectCommand).rejects(missing);

      await expect(storage.putMarker('tenants/acme/users/u-1/', {})).rejects.toBe(missing);
    });
  });
});
