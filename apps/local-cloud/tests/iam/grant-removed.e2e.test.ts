/**
 * The point of local IAM: a grant missing from the CDK app makes the local flow fail at the step
 * that needs it, as it would once deployed. The storage service's synthesized assembly is copied
 * and its CreateUserStorage role loses the `s3:PutObject` statement; the local cloud boots from
 * that copy and the other apps' real assemblies. A signup then fails at CreateUserStorage with
 * S3's AccessDenied in the execution history, and the saga compensates (the user record is
 * removed, UserOnboardingFailed names the step). Booted from the same copy with `iam: false`, the
 * same signup succeeds: the failure is local IAM's doing.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAssemblies } from '../../src/assembly';
import { findWorkspaceRoot, startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { eventually, finishedExecutionOf, signUp, signupIdOf } from '../security/local-cloud-helpers';

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
type Statement = { Action: string | string[]; Effect: string; Resource: unknown };

/** Removes every statement granting `action` to the role of the function whose logical id starts with `functionPrefix`. */
async function removeGrant(assemblyDir: string, functionPrefix: string, action: string): Promise<number> {
  const file = (await readdir(assemblyDir)).find((f) => f.endsWith('.template.json'));
  if (!file) throw new Error(`no template in ${assemblyDir}`);
  const template = JSON.parse(await readFile(join(assemblyDir, file), 'utf8')) as Template;
  const fn = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(functionPrefix))?.[1];
  const roleId = (fn?.Properties?.Role as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt']?.[0];
  if (!roleId) throw new Error(`no role for ${functionPrefix} in ${file}`);
  let removed = 0;
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles as { Ref?: string }[] | undefined) ?? [];
    if (!roles.some((r) => r.Ref === roleId)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: Statement[] };
    const kept = document.Statement.filter((s) => ![s.Action].flat().includes(action));
    removed += document.Statement.length - kept.length;
    document.Statement = kept;
  }
  await writeFile(join(assemblyDir, file), JSON.stringify(template, null, 1));
  return removed;
}

describe('a grant removed from the CDK app', () => {
  let workDir: string;
  let assemblies: { app: string; dir: string }[];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'lc-iam-grant-'));
    const { found } = await findAssemblies(findWorkspaceRoot());
    const storage = found.find((a) => a.app === 'storage-service');
    if (!storage) throw new Error('no storage-service assembly: run `npx nx run-many -t synth` first');
    const copy = join(workDir, 'storage-service');
    await cp(storage.dir, copy, { recursive: true });
    const removed = await removeGrant(copy, 'CreateUserStorage', 's3:PutObject');
    if (removed !== 1) throw new Error(`expected to remove one s3:PutObject statement, removed ${removed}`);
    assemblies = [...found.filter((a) => a.app !== 'storage-service'), { app: 'storage-service', dir: copy }];
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  describe('with local IAM (the default)', () => {
    let cloud: LocalCloud;

    beforeAll(async () => {
      cloud = await startLocalCloud({ ports: 'free', synth: false, assemblies, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 });
    }, 60_000);
    afterAll(() => cloud?.stop());

    it('fails the signup at CreateUserStorage with AccessDenied and compensates it', async () => {
      const tenantId = 'iam-grant';

      const signupId = signupIdOf(await signUp(cloud, { email: `nostore+${Date.now()}@example.com`, name: 'No Storage', tenantId }));
      const execution = await finishedExecutionOf(cloud, signupId);

      expect(execution.status).toBe('FAILED');
      const { events } = await cloud.stepfunctions.history(execution.executionArn);
      const failed = events.filter((e) => e.type === 'TaskFailed');
      expect(failed.map((e) => (e as { taskFailedEventDetails?: { error?: string } }).taskFailedEventDetails?.error)).toContain('AccessDenied');
      const cause = failed.map((e) => (e as { taskFailedEventDetails?: { cause?: string } }).taskFailedEventDetails?.cause ?? '').join('\n');
      expect(cause).toContain('s3:PutObject');
      const entered = events.map((e) => (e as { stateEnteredEventDetails?: { name?: string } }).stateEnteredEventDetails?.name).filter(Boolean);
      expect(entered).toEqual(expect.arrayContaining(['CreateUserStorage', 'DeleteUserStorage', 'DeleteUser']));
      expect(entered).not.toContain('NotifyTeam');

      const outcome = await eventually(
        () => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboardingFailed' && (e.detail as { signupId?: string }).signupId === signupId),
        'the UserOnboardingFailed event',
      );
      expect(outcome.detail).toMatchObject({ signupId, tenantId, failedStep: 'CreateUserStorage' });
      const usersTable = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId));
      const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'test-admin', secretAccessKey: 'test-admin' } });
      const left = await dynamodb.send(new QueryCommand({ TableName: usersTable?.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `TENANT#${tenantId}` } } }));
      expect(left.Items).toEqual([]);
      expect(cloud.iam?.denials()).toEqual(
        expect.arrayContaining([expect.objectContaining({ caller: 'OnboardingStorageService-CreateUserStorageFunction', action: 's3:PutObject', reason: 'implicit-deny', resource: expect.stringContaining(`/tenants/${tenantId}/users/`) })]),
      );
    });
  });

  describe('with local IAM switched off (iam: false)', () => {
    let cloud: LocalCloud;

    beforeAll(async () => {
      cloud = await startLocalCloud({ ports: 'free', synth: false, assemblies, iam: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 });
    }, 60_000);
    afterAll(() => cloud?.stop());

    it('runs the same signup to the end, since nothing checks the missing grant', async () => {
      const signupId = signupIdOf(await signUp(cloud, { email: `nocheck+${Date.now()}@example.com`, name: 'No Check', tenantId: 'iam-off' }));

      const execution = await finishedExecutionOf(cloud, signupId);

      expect(execution.status).toBe('SUCCEEDED');
      expect(cloud.iam).toBeUndefined();
    });
  });
});
