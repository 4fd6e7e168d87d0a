/**
 * Secrets and personal data stay out of the logs, on a full local run of the real assemblies:
 * several signups that succeed, one refused by the API, one whose team notification fails inside
 * the notifier (its webhook answers 500), and a duplicate that fails and is compensated. Every
 * function log line of the run is captured (`onLog`), and none may hold a user's email address or
 * name, the webhook URL or any secret value; nor may the `reason` (or any field) of a failure
 * event. And no function's environment holds the webhook URL: it is read from Secrets Manager.
 */
import { createServer, type Server } from 'node:http';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { closeServer, listen } from '../../src/emulators/listen';
import type { LogEntry } from '../../src/lambda/lambda-runtime';
import { functionEnvironment } from '../../src/lambda/function-environment';
import { finishedExecutionOf, signUp, signupIdOf } from './local-cloud-helpers';

/** People whose data must not leak: distinctive enough that any fragment found is theirs. */
const PEOPLE = [
  { email: 'Zebulon.Quixote+pii@Example.com', name: 'Zebulon Quixote-Marchbanks', tenantId: 'pii-tenant' },
  { email: 'ottoline.vandersloot@example.org', name: 'Ottoline Vandersloot', tenantId: 'pii-tenant' },
  { email: 'xiomara.ferreira.lindqvist@example.net', name: 'Xiomara Ferreira Lindqvist', tenantId: 'pii-other' },
];
const NOTIFY_FAILS = { email: 'bartholomew.nightingale@example.com', name: 'Bartholomew Nightingale', tenantId: 'pii-webhook-down' };
const DUPLICATE = { email: PEOPLE[0]?.email as string, name: 'Wilhelmina Quarrington', tenantId: 'pii-tenant' };
const REFUSED = { email: 'persephone.oyelaran@example.com', name: 'Persephone\u0000Oyelaran', tenantId: 'pii-tenant' };

/** The strings a person's data could leak as: the address (as typed and normalized), its local part, the name and its longer words. */
function fragmentsOf(person: { email: string; name: string }): string[] {
  const local = person.email.slice(0, person.email.indexOf('@'));
  const words = person.name.split(/[^\p{L}]+/u).filter((w) => w.length >= 6);
  return [person.email, person.email.toLowerCase(), local, local.toLowerCase(), person.name, ...words];
}

describe('secrets and personal data in logs', () => {
  let cloud: LocalCloud;
  let webhook: Server;
  const lines: LogEntry[] = [];
  let webhookUrl: string;
  const received: string[] = [];

  beforeAll(async () => {
    // The team's webhook: a secret-looking path, and a 500 for one tenant (its notification fails inside the notifier).
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        const failing = body.includes(NOTIFY_FAILS.tenantId);
        res.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' }).end(failing ? 'down' : 'ok');
      });
    });
    webhookUrl = `${await listen(webhook, 0, 'test webhook')}/services/T0PII/B0PII/xoxb-s3cr3t-t0k3n-${Date.now()}`;
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001, asyncRetryDelayMs: () => 10, onLog: (entry) => lines.push(entry) });
    const secret = cloud.model.secrets.find((s) => s.app === 'notifier');
    if (!secret) throw new Error('the notifier has no webhook secret in the model');
    // The operator sets the webhook URL, as in AWS: before the notifier first reads (and caches) it.
    await new SecretsManagerClient({ endpoint: cloud.endpoints.secretsmanager, region: 'us-east-1', credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' } }).send(
      new PutSecretValueCommand({ SecretId: secret.arn, SecretString: webhookUrl }),
    );

    const done = async (person: { email: string; name: string; tenantId: string }) => finishedExecutionOf(cloud, signupIdOf(await signUp(cloud, person)));
    for (const person of PEOPLE) expect((await done(person)).status).toBe('SUCCEEDED');
    expect((await signUp(cloud, REFUSED)).status).toBe(400);
    expect((await done(NOTIFY_FAILS)).status).toBe('SUCCEEDED');
    expect((await done(DUPLICATE)).status).toBe('FAILED');
    await cloud.eventbridge.idle();
  }, 90_000);

  afterAll(async () => {
    await cloud?.stop();
    if (webhook) await closeServer(webhook);
  });

  it('ran the failure paths it is meant to check', async () => {
    const failed = cloud.eventbridge.events().filter((e) => e['detail-type'] === 'UserOnboardingFailed');
    const notNotified = cloud.eventbridge.events().filter((e) => e['detail-type'] === 'UserOnboarded' && (e.detail as { tenantId?: string; teamNotified?: boolean }).tenantId === NOTIFY_FAILS.tenantId);

    expect(failed.map((e) => (e.detail as { error?: string }).error)).toContain('DuplicateUserError');
    expect(notNotified.map((e) => (e.detail as { teamNotified?: boolean }).teamNotified)).toEqual([false]);
    expect(received.filter((b) => b.includes(NOTIFY_FAILS.tenantId)).length).toBeGreaterThan(1);
    // The lines do speak of these signups (by tenant and signupId), so finding no personal data in them means something.
    expect(lines.some((l) => l.functionName.includes('NotifyTeam') && l.message.includes(NOTIFY_FAILS.tenantId) && l.message.includes('Team not notified'))).toBe(true);
    expect(lines.some((l) => l.functionName.includes('CreateUser') && l.message.includes(DUPLICATE.tenantId) && l.message.includes('DuplicateUserError'))).toBe(true);
    expect(new Set(lines.map((l) => l.functionName)).size).toBeGreaterThanOrEqual(6);
  });

  it('logs no email address, no name, no webhook URL and no secret value, in any function', () => {
    const secrets = cloud.model.secrets.map((s) => cloud.secrets.value(s.arn)).filter((v): v is string => typeof v === 'string' && v.length >= 8);
    const forbidden = [...[...PEOPLE, NOTIFY_FAILS, DUPLICATE, REFUSED].flatMap(fragmentsOf), webhookUrl, new URL(webhookUrl).pathname, ...secrets];

    const leaks = lines.flatMap((line) => forbidden.filter((f) => line.message.includes(f)).map((f) => `${line.functionName}: "${f}" in ${line.message.slice(0, 300)}`));

    expect(leaks).toEqual([]);
  });

  it('puts no personal data or secret in the reason (or any field) of a failure event', () => {
    const failures = cloud.eventbridge.events().filter((e) => e['detail-type'] === 'UserOnboardingFailed');
    const forbidden = [...fragmentsOf(DUPLICATE), webhookUrl];

    expect(failures.length).toBeGreaterThan(0);
    for (const event of failures) {
      const text = JSON.stringify(event.detail);
      expect(forbidden.filter((f) => text.includes(f))).toEqual([]);
      expect((event.detail as { reason?: unknown }).reason).toEqual(expect.any(String));
    }
  });

  it('keeps the webhook URL out of every function environment, in the model and in the sandbox', () => {
    const sink = `${cloud.endpoints.webhook}/webhook`;
    const hasUrl = (env: Record<string, string>) => Object.entries(env).filter(([, value]) => value.includes(webhookUrl) || value.includes(sink) || value.includes('hooks.slack.com'));

    for (const fn of cloud.model.functions) {
      expect(hasUrl(fn.environment)).toEqual([]);
      expect(hasUrl(functionEnvironment(fn, cloud.endpoints))).toEqual([]);
    }
  });
});
