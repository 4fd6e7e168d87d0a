import { ConditionalCheckFailedException, DynamoDBClient, DynamoDBServiceException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbUserRepository } from '../../src/adapters/dynamodb-user-repository';
import { UserStoreUnavailableError } from '../../src/domain/errors';

const TABLE = 'users-test';
const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';
const ddb = mockClient(DynamoDBDocumentClient);
const users = new DynamoDbUserRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), TABLE);

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
const serviceError = (name: string, httpStatusCode: number) =>
  new DynamoDBServiceException({ name, message: name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });

afterEach(() => {
  ddb.reset();
});

describe('DynamoDbUserRepository', () => {
  describe('createPendingUser', () => {
    it('puts the user in its tenant\'s partition only if it is not there yet', async () => {
      ddb.on(PutCommand).resolves({});

      await users.createPendingUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A, email: 'ada@example.com', name: 'Ada', plan: 'free', createdAt: '2026-11-24T10:00:00.000Z' });

      expect(ddb).toHaveReceivedCommandWith(PutCommand, {
        TableName: TABLE,
        Item: expect.objectContaining({ pk: 'TENANT#acme', sk: 'USER#u-a', signupId: SIGNUP_A, status: 'pending', email: 'ada@example.com' }),
        ConditionExpression: 'attribute_not_exists(sk)',
      });
    });

    it('treats an existing record as an earlier attempt of the same signup', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());

      await expect(
        users.createPendingUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A, email: 'ada@example.com', name: 'Ada', plan: 'free', createdAt: '2026-11-24T10:00:00.000Z' }),
      ).resolves.toBeUndefined();
    });
  });

  describe('claimEmail', () => {
    const claim = { tenantId: 'acme', email: 'ada@example.com', userId: 'u-b', signupId: SIGNUP_B };

    it('claims a free address with a conditional put keyed by the email', async () => {
      ddb.on(PutCommand).resolves({});

      await expect(users.claimEmail(claim)).resolves.toEqual({ signupId: SIGNUP_B, userId: 'u-b' });
      expect(ddb).toHaveReceivedCommandWith(PutCommand, {
        Item: expect.objectContaining({ pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com', signupId: SIGNUP_B, userId: 'u-b' }),
        ConditionExpression: 'attribute_not_exists(sk)',
      });
    });

    it('reads the holder back with a consistent read when the claim is taken', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({ Item: { pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com', signupId: SIGNUP_A, userId: 'u-a' } });

      await expect(users.claimEmail(claim)).resolves.toEqual({ signupId: SIGNUP_A, userId: 'u-a' });
      expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com' }, ConsistentRead: true });
    });

    it('claims again when the holder released the address between the refused put and the read', async () => {
      ddb.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});
      ddb.on(GetCommand).resolves({});

      await expect(users.claimEmail(claim)).resolves.toEqual({ signupId: SIGNUP_B, userId: 'u-b' });
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, 2);
    });

    it('gives up with a retryable error when the claim keeps changing hands', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({});

      await expect(users.claimEmail(claim)).rejects.toBeInstanceOf(UserStoreUnavailableError);
    });
  });

  describe('activateUser', () => {
    it('sets the status only on the signup\'s own existing record', async () => {
      ddb.on(UpdateCommand).resolves({});

      await expect(users.activateUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(true);
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
        Key: { pk: 'TENANT#acme', sk: 'USER#u-a' },
        ConditionExpression: 'attribute_exists(sk) AND signupId = :signupId',
        ExpressionAttributeValues: { ':status': 'active', ':signupId': SIGNUP_A },
      });
    });

    it('answers false when the record is gone', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());

      await expect(users.activateUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(false);
    });
  });

  describe('deleteUser and releaseEmail', () => {
    it('deletes a user only on the condition that it belongs to the signup', async () => {
      ddb.on(DeleteCommand).resolves({});

      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).resolves.toBe(true);
      expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
        Key: { pk: 'TENANT#acme', sk: 'USER#u-a' },
        ConditionExpression: 'signupId = :signupId',
        ExpressionAttributeValues: { ':signupId': SIGNUP_A },
      });
    });

    it('releases an email claim only on the condition that the signup holds it', async () => {
      ddb.on(DeleteCommand).resolves({});

      await users.releaseEmail({ tenantId: 'acme', email: 'ada@example.com', signupId: SIGNUP_A });

      expect(ddb).toHaveReceivedCommandWith(DeleteCommand, { Key: { pk: 'TENANT#acme', sk: 'EMAIL#ada@example.com' }, ConditionExpression: 'signupId = :signupId' });
    });

    it('answer false, not an error, when their condition fails', async () => {
      ddb.on(DeleteCommand).rejects(conditionFailed());

      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_B })).resolves.toBe(false);
      await expect(users.releaseEmail({ tenantId: 'acme', email: 'ada@example.com', signupId: SIGNUP_B })).resolves.toBe(false);
    });
  });

  describe('error mapping', () => {
    const transient: [string, () => Error][] = [
      ['a throttling error', () => serviceError('ThrottlingException', 400)],
      ['ProvisionedThroughputExceeded', () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } })],
      ['a 5xx', () => serviceError('InternalServerError', 500)],
      ['a time-out', () => Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
      ['a network error', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ];

    it.each(transient)('turns %s into UserStoreUnavailableError, keeping the cause', async (_label, makeError) => {
      const cause = makeError();
      ddb.on(GetCommand).rejects(cause);

      const error = await users.findUser('acme', 'u-a').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(UserStoreUnavailableError);
      expect(error).toMatchObject({ name: 'UserStoreUnavailableError', cause });
    });

    it('turns a throttled write into UserStoreUnavailableError too', async () => {
      ddb.on(PutCommand).rejects(serviceError('ThrottlingException', 400));

      await expect(users.claimEmail({ tenantId: 'acme', email: 'ada@example.com', userId: 'u-a', signupId: SIGNUP_A })).rejects.toMatchObject({
        name: 'UserStoreUnavailableError',
      });
    });

    it('lets a permanent error such as AccessDenied through unchanged', async () => {
      const denied = serviceError('AccessDeniedException', 400);
      ddb.on(DeleteCommand).rejects(denied);

      await expect(users.deleteUser({ tenantId: 'acme', userId: 'u-a', signupId: SIGNUP_A })).rejects.toBe(denied);
    });
  });
});
