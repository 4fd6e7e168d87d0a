/**
 * The state machine passes `executionName` with each payload; the handlers log it next to
 * `signupId` and `tenantId`, so an operator can go from an execution to every log line it caused.
 * Logs are read from what the Powertools logger prints (JSON lines on stdout and stderr).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { captureLogs, installFakeIdempotencyTable, lambdaContext, type CapturedLogs } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as createUserStorage } from '../../src/handlers/create-user-storage';
import { handler as deleteUserStorage } from '../../src/handlers/delete-user-storage';
import { logger } from '../../src/powertools';
import { TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const USER = 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70';
const EXECUTION = `signup-${SIGNUP}`;
const idempotencyDb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
let logs: CapturedLogs;

const payload = (overrides: Record<string, unknown> = {}) => ({ signupId: SIGNUP, tenantId: 'acme', userId: USER, executionName: EXECUTION, ...overrides });

beforeEach(() => {
  installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
  s3.on(DeleteObjectsCommand).resolves({});
  logs = captureLogs();
  logger.setLogLevel('INFO');
});

afterEach(() => {
  logger.setLogLevel('SILENT');
  jest.restoreAllMocks();
  idempotencyDb.reset();
  s3.reset();
});

describe('execution name in the storage service logs', () => {
  it('appears with signupId and tenantId on the line CreateUserStorage logs', async () => {
    await createUserStorage(payload(), lambdaContext());

    expect(logs.records()).toEqual([expect.objectContaining({ message: 'User storage created', executionName: EXECUTION, signupId: SIGNUP, tenantId: 'acme' })]);
  });

  it('appears on the line DeleteUserStorage logs', async () => {
    await deleteUserStorage(payload(), lambdaContext());

    expect(logs.records()).toEqual([expect.objectContaining({ message: 'User storage deleted', executionName: EXECUTION, signupId: SIGNUP })]);
  });

  it('appears on the error line of a refused payload, which has no signupId to go by', async () => {
    await createUserStorage(payload({ signupId: 'not-a-uuid' }), lambdaContext()).catch(() => undefined);

    expect(logs.records()).toEqual([expect.objectContaining({ level: 'ERROR', executionName: EXECUTION, errorName: 'InvalidStepInputError' })]);
  });

  it('is simply absent when the payload carries none, and the step still works', async () => {
    const { executionName: _none, ...withoutName } = payload();

    await expect(createUserStorage(withoutName, lambdaContext())).resolves.toMatchObject({ signupId: SIGNUP });
    expect(logs.records()[0]).not.toHaveProperty('executionName');
  });

  it('is left out when it is not an execution name, so nothing odd reaches the logs', async () => {
    await createUserStorage(payload({ executionName: 'a'.repeat(81) }), lambdaContext());

    expect(logs.records()).toHaveLength(1);
    expect(logs.records()[0]).not.toHaveProperty('executionName');
  });

  it('does not carry over to the next invocation of the same sandbox', async () => {
    await createUserStorage(payload(), lambdaContext());
    const { executionName: _none, ...withoutName } = payload();

    await deleteUserStorage(withoutName, lambdaContext());

    expect(logs.records()[1]).not.toHaveProperty('executionName');
  });
});
