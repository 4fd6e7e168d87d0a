/**
 * The state machine passes `executionName` with each payload; the handlers log it next to
 * `signupId` and `tenantId`, so an operator can go from an execution to every log line it caused.
 * Logs are read from what the Powertools logger prints (JSON lines on stdout and stderr).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { captureLogs, installFakeIdempotencyTable, lambdaContext, type CapturedLogs } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as createUser } from '../../src/handlers/create-user';
import { handler as deleteUser } from '../../src/handlers/delete-user';
import { logger } from '../../src/powertools';
import { TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const EXECUTION = `signup-${SIGNUP}`;
const idempotencyDb = mockClient(DynamoDBClient);
const usersDb = mockClient(DynamoDBDocumentClient);
let logs: CapturedLogs;

const createPayload = (overrides: Record<string, unknown> = {}) => ({ signupId: SIGNUP, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', executionName: EXECUTION, ...overrides });

beforeEach(() => {
  installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  usersDb.on(PutCommand).resolves({});
  usersDb.on(UpdateCommand).resolves({});
  usersDb.on(GetCommand).resolves({});
  usersDb.on(DeleteCommand).resolves({});
  logs = captureLogs();
  logger.setLogLevel('INFO');
});

afterEach(() => {
  logger.setLogLevel('SILENT');
  jest.restoreAllMocks();
  idempotencyDb.reset();
  usersDb.reset();
});

describe('execution name in the user service logs', () => {
  it('appears with signupId and tenantId on the line CreateUser logs', async () => {
    await createUser(createPayload(), lambdaContext());

    expect(logs.records()).toEqual([expect.objectContaining({ message: 'User created', executionName: EXECUTION, signupId: SIGNUP, tenantId: 'acme' })]);
  });

  it('appears on the line DeleteUser logs', async () => {
    await deleteUser({ signupId: SIGNUP, tenantId: 'acme', executionName: EXECUTION }, lambdaContext());

    expect(logs.records()).toEqual([expect.objectContaining({ message: 'User compensation done', executionName: EXECUTION, signupId: SIGNUP })]);
  });

  it('appears on the error line of a refused payload, which has no signupId to go by', async () => {
    await createUser(createPayload({ signupId: 'not-a-uuid' }), lambdaContext()).catch(() => undefined);

    expect(logs.records()).toEqual([expect.objectContaining({ level: 'ERROR', executionName: EXECUTION, errorName: 'InvalidStepInputError' })]);
  });

  it('is simply absent when the payload carries none, and the step still works', async () => {
    const { executionName: _none, ...withoutName } = createPayload();

    await expect(createUser(withoutName, lambdaContext())).resolves.toMatchObject({ signupId: SIGNUP });
    expect(logs.records()[0]).not.toHaveProperty('executionName');
  });

  it('is left out when it is not an execution name, so nothing odd reaches the logs', async () => {
    await createUser(createPayload({ executionName: 'x\n{"level":"ERROR"}' }), lambdaContext());

    expect(logs.records()).toHaveLength(1);
    expect(logs.records()[0]).not.toHaveProperty('executionName');
  });

  it('does not carry over to the next invocation of the same sandbox', async () => {
    await createUser(createPayload(), lambdaContext());
    const { executionName: _none, ...withoutName } = createPayload();

    await createUser(withoutName, lambdaContext());

    expect(logs.records()[1]).not.toHaveProperty('executionName');
  });
});
