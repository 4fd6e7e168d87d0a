/**
 * Tenant isolation, through the real handlers on the local cloud: a user of tenant A is onboarded
 * end to end, then the compensation steps (DeleteUserStorage, DeleteUser) are invoked as the
 * state machine would invoke them, but with tenant B and tenant A's user id: A's objects and
 * records are untouched. A tenant id that tries to climb out of its prefix is refused before S3
 * is called, the user record lives in its tenant's partition, and the same address signs up
 * independently in two tenants. Local IAM adds the outer wall: the storage function cannot write
 * outside `tenants/` at all.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { FUNCTION_SECRET_ACCESS_KEY, functionAccessKeyId } from '../../src/lambda/function-environment';
import type { FunctionModel } from '../../src/model';
import { eventually, finishedExecutionOf, signUp, signupIdOf } from './local-cloud-helpers';

const region = 'us-east-1';
const admin = { accessKeyId: 'tenancy-test', secretAccessKey: 'tenancy-test' };

interface Onboarded {
  signupId: string;
  userId: string;
  storagePrefix: string;
}

describe('tenant isolation on the local cloud', () => {
  let cloud: LocalCloud;
  let s3: S3Client;
  let dynamodb: DynamoDBClient;
  let bucket: string;
  let usersTable: string;
  let userA: Onboarded;
  const email = `shared+${Date.now()}@example.com`;

  const fn = (app: string, prefix: string): FunctionModel => {
    const found = cloud.model.functions.find((f) => f.app === app && f.logicalId.startsWith(prefix));
    if (!found) throw new Error(`no ${prefix} function in ${app}`);
    return found;
  };
  const invoke = (app: string, prefix: string, payload: unknown) => cloud.runtime.invoke(fn(app, prefix).arn, payload);
  const keysUnder = async (prefix: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);
  const allKeys = () => keysUnder('');

  /** Onboards a user end to end and reads what UserOnboarded says about it. */
  async function onboard(tenantId: string, name: string): Promise<Onboarded> {
    const signupId = signupIdOf(await signUp(cloud, { email, name, tenantId }));
    expect((await finishedExecutionOf(cloud, signupId)).status).toBe('SUCCEEDED');
    const event = await eventually(() => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboarded' && (e.detail as { signupId?: string }).signupId === signupId), `UserOnboarded of ${signupId}`);
    return { signupId, ...(event.detail as { userId: string; storagePrefix: string }) };
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 });
    s3 = new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials: admin });
    bucket = cloud.model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId))?.bucketName as string;
    usersTable = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId))?.tableName as string;
    userA = await onboard('tenant-a', 'Alice Tenant');
  }, 60_000);
  afterAll(() => cloud?.stop());

  it('keeps the user record in its tenant’s partition', async () => {
    const item = await dynamodb.send(new GetItemCommand({ TableName: usersTable, Key: { pk: { S: 'TENANT#tenant-a' }, sk: { S: `USER#${userA.userId}` } } }));

    expect(item.Item?.tenantId?.S).toBe('tenant-a');
    expect(userA.storagePrefix).toBe(`tenants/tenant-a/users/${userA.userId}/`);
    expect(await keysUnder(userA.storagePrefix)).toEqual([userA.storagePrefix]);
  });

  it("does not delete tenant A's storage when DeleteUserStorage runs with tenant B and A's user id", async () => {
    const result = await invoke('storage-service', 'DeleteUserStorage', { signupId: userA.signupId, tenantId: 'tenant-b', userId: userA.userId });

    expect(result.FunctionError).toBeUndefined();
    expect(result.Payload).toMatchObject({ tenantId: 'tenant-b', deletedObjects: 0 });
    expect(await keysUnder(userA.storagePrefix)).toEqual([userA.storagePrefix]);
  });

  it("does not delete tenant A's user when DeleteUser runs with tenant B and A's user id, nor with another signup's id", async () => {
    const crossTenant = await invoke('user-service', 'DeleteUser', { signupId: userA.signupId, tenantId: 'tenant-b', userId: userA.userId });
    const otherSignup = await invoke('user-service', 'DeleteUser', { signupId: '00000000-0000-4000-8000-000000000000', tenantId: 'tenant-a', userId: userA.userId });

    expect(crossTenant.Payload).toMatchObject({ deleted: false });
    expect(otherSignup.Payload).toMatchObject({ deleted: false });
    const items = await dynamodb.send(new QueryCommand({ TableName: usersTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'TENANT#tenant-a' } } }));
    expect(items.Items?.map((i) => i.sk?.S).sort()).toEqual([`EMAIL#${email}`, `USER#${userA.userId}`].sort());
  });

  it('refuses a tenant id or user id that climbs out of its prefix, before anything is written', async () => {
    const before = await allKeys();

    const answers = await Promise.all([
      invoke('storage-service', 'CreateUserStorage', { signupId: userA.signupId, tenantId: '../tenant-a', userId: 'intruder' }),
      invoke('storage-service', 'CreateUserStorage', { signupId: userA.signupId, tenantId: 'tenant-b', userId: `../../tenant-a/users/${userA.userId}` }),
      invoke('storage-service', 'DeleteUserStorage', { signupId: userA.signupId, tenantId: 'tenant-a/users', userId: userA.userId }),
      invoke('user-service', 'DeleteUser', { signupId: userA.signupId, tenantId: 'TENANT#tenant-a', userId: userA.userId }),
    ]);

    for (const answer of answers) {
      expect(answer.FunctionError).toBe('Unhandled');
      expect(answer.Payload).toMatchObject({ errorType: 'InvalidStepInputError' });
    }
    expect(await allKeys()).toEqual(before);
    expect(await keysUnder(userA.storagePrefix)).toEqual([userA.storagePrefix]);
  });

  it('lets the same address sign up in another tenant: uniqueness is per tenant', async () => {
    const userB = await onboard('tenant-b', 'Alice Elsewhere');

    expect(userB.storagePrefix).toBe(`tenants/tenant-b/users/${userB.userId}/`);
    const inB = await dynamodb.send(new GetItemCommand({ TableName: usersTable, Key: { pk: { S: 'TENANT#tenant-b' }, sk: { S: `EMAIL#${email}` } } }));
    expect(inB.Item?.signupId?.S).toBe(userB.signupId);
  });

  it('lets local IAM refuse the storage function any key outside tenants/, whatever its code does', async () => {
    const storage = fn('storage-service', 'CreateUserStorage');
    const asFunction = new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: functionAccessKeyId(storage), secretAccessKey: FUNCTION_SECRET_ACCESS_KEY } });

    await expect(asFunction.send(new PutObjectCommand({ Bucket: bucket, Key: 'shared/escape.txt', Body: 'x' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(await keysUnder('shared/')).toEqual([]);
  });
});
