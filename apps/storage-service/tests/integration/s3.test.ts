/**
 * Integration tier: the S3 adapter and both handlers against s3rver (the local cloud's S3) and
 * dynalite over loopback, configured as the local cloud configures them: AWS_ENDPOINT_URL_* and
 * S3_FORCE_PATH_STYLE=true. What aws-sdk-client-mock cannot show is shown here: that a marker at
 * the prefix key is listed under that prefix, and that path-style addressing reaches the bucket.
 */
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { lambdaContext } from '@onboarding/testing';
import { createS3Client } from '../../src/adapters/aws-clients';
import { S3UserStorage } from '../../src/adapters/s3-user-storage';
import { startLocalEmulators, type LocalEmulators } from '../support/local-cloud-emulators';
import { describeUserStorageContract } from '../support/user-storage-contract';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const USER = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';

let emulators: LocalEmulators;
let buckets = 0;

beforeAll(async () => {
  emulators = await startLocalEmulators();
  process.env.AWS_ENDPOINT_URL_S3 = emulators.s3Endpoint;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = emulators.dynamoEndpoint;
  process.env.S3_FORCE_PATH_STYLE = 'true';
  // s3rver checks signatures against its one built-in key pair.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
});

afterAll(async () => {
  await emulators.stop();
});

describeUserStorageContract('S3UserStorage on s3rver', async () => {
  const bucket = `contract-${++buckets}`;
  await emulators.createBucket(bucket);
  return {
    storage: new S3UserStorage(createS3Client({ s3ForcePathStyle: true }), bucket),
    putFile: async (key) => {
      await emulators.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'content' }));
    },
  };
});

describe('storage service handlers on s3rver', () => {
  type Handlers = {
    createUserStorage: typeof import('../../src/handlers/create-user-storage').handler;
    deleteUserStorage: typeof import('../../src/handlers/delete-user-storage').handler;
  };
  let handlers: Handlers;
  const bucket = 'user-storage-it';
  const prefix = `tenants/acme/users/${USER}/`;
  const listed = async (p: string) => ((await emulators.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: p }))).Contents ?? []).map((o) => o.Key);

  beforeAll(async () => {
    await emulators.createBucket(bucket);
    await emulators.createIdempotencyTable('storage-service-idempotency');
    // The handlers configure themselves at module load, as at a cold start.
    process.env.BUCKET_NAME = bucket;
    process.env.IDEMPOTENCY_TABLE_NAME = 'storage-service-idempotency';
    handlers = {
      createUserStorage: (await import('../../src/handlers/create-user-storage')).handler,
      deleteUserStorage: (await import('../../src/handlers/delete-user-storage')).handler,
    };
  });

  afterAll(async () => {
    (await import('../../src/adapters/aws-clients')).dynamoDbClient.destroy();
  });

  it('create a prefix that ListObjectsV2 lists, marked with the signup id', async () => {
    const output = await handlers.createUserStorage({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    expect(output).toEqual({ signupId: SIGNUP, tenantId: 'acme', bucket, prefix });
    expect(await listed(prefix)).toEqual([prefix]);
    const marker = await emulators.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: prefix }));
    expect(marker.ContentLength).toBe(0);
    expect(marker.Metadata).toEqual({ 'signup-id': SIGNUP });
  });

  it('delete everything under the prefix, across pages, and nothing of the neighbours', async () => {
    const SIGNUP_2 = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';
    const user2Prefix = 'tenants/acme/users/u-2/';
    await handlers.createUserStorage({ signupId: SIGNUP_2, tenantId: 'acme', userId: 'u-2' }, lambdaContext());
    // One more than a listing page holds, so the delete has to follow a continuation token.
    const files = Array.from({ length: 1_000 }, (_, i) => `${user2Prefix}f-${i}`);
    for (let start = 0; start < files.length; start += 50) {
      await Promise.all(files.slice(start, start + 50).map((Key) => emulators.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }))));
    }
    await emulators.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tenants/acme/users/u-20/keep', Body: 'x' }));
    await emulators.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tenants/globex/users/u-2/keep', Body: 'x' }));

    const output = await handlers.deleteUserStorage({ signupId: SIGNUP_2, tenantId: 'acme', userId: 'u-2' }, lambdaContext());

    expect(output.deletedObjects).toBe(1_001);
    expect(await listed(user2Prefix)).toEqual([]);
    expect(await listed('tenants/acme/users/u-20/')).toEqual(['tenants/acme/users/u-20/keep']);
    expect(await listed('tenants/globex/')).toEqual(['tenants/globex/users/u-2/keep']);
  }, 60_000);
});
