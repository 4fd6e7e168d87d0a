// CreateUser and DeleteUser share one idempotency table and are both keyed by signupId: their key
// prefixes are what keeps a compensation from being answered with CreateUser's stored result.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { installFakeIdempotencyTable, lambdaContext } from '@onboarding/testing';
import { handler as createUser } from '../../src/handlers/create-user';
import { handler as deleteUser } from '../../src/handlers/delete-user';
import { TEST_IDEMPOTENCY_TABLE } from '../support/env';

const SIGNUP = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const idempotencyDb = mockClient(DynamoDBClient);
const usersDb = mockClient(DynamoDBDocumentClient);

afterEach(() => {
  idempotencyDb.reset();
  usersDb.reset();
});

describe('idempotency records of the user service', () => {
  it('let DeleteUser run after CreateUser of the same signup, each under its own key', async () => {
    const table = installFakeIdempotencyTable(idempotencyDb, { tableName: TEST_IDEMPOTENCY_TABLE });
    usersDb.on(PutCommand).resolves({});
    usersDb.on(UpdateCommand).resolves({});
    usersDb.on(GetCommand).resolves({ Item: { tenantId: 'acme', userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70', signupId: SIGNUP, email: 'ada@example.com', status: 'active' } });
    usersDb.on(DeleteCommand).resolves({});
    await createUser({ signupId: SIGNUP, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace' }, lambdaContext());

    const compensation = await deleteUser({ signupId: SIGNUP, tenantId: 'acme' }, lambdaContext());

    expect(compensation).toEqual({ signupId: SIGNUP, tenantId: 'acme', deleted: true });
    expect(usersDb).toHaveReceivedCommandTimes(DeleteCommand, 2);
    expect([...table.items.keys()].map((key) => key.split('#')[0]).sort()).toEqual(['CreateUser', 'DeleteUser']);
  });
});
