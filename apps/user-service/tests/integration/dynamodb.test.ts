/**
 * Integration tier: the DynamoDB adapter and both handlers against dynalite (the local cloud's
 * DynamoDB) over loopback, with tables shaped like the stack's. What aws-sdk-client-mock cannot
 * show is shown here: that the condition expressions do what the use cases rely on.
 */
import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lambdaContext } from '@onboarding/testing';
import { DynamoDbUserRepository } from '../../src/adapters/dynamodb-user-repository';
import { startLocalDynamo, type LocalDynamo } from '../support/dynalite';
import { describeUserRepositoryContract } from '../support/user-repository-contract';

const SIGNUP_A = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const SIGNUP_B = '9d1c3a5e-7f2b-4c6d-8e0a-1b3c5d7e9f11';

let dynamo: LocalDynamo;
let tables = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});

afterAll(async () => {
  await dynamo.stop();
});

describeUserRepositoryContract('DynamoDbUserRepository on dynalite', async () => {
  const tableName = `users-contract-${++tables}`;
  await dynamo.createTable('UsersTable', tableName);
  return new DynamoDbUserRepository(DynamoDBDocumentClient.from(dynamo.client), tableName);
});

describe('user service handlers on dynalite', () => {
  type Handlers = { createUser: typeof import('../../src/handlers/create-user').handler; deleteUser: typeof import('../../src/handlers/delete-user').handler };
  let handlers: Handlers;
  const usersTable = 'users-handlers';

  const items = async () => (await dynamo.client.send(new ScanCommand({ TableName: usersTable, ConsistentRead: true }))).Items ?? [];
  const signup = (signupId: string) => ({ signupId, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' });

  beforeAll(async () => {
    await dynamo.createTable('UsersTable', usersTable);
    await dynamo.createTable('IdempotencyTable', 'user-service-idempotency');
    // The handlers configure themselves at module load, as at a cold start, the way the local
    // cloud starts them: endpoint from AWS_ENDPOINT_URL_DYNAMODB, tables from the environment.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    process.env.USERS_TABLE_NAME = usersTable;
    process.env.IDEMPOTENCY_TABLE_NAME = 'user-service-idempotency';
    handlers = {
      createUser: (await import('../../src/handlers/create-user')).handler,
      deleteUser: (await import('../../src/handlers/delete-user')).handler,
    };
  });

  afterAll(async () => {
    (await import('../../src/adapters/aws-clients')).dynamoDbClient.destroy();
  });

  it('create the user and its email claim, and refuse the same email for another signup', async () => {
    await expect(handlers.createUser(signup(SIGNUP_A), lambdaContext())).resolves.toMatchObject({ userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70' });

    await expect(handlers.createUser(signup(SIGNUP_B), lambdaContext())).rejects.toMatchObject({ name: 'DuplicateUserError' });

    const stored = await items();
    expect(stored.map((item) => item.sk?.S).sort()).toEqual(['EMAIL#ada@example.com', 'USER#u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70']);
    expect(stored.every((item) => item.signupId?.S === SIGNUP_A)).toBe(true);
    expect(stored.find((item) => item.sk?.S?.startsWith('USER#'))?.status?.S).toBe('active');
  });

  it('answer a repeat of CreateUser from the idempotency record, without writing to the users table', async () => {
    const first = await handlers.createUser(signup(SIGNUP_A), lambdaContext());
    // Empty the users table: if the repeat wrote anything, it would show.
    for (const { pk, sk } of await items()) {
      if (pk && sk) await dynamo.client.send(new DeleteItemCommand({ TableName: usersTable, Key: { pk, sk } }));
    }

    const repeat = await handlers.createUser(signup(SIGNUP_A), lambdaContext());

    expect(repeat).toEqual(first);
    expect(await items()).toEqual([]);
  });

  it('compensate a signup, after which the email is free for another signup', async () => {
    const SIGNUP_C = '3e5a7c9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d';
    const SIGNUP_D = '5a7c9e1b-3d4f-4b6c-8d0e-4f6a8b0c2d3e';
    await handlers.createUser({ ...signup(SIGNUP_C), email: 'grace@example.org' }, lambdaContext());

    await expect(handlers.deleteUser({ signupId: SIGNUP_C, tenantId: 'acme' }, lambdaContext())).resolves.toMatchObject({ deleted: true });

    expect((await items()).filter((item) => item.signupId?.S === SIGNUP_C)).toEqual([]);
    await expect(handlers.createUser({ ...signup(SIGNUP_D), email: 'grace@example.org' }, lambdaContext())).resolves.toMatchObject({ signupId: SIGNUP_D });
  });
});
