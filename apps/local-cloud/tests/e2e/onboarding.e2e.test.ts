/**
 * End to end on the real apps: the local cloud boots from every app's synthesized cloud assembly
 * (`nx run local-cloud:test` synthesizes them first), a person signs up through the HTTP API, and
 * the test asserts on the real side effects over loopback with the AWS SDK: the user item in
 * DynamoDB, the email in the SES store, the S3 prefix, the webhook message, the UserOnboarded event
 * on the bus and the execution history. No step is faked. Both versions of UserSignup onboard: a
 * German v2 signup through the API (its welcome email in German in the SES store), and a v1 event
 * put on the bus after the signup API moved to v2, as a late producer or a replay would.
 */
import { eventually } from '@onboarding/testing';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const credentials = { accessKeyId: 'e2e-test', secretAccessKey: 'e2e-test' };
const region = 'us-east-1';


async function signUp(cloud: LocalCloud, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${cloud.endpoints.api}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('onboarding on the local cloud', () => {
  let cloud: LocalCloud;
  let sfn: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10 });
    sfn = new SFNClient({ endpoint: cloud.endpoints.stepfunctions, region, credentials });
    const onboarding = cloud.model.stateMachines.find((sm) => sm.app === 'orchestration');
    if (!onboarding) throw new Error('the orchestration state machine is not in the model');
    stateMachineArn = onboarding.arn;
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  const executionArnOf = (signupId: string) =>
    eventually(async () => {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
      return page.executions?.find((e) => e.name?.includes(signupId))?.executionArn;
    }, `the execution of ${signupId}`);

  const finished = (executionArn: string) =>
    eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status !== 'RUNNING' && execution;
    }, `${executionArn} to finish`);

  it('onboards a signup through every team and leaves each side effect where it belongs', async () => {
    const tenantId = 'e2e-happy';
    const email = `ada+${Date.now()}@example.com`;

    const answer = await signUp(cloud, { email, name: 'Ada Lovelace', tenantId, plan: 'pro' });

    expect(answer.status).toBe(202);
    const signupId = answer.body['signupId'] as string;
    const executionArn = await executionArnOf(signupId);
    const execution = await finished(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.name).toContain(signupId);

    // DynamoDB: the user item, in its tenant's partition.
    const usersTable = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId));
    const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials });
    const items = await dynamodb.send(
      new QueryCommand({ TableName: usersTable?.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `TENANT#${tenantId}` } } }),
    );
    const user = items.Items?.find((item) => item['sk']?.S?.startsWith('USER#'));
    expect(user?.['email']?.S).toBe(email);
    expect(user?.['signupId']?.S).toBe(signupId);
    const userId = user?.['sk']?.S?.slice('USER#'.length) as string;

    // SES v2: the welcome email, greeting the user by name.
    const store = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string; body: { text?: string; html?: string } }[] };
    const mail = store.emails.find((m) => m.destination.to.includes(email));
    expect(mail).toBeDefined();
    expect(`${mail?.body.text ?? ''}${mail?.body.html ?? ''}`).toContain('Ada Lovelace');

    // S3: the user's prefix exists, under the tenant.
    const bucket = cloud.model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId));
    const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const prefix = `tenants/${tenantId}/users/${userId}/`;
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket?.bucketName, Prefix: prefix }));
    expect(listing.KeyCount).toBeGreaterThan(0);

    // Webhook: the team was told, and the message carries the signupId.
    const messages = (await (await fetch(`${cloud.endpoints.webhook}/messages`)).json()) as unknown[];
    expect(messages.filter((m) => JSON.stringify(m).includes(signupId))).toHaveLength(1);

    // The bus: UserOnboarded, with the prefix and the execution name.
    const onboarded = await eventually(
      () => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboarded' && (e.detail as { signupId?: string }).signupId === signupId),
      'the UserOnboarded event',
    );
    expect(onboarded.detail).toMatchObject({ signupId, tenantId, userId, storagePrefix: prefix, teamNotified: true, executionName: execution.name });

    // The history: every step entered and left.
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const entered = (history.events ?? []).map((e) => e.stateEnteredEventDetails?.name).filter(Boolean);
    expect(entered).toEqual(expect.arrayContaining(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']));
    expect(history.events?.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('refuses a second signup with the same email in the tenant, compensates and says why', async () => {
    const tenantId = 'e2e-duplicate';
    const email = `grace+${Date.now()}@example.com`;
    const first = await signUp(cloud, { email, name: 'Grace Hopper', tenantId });
    await finished(await executionArnOf(first.body['signupId'] as string));

    const second = await signUp(cloud, { email, name: 'Grace Again', tenantId });

    expect(second.status).toBe(202);
    const signupId = second.body['signupId'] as string;
    const execution = await finished(await executionArnOf(signupId));
    expect(execution.status).toBe('FAILED');
    const failed = await eventually(
      () => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboardingFailed' && (e.detail as { signupId?: string }).signupId === signupId),
      'the UserOnboardingFailed event',
    );
    expect(failed.detail).toMatchObject({ failedStep: 'CreateUser', error: 'DuplicateUserError' });
    expect(JSON.stringify(failed.detail)).not.toContain(email);
  });

  it('answers bad input with a JSON 4xx and starts nothing', async () => {
    const before = (await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }))).executions?.length ?? 0;
    const eventsBefore = cloud.eventbridge.events().length;

    const answers = await Promise.all([
      signUp(cloud, '{"email": '),
      signUp(cloud, { email: 'not-an-email', name: 'X' }),
      signUp(cloud, { email: 'a@example.com', name: 'X', admin: true }),
      signUp(cloud, { email: 'a@example.com', name: 'X', tenantId: '../other' }),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
    await cloud.eventbridge.idle();
    expect(cloud.eventbridge.events().length).toBe(eventsBefore);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }))).executions?.length ?? 0).toBe(before);
  });

  it('returns the same signupId for a retried request with the same Idempotency-Key, and onboards once', async () => {
    const body = { email: `idem+${Date.now()}@example.com`, name: 'Idem Potent', tenantId: 'e2e-idem' };
    const headers = { 'idempotency-key': `key-${Date.now()}` };

    const answers = await Promise.all([signUp(cloud, body, headers), signUp(cloud, body, headers)].map((p) => p.catch((e: Error) => ({ status: 0, body: { error: e.message } as Record<string, string> }))));
    const retried = await signUp(cloud, body, headers);

    const ids = new Set([...answers, retried].filter((a) => a.status === 202).map((a) => a.body['signupId']));
    expect(ids.size).toBe(1);
    const [signupId] = [...ids] as string[];
    await finished(await executionArnOf(signupId as string));
    await cloud.eventbridge.idle();
    const signups = cloud.eventbridge.events().filter((e) => e['detail-type'] === 'UserSignup' && (e.detail as { signupId?: string }).signupId === signupId);
    expect(signups).toHaveLength(1);
  });

  describe('while UserSignup moves from v1 to v2', () => {
    interface StoredEmail {
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
    }
    const welcomeEmailTo = (address: string) =>
      eventually(async () => {
        const store = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: StoredEmail[] };
        return store.emails.find((m) => m.destination.to.includes(address));
      }, `the welcome email to ${address}`);
    const putSignup = (detail: Record<string, unknown>) =>
      new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region, credentials }).send(
        new PutEventsCommand({ Entries: [{ EventBusName: 'onboarding', Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: JSON.stringify(detail) }] }),
      );

    it('onboards a German signup through the API as UserSignup v2, and the welcome email in the SES store is German', async () => {
      const email = `lise+${Date.now()}@example.de`;

      const answer = await signUp(cloud, { email, name: 'Lise Meitner', tenantId: 'e2e-locale', locale: 'de' });

      expect(answer.status).toBe(202);
      const signupId = answer.body['signupId'] as string;
      const published = cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserSignup' && (e.detail as { signupId?: string }).signupId === signupId);
      expect(published?.detail).toMatchObject({ version: '2', locale: 'de' });
      expect((await finished(await executionArnOf(signupId))).status).toBe('SUCCEEDED');
      const mail = await welcomeEmailTo(email);
      expect(mail.subject).toBe('Willkommen an Bord, Lise Meitner!');
      expect(mail.body.text).toContain('Hallo Lise Meitner,');
      expect(mail.body.html).toContain('<html lang="de">');
    });

    it('still onboards a UserSignup v1 event put on the bus after the signup API moved to v2, in English', async () => {
      const signupId = randomUUID();
      const email = `ada.v1+${Date.now()}@example.com`;
      const detail = { version: '1', signupId, tenantId: 'e2e-v1', email, name: 'Ada Lovelace', plan: 'free', signedUpAt: new Date().toISOString() };

      const put = await putSignup(detail);

      expect(put.FailedEntryCount).toBe(0);
      expect(cloud.eventbridge.events().find((e) => (e.detail as { signupId?: string }).signupId === signupId)?.matchedRules).toEqual([expect.stringMatching(/UserSignupRule/)]);
      const execution = await finished(await executionArnOf(signupId));
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.input ?? '{}')).toEqual(detail);
      expect((await welcomeEmailTo(email)).subject).toBe('Welcome aboard, Ada Lovelace!');
      const onboarded = await eventually(
        () => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboarded' && (e.detail as { signupId?: string }).signupId === signupId),
        'the UserOnboarded event',
      );
      expect(onboarded.detail).toMatchObject({ version: '1', signupId, teamNotified: true });
    });

    it('leaves a UserSignup version nobody reads yet on the bus without starting anything', async () => {
      const signupId = randomUUID();

      await putSignup({ version: '3', signupId, tenantId: 'e2e-v3', email: `future+${Date.now()}@example.com`, name: 'Future', plan: 'free', signedUpAt: new Date().toISOString(), locale: 'en' });
      await cloud.eventbridge.idle();

      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
      expect(page.executions?.some((e) => e.name?.includes(signupId))).toBe(false);
      // The rule itself lets it pass (it names the versions it reads), rather than the function refusing it.
      const recorded = cloud.eventbridge.events().find((e) => (e.detail as { signupId?: string }).signupId === signupId);
      expect(recorded?.matchedRules).toEqual([]);
    });
  });
});
