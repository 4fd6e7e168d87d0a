import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { InvalidStepInputError } from '@onboarding/events';
import { installFakeIdempotencyTable, lambdaContext, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { handler } from '../../src/handlers/create-user-storage';
import { slowDown, throttled } from '../support/aws-errors';
import { TEST_BUCKET, TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const USER = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';
const idempotencyDb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
let idempotencyTable: FakeIdempotencyTable;

beforeEach(() => {
  idempotencyTable = installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  s3.on(PutObjectCommand).resolves({});
});

afterEach(() => {
  idempotencyDb.reset();
  s3.reset();
});

describe('CreateUserStorage handler', () => {
  it('puts the marker at the user\'s prefix and answers bucket and prefix', async () => {
    const output = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    expect(output).toEqual({ signupId: SIGNUP, tenantId: 'acme', bucket: TEST_BUCKET, prefix: `tenants/acme/users/${USER}/` });
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: TEST_BUCKET, Key: `tenants/acme/users/${USER}/`, ContentLength: 0, Metadata: { 'signup-id': SIGNUP } });
  });

  it('writes once when called twice with the same payload, and answers the same both times', async () => {
    const first = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    const second = await handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext());

    expect(second).toEqual(first);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect([...idempotencyTable.items.keys()]).toEqual([expect.stringMatching(/^CreateUserStorage#/)]);
  });

  it('deduplicates a retry within one execution but puts the prefix again for a new execution of the signup (a replay after compensation)', async () => {
    const inFirst = { signupId: SIGNUP, tenantId: 'acme', userId: USER, executionName: `signup-${SIGNUP}` };
    await handler(inFirst, lambdaContext());
    await handler(inFirst, lambdaContext());
    const putsAfterRetry = s3.commandCalls(PutObjectCommand).length;

    await handler({ ...inFirst, executionName: `signup-${SIGNUP}-r1` }, lambdaContext());

    expect(putsAfterRetry).toBe(1);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 2);
  });

  it.each([
    ['userId', { signupId: SIGNUP, tenantId: 'acme', userId: '../../globex/users/u-2' }],
    ['userId', { signupId: SIGNUP, tenantId: 'acme', userId: 'u-1/../../x' }],
    ['tenantId', { signupId: SIGNUP, tenantId: 'acme/users/u-2', userId: USER }],
    ['tenantId', { signupId: SIGNUP, tenantId: '..', userId: USER }],
    ['signupId', { tenantId: 'acme', userId: USER }],
  ])('refuses a payload with a bad %s, naming the field, and writes nothing', async (field, event) => {
    const error = await handler(event, lambdaContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect((error as InvalidStepInputError).fields).toEqual([field]);
    expect(s3.calls()).toHaveLength(0);
    expect(idempotencyDb.calls()).toHaveLength(0);
  });

  it('answers StorageUnavailableError when S3 says SlowDown, and the retry succeeds', async () => {
    s3.on(PutObjectCommand).rejectsOnce(slowDown()).resolves({});

    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).resolves.toMatchObject({ signupId: SIGNUP });
  });

  it('answers StorageUnavailableError when the idempotency table throttles, before writing to S3', async () => {
    idempotencyTable.failWith(throttled(), ['PutItem']);

    await expect(handler({ signupId: SIGNUP, tenantId: 'acme', userId: USER }, lambdaContext())).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    expect(s3.calls()).toHaveLength(0);
  });

  it('never writes outside tenants/<tenantId>/users/<userId>/ for any valid ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/), fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/), fc.uuid({ version: 4 }), async (tenantId, userId, signupId) => {
        s3.resetHistory();

        const output = await handler({ signupId, tenantId, userId }, lambdaContext());

        const keys = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key);
        expect(keys).toEqual([`tenants/${tenantId}/users/${userId}/`]);
        expect(output.prefix).toBe(`tenants/${tenantId}/users/${userId}/`);
      }),
      { numRuns: 50 },
    );
  });
});
