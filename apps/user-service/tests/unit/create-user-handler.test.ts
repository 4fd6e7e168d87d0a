import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidStepInputError } from '@onboarding/events';
import { installFakeIdempotencyTable, lambdaContext, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import fc from 'fast-check';
import { handler } from '../../src/handlers/create-user';
import { logger } from '../../src/powertools';
import { conditionFailed, throttled } from '../support/aws-errors';
import { TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';
const idempotencyDb = mockClient(DynamoDBClient);
const usersDb = mockClient(DynamoDBDocumentClient);
let idempotencyTable: FakeIdempotencyTable;

const payload = (overrides: Record<string, unknown> = {}) => ({ signupId: SIGNUP_A, tenantId: 'acme', email: 'Ada@Example.com', name: 'Ada Lovelace', plan: 'pro', ...overrides });

beforeEach(() => {
  idempotencyTable = installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  usersDb.on(PutCommand).resolves({});
  usersDb.on(UpdateCommand).resolves({});
});

afterEach(() => {
  idempotencyDb.reset();
  usersDb.reset();
});

describe('CreateUser handler', () => {
  it('creates the user and answers the step output', async () => {
    const output = await handler(payload(), lambdaContext());

    expect(output).toEqual({ signupId: SIGNUP_A, tenantId: 'acme', userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70' });
    expect(usersDb).toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ sk: 'USER#u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70', email: 'ada@example.com', plan: 'pro' }) });
    expect(usersDb).toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ sk: 'EMAIL#ada@example.com' }) });
    expect(usersDb).toHaveReceivedCommandWith(UpdateCommand, { ExpressionAttributeValues: expect.objectContaining({ ':status': 'active' }) });
  });

  it('writes once when called twice with the same payload, and answers the same both times', async () => {
    const first = await handler(payload(), lambdaContext());
    const writesAfterFirst = usersDb.commandCalls(PutCommand).length + usersDb.commandCalls(UpdateCommand).length;

    const second = await handler(payload(), lambdaContext());

    expect(second).toEqual(first);
    expect(usersDb.commandCalls(PutCommand).length + usersDb.commandCalls(UpdateCommand).length).toBe(writesAfterFirst);
    expect([...idempotencyTable.items.keys()]).toEqual([expect.stringMatching(/^CreateUser#/)]);
    expect([...idempotencyTable.items.values()][0]?.status?.S).toBe('COMPLETED');
  });

  it('deduplicates a retry within one execution but writes again for a new execution of the signup (a replay after compensation)', async () => {
    const inFirst = payload({ executionName: `signup-${SIGNUP_A}` });
    await handler(inFirst, lambdaContext());
    const writesAfterFirst = usersDb.commandCalls(PutCommand).length;

    await handler(inFirst, lambdaContext());
    const writesAfterRetry = usersDb.commandCalls(PutCommand).length;
    const replayed = await handler(payload({ executionName: `signup-${SIGNUP_A}-r1` }), lambdaContext());

    expect(writesAfterRetry).toBe(writesAfterFirst);
    expect(usersDb.commandCalls(PutCommand).length).toBe(writesAfterFirst * 2);
    expect(replayed.userId).toBe('u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70');
    expect([...idempotencyTable.items.keys()]).toEqual([expect.stringMatching(/^CreateUser#/), expect.stringMatching(/^CreateUser#/)]);
  });

  it('defaults the plan to free when the payload has none', async () => {
    const { plan: _plan, ...withoutPlan } = payload();

    await handler(withoutPlan, lambdaContext());

    expect(usersDb).toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ sk: expect.stringMatching(/^USER#/), plan: 'free' }) });
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['tenantId', { tenantId: '../other' }],
    ['signupId', { signupId: 'not-a-uuid' }],
    ['name', { name: '' }],
    ['plan', { plan: 'platinum' }],
  ])('refuses a payload with a bad %s, naming the field, and writes nothing', async (field, overrides) => {
    const error = await handler(payload(overrides), lambdaContext()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect(error).toMatchObject({ name: 'InvalidStepInputError', fields: [field] });
    expect(usersDb.calls()).toHaveLength(0);
    expect(idempotencyDb.calls()).toHaveLength(0);
  });

  it('logs which field it refused, without its value', async () => {
    const logged = jest.spyOn(logger, 'error');

    await handler(payload({ email: 'not-an-email' }), lambdaContext()).catch(() => undefined);

    expect(logged).toHaveBeenCalledWith('CreateUser failed', { errorName: 'InvalidStepInputError', fields: ['email'] });
  });

  it('refuses a payload that is not an object', async () => {
    await expect(handler('signup', lambdaContext())).rejects.toMatchObject({ name: 'InvalidStepInputError', fields: ['(root)'] });
  });

  it('answers DuplicateUserError when another signup holds the email, and remembers nothing for a retry', async () => {
    usersDb.on(PutCommand, { Item: { sk: 'EMAIL#ada@example.com' } }).rejects(conditionFailed());
    usersDb.on(GetCommand).resolves({ Item: { pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com', signupId: SIGNUP_B, userId: 'u-b' } });
    usersDb.on(DeleteCommand).resolves({});

    await expect(handler(payload(), lambdaContext())).rejects.toMatchObject({ name: 'DuplicateUserError' });
    expect(usersDb).toHaveReceivedCommandWith(DeleteCommand, { Key: { pk: 'TENANT#acme', sk: 'USER#u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70' } });
    expect(idempotencyTable.items.size).toBe(0);
  });

  it('answers UserStoreUnavailableError when the users table throttles, and a retry then succeeds', async () => {
    usersDb.on(PutCommand).rejectsOnce(throttled()).resolves({});

    await expect(handler(payload(), lambdaContext())).rejects.toMatchObject({ name: 'UserStoreUnavailableError' });
    await expect(handler(payload(), lambdaContext())).resolves.toMatchObject({ signupId: SIGNUP_A });
  });

  it('answers UserStoreUnavailableError when the idempotency table throttles, before touching the users table', async () => {
    idempotencyTable.failWith(throttled(), ['PutItem']);

    await expect(handler(payload(), lambdaContext())).rejects.toMatchObject({ name: 'UserStoreUnavailableError' });
    expect(usersDb.calls()).toHaveLength(0);
  });

  it('keys every item it writes or reads in the partition of the payload\'s tenant', async () => {
    usersDb.on(GetCommand).resolves({});
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/), fc.uuid({ version: 4 }), async (tenantId, signupId) => {
        usersDb.resetHistory();

        await handler(payload({ tenantId, signupId }), lambdaContext());

        const touched = usersDb.calls().map((call) => {
          const input = call.args[0].input as { Key?: { pk: string }; Item?: { pk: string; tenantId: string } };
          return input.Key?.pk ?? input.Item?.pk;
        });
        expect(touched.length).toBeGreaterThan(0);
        expect(new Set(touched)).toEqual(new Set([`TENANT#${tenantId}`]));
      }),
      { numRuns: 50 },
    );
  });

  it('never logs the email address or the name', async () => {
    const logged = [jest.spyOn(logger, 'info'), jest.spyOn(logger, 'error'), jest.spyOn(logger, 'warn')];
    usersDb.on(PutCommand, { Item: { sk: 'EMAIL#ada@example.com' } }).rejects(conditionFailed());
    usersDb.on(GetCommand).resolves({ Item: { signupId: SIGNUP_B, userId: 'u-b' } });
    usersDb.on(DeleteCommand).resolves({});

    await handler(payload({ signupId: SIGNUP_B, email: 'grace@example.org', name: 'Grace Hopper' }), lambdaContext()).catch(() => undefined);
    await handler(payload(), lambdaContext()).catch(() => undefined);

    const lines = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(logged.some((spy) => spy.mock.calls.length > 0)).toBe(true);
    expect(lines).not.toMatch(/ada@example\.com|grace@example\.org|Ada Lovelace|Grace Hopper/i);
  });
});
