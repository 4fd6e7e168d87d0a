import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidStepInputError } from '@onboarding/events';
import { installFakeIdempotencyTable, lambdaContext, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { handler } from '../../src/handlers/delete-user';
import { conditionFailed, throttled } from '../support/aws-errors';
import { TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';
const USER_A = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';
const idempotencyDb = mockClient(DynamoDBClient);
const usersDb = mockClient(DynamoDBDocumentClient);
let idempotencyTable: FakeIdempotencyTable;

const storedUser = (overrides: Record<string, unknown> = {}) => ({
  pk: 'TENANT#acme',
  sk: `USER#${USER_A}`,
  tenantId: 'acme',
  userId: USER_A,
  signupId: SIGNUP_A,
  email: 'ada@example.com',
  status: 'active',
  ...overrides,
});

beforeEach(() => {
  idempotencyTable = installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  usersDb.on(DeleteCommand).resolves({});
});

afterEach(() => {
  idempotencyDb.reset();
  usersDb.reset();
});

describe('DeleteUser handler', () => {
  it('releases the email, deletes the user and answers deleted:true', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser() });

    const output = await handler({ signupId: SIGNUP_A, tenantId: 'acme', userId: USER_A }, lambdaContext());

    expect(output).toEqual({ signupId: SIGNUP_A, tenantId: 'acme', deleted: true });
    expect(usersDb).toHaveReceivedNthCommandWith(2, DeleteCommand, { Key: { pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com' } });
    expect(usersDb).toHaveReceivedNthCommandWith(3, DeleteCommand, { Key: { pk: 'TENANT#acme', sk: `USER#${USER_A}` } });
  });

  it('deletes once when called twice with the same payload, and answers the same both times', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser() });
    const first = await handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext());

    const second = await handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext());

    expect(second).toEqual(first);
    expect(usersDb).toHaveReceivedCommandTimes(DeleteCommand, 2);
    expect([...idempotencyTable.items.keys()]).toEqual([expect.stringMatching(/^DeleteUser#/)]);
  });

  it('deduplicates a retry within one execution but deletes again in the compensation of a later execution', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser() });
    await handler({ signupId: SIGNUP_A, tenantId: 'acme', executionName: `signup-${SIGNUP_A}` }, lambdaContext());
    await handler({ signupId: SIGNUP_A, tenantId: 'acme', executionName: `signup-${SIGNUP_A}` }, lambdaContext());
    const deletesAfterRetry = usersDb.commandCalls(DeleteCommand).length;

    await handler({ signupId: SIGNUP_A, tenantId: 'acme', executionName: `signup-${SIGNUP_A}-r1` }, lambdaContext());

    expect(deletesAfterRetry).toBe(2);
    expect(usersDb).toHaveReceivedCommandTimes(DeleteCommand, 4);
  });

  it('answers deleted:false, without an error, when there is nothing left to delete', async () => {
    usersDb.on(GetCommand).resolves({});

    await expect(handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext())).resolves.toEqual({ signupId: SIGNUP_A, tenantId: 'acme', deleted: false });
    expect(usersDb).toHaveReceivedCommandTimes(DeleteCommand, 0);
  });

  it('never deletes a user that belongs to another signup', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser({ signupId: SIGNUP_B }) });

    await expect(handler({ signupId: SIGNUP_A, tenantId: 'acme', userId: USER_A }, lambdaContext())).resolves.toMatchObject({ deleted: false });
    expect(usersDb).toHaveReceivedCommandTimes(DeleteCommand, 0);
  });

  it('answers deleted:false when the user record went away between the read and the delete', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser() });
    usersDb.on(DeleteCommand).rejects(conditionFailed());

    await expect(handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext())).resolves.toMatchObject({ deleted: false });
  });

  it.each([
    ['signupId', { tenantId: 'acme' }],
    ['tenantId', { signupId: SIGNUP_A, tenantId: 'ACME/../globex' }],
    ['userId', { signupId: SIGNUP_A, tenantId: 'acme', userId: '../u-1' }],
  ])('refuses a payload with a bad %s, naming the field, and deletes nothing', async (field, event) => {
    const error = await handler(event, lambdaContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect((error as InvalidStepInputError).fields).toEqual([field]);
    expect(usersDb.calls()).toHaveLength(0);
    expect(idempotencyDb.calls()).toHaveLength(0);
  });

  it('answers UserStoreUnavailableError when the users table throttles, and the retry finishes the job', async () => {
    usersDb.on(GetCommand).resolves({ Item: storedUser() });
    usersDb.on(DeleteCommand, { Key: { sk: `USER#${USER_A}` } }).rejectsOnce(throttled()).resolves({});

    await expect(handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext())).rejects.toMatchObject({ name: 'UserStoreUnavailableError' });
    await expect(handler({ signupId: SIGNUP_A, tenantId: 'acme' }, lambdaContext())).resolves.toMatchObject({ deleted: true });
  });

  it('keys every item it reads or deletes in the partition of the payload\'s tenant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/), fc.uuid({ version: 4 }), async (tenantId, signupId) => {
        usersDb.resetHistory();
        usersDb.on(GetCommand).resolves({ Item: storedUser({ pk: `TENANT#${tenantId}`, tenantId, signupId }) });

        await handler({ signupId, tenantId }, lambdaContext());

        const partitions = usersDb.calls().map((call) => (call.args[0].input as { Key: { pk: string } }).Key.pk);
        expect(partitions.length).toBe(3);
        expect(new Set(partitions)).toEqual(new Set([`TENANT#${tenantId}`]));
      }),
      { numRuns: 50 },
    );
  });
});
