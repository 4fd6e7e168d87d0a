import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { InvalidStepInputError } from '@onboarding/events';
import { installFakeIdempotencyTable, lambdaContext, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { handler } from '../../src/handlers/delete-user-storage';
import { slowDown } from '../support/aws-errors';
import { TEST_BUCKET, TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const USER = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';
const PREFIX = `tenants/acme/users/${USER}/`;
const idempotencyDb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
let idempotencyTable: FakeIdempotencyTable;

const keysDeleted = () => s3.commandCalls(DeleteObjectsCommand).flatMap((call) => (call.args[0].input.Delete?.Objects ?? []).map((o) => o.Key));

beforeEach(() => {
  idempotencyTable = installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  s3.on(DeleteObjectsCommand).resolves({});
});

afterEach(() => {
  idempotencyDb.reset();
  s3.reset();
});

describe('DeleteUserStorage handler', () => {
  it('lists the user\'s prefix page by page and deletes what it lists', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({ Contents: [{ Key: PREFIX }, { Key: `${PREFIX}a.txt` }], IsTruncated: true, NextContinuationToken: 'next' });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'next' }).resolves({ Contents: [{ Key: `${PREFIX}b.txt` }], IsTruncated: false });

    const output = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    expect(output).toEqual({ signupId: SIGNUP, tenantId: 'acme', deletedObjects: 3 });
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: TEST_BUCKET, Prefix: PREFIX });
    expect(keysDeleted()).toEqual([PREFIX, `${PREFIX}a.txt`, `${PREFIX}b.txt`]);
  });

  it('deletes once when called twice with the same payload, and answers the same both times', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: PREFIX }], IsTruncated: false });
    const first = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    const second = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    expect(second).toEqual(first);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectsCommand, 1);
    expect([...idempotencyTable.items.keys()]).toEqual([expect.stringMatching(/^DeleteUserStorage#/)]);
  });

  it('deduplicates a retry within one execution but deletes again in the compensation of a later execution', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: PREFIX }], IsTruncated: false });
    const inFirst = { signupId: SIGNUP, tenantId: 'acme', userId: USER, executionName: `signup-${SIGNUP}` };
    await handler(inFirst, lambdaContext());
    await handler(inFirst, lambdaContext());
    const deletesAfterRetry = s3.commandCalls(DeleteObjectsCommand).length;

    await handler({ ...inFirst, executionName: `signup-${SIGNUP}-r1` }, lambdaContext());

    expect(deletesAfterRetry).toBe(1);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectsCommand, 2);
  });

  it('answers deletedObjects:0 when the prefix is already empty', async () => {
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0, IsTruncated: false });

    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).resolves.toMatchObject({ deletedObjects: 0 });
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectsCommand, 0);
  });

  it.each([
    ['userId', { signupId: SIGNUP, tenantId: 'acme', userId: '..' }],
    ['userId', { signupId: SIGNUP, tenantId: 'acme', userId: '' }],
    ['tenantId', { signupId: SIGNUP, tenantId: '../', userId: USER }],
    ['userId', { signupId: SIGNUP, tenantId: 'acme' }],
  ])('refuses a payload with a bad %s, naming the field, and deletes nothing', async (field, event) => {
    const error = await handler(event, lambdaContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect((error as InvalidStepInputError).fields).toEqual([field]);
    expect(s3.calls()).toHaveLength(0);
  });

  it('answers StorageUnavailableError when S3 says SlowDown, and the retry finishes the job', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: PREFIX }], IsTruncated: false });
    s3.on(DeleteObjectsCommand).rejectsOnce(slowDown()).resolves({});

    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).resolves.toMatchObject({ deletedObjects: 1 });
  });

  it('never deletes outside the user\'s prefix, whatever the listing contains, for any valid ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/),
        fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/),
        fc.uuid({ version: 4 }),
        fc.array(fc.string(), { maxLength: 5 }),
        async (tenantId, userId, signupId, strayKeys) => {
          s3.resetHistory();
          const prefix = `tenants/${tenantId}/users/${userId}/`;
          // A listing polluted with keys of other tenants and users must not widen the delete.
          s3.on(ListObjectsV2Command).resolves({ Contents: [prefix, `${prefix}f`, `tenants/other/users/${userId}/f`, `${prefix.slice(0, -1)}0/f`, ...strayKeys].map((Key) => ({ Key })) });

          await handler({ signupId, tenantId, userId }, lambdaContext());

          const deleted = keysDeleted();
          expect(deleted.length).toBeGreaterThan(0);
          expect(deleted.every((key) => key?.startsWith(prefix))).toBe(true);
          expect(s3.commandCalls(ListObjectsV2Command).every((call) => call.args[0].input.Prefix === prefix)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
