/**
 * Both versions of UserSignup onboard end to end on the local cloud, from the real apps' cloud
 * assemblies: a v2 signup through the API (the signup API publishes v2) in German, whose welcome
 * email lands in the SES store in German; and a v1 event, as a producer that has not moved yet or
 * the archive's replay would put it on the bus, which still onboards (in English) after the signup
 * API moved to v2.
 */
import { eventually } from '@onboarding/testing';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const credentials = { accessKeyId: 'e2e-test', secretAccessKey: 'e2e-test' };
const region = 'us-east-1';
/**
 * The first signup of a file meets every function cold, and two local clouds share the machine's
 * two cores with other test files: the waits are bounded generously, and end as soon as they can.
 */
const SETTLED_MS = 60_000;
jest.setTimeout(90_000);

interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

describe('UserSignup v1 and v2 on the local cloud', () => {
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

  const succeeded = (signupId: string) =>
    eventually(async () => {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
      const executionArn = page.executions?.find((e) => e.name?.includes(signupId))?.executionArn;
      if (!executionArn) return undefined;
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status !== 'RUNNING' && execution;
    }, `the execution of ${signupId} to finish`, SETTLED_MS);

  const welcomeEmailTo = (address: string) =>
    eventually(async () => {
      const store = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: StoredEmail[] };
      return store.emails.find((m) => m.destination.to.includes(address));
    }, `the welcome email to ${address}`, SETTLED_MS);

  it('onboards a German signup through the API as UserSignup v2, and the welcome email in the SES store is German', async () => {
    const email = `lise+${Date.now()}@example.de`;

    const response = await fetch(`${cloud.endpoints.api}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Lise Meitner', tenantId: 'e2e-locale', locale: 'de' }),
    });

    expect(response.status).toBe(202);
    const { signupId } = (await response.json()) as { signupId: string };
    const published = cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserSignup' && (e.detail as { signupId?: string }).signupId === signupId);
    expect(published?.detail).toMatchObject({ version: '2', locale: 'de' });
    expect((await succeeded(signupId)).status).toBe('SUCCEEDED');
    const mail = await welcomeEmailTo(email);
    expect(mail.subject).toBe('Willkommen an Bord, Lise Meitner!');
    expect(mail.body.text).toContain('Hallo Lise Meitner,');
    expect(mail.body.html).toContain('<html lang="de">');
  });

  it('still onboards a UserSignup v1 event put on the bus after the signup API moved to v2, in English', async () => {
    const signupId = randomUUID();
    const email = `ada+${Date.now()}@example.com`;
    const detail = { version: '1', signupId, tenantId: 'e2e-v1', email, name: 'Ada Lovelace', plan: 'free', signedUpAt: new Date().toISOString() };
    const eventbridge = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region, credentials });

    const put = await eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: 'onboarding', Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: JSON.stringify(detail) }] }));

    expect(put.FailedEntryCount).toBe(0);
    const execution = await succeeded(signupId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input ?? '{}')).toEqual(detail);
    const mail = await welcomeEmailTo(email);
    expect(mail.subject).toBe('Welcome aboard, Ada Lovelace!');
    const onboarded = await eventually(
      () => cloud.eventbridge.events().find((e) => e['detail-type'] === 'UserOnboarded' && (e.detail as { signupId?: string }).signupId === signupId),
      'the UserOnboarded event',
      SETTLED_MS,
    );
    expect(onboarded.detail).toMatchObject({ version: '1', signupId, teamNotified: true });
  });

  it('leaves a UserSignup version nobody reads yet on the bus without starting anything', async () => {
    const signupId = randomUUID();
    const detail = { version: '3', signupId, tenantId: 'e2e-v3', email: `future+${Date.now()}@example.com`, name: 'Future', plan: 'free', signedUpAt: new Date().toISOString(), locale: 'en' };
    const eventbridge = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region, credentials });

    await eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: 'onboarding', Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: JSON.stringify(detail) }] }));
    await cloud.eventbridge.idle();

    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
    expect(page.executions?.some((e) => e.name?.includes(signupId))).toBe(false);
    expect(cloud.eventbridge.events().some((e) => (e.detail as { signupId?: string }).signupId === signupId)).toBe(true);
  });
});
