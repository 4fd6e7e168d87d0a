import type { NotifyTeamInputV1 } from '@onboarding/contract-notify-team-v1';
import { COMMON_STEP_ERRORS } from '@onboarding/events';
import { captureLogs, eventually, lambdaContext, type CapturedLogs } from '@onboarding/testing';
import { coldStart } from '../support/cold-start';
import { startWebhookServer, type TestWebhookServer } from '../support/webhook-server';

const context = lambdaContext('OnboardingNotifier-NotifyTeamFunction');
const SECRET_PATH = '/services/T0001/B0001/s3cr3tT0k3n';

const payload: NotifyTeamInputV1 = {
  signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
  tenantId: 'acme',
  userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70',
  plan: 'pro',
};
const otherSignup = { ...payload, signupId: '1c8a5d3f-6b2e-4f9c-8d4a-3e7b9f2c5a81' };

let server: TestWebhookServer;
let logs: CapturedLogs;

beforeEach(async () => {
  server = await startWebhookServer();
  logs = captureLogs();
});

afterEach(async () => {
  logs.restore();
  await server.close();
});

/** A cold start whose secret holds `value` (or the test webhook's secret URL). */
function startWithSecret(value?: string, env: Record<string, string> = {}) {
  const started = coldStart(env);
  started.secretsManager.on(started.sdk.secretsManager.GetSecretValueCommand).resolves({ SecretString: value ?? server.url(SECRET_PATH) });
  return started;
}

describe('NotifyTeam handler', () => {
  it('posts the UserOnboarded JSON, carrying the signupId, to the webhook in the secret', async () => {
    const { handler } = startWithSecret();

    const output = await handler(payload, context);

    expect(output).toEqual({ signupId: payload.signupId, tenantId: 'acme', delivered: true, channel: 'webhook' });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ path: SECRET_PATH, json: { type: 'UserOnboarded', ...payload } });
  });

  it('reads the secret named by WEBHOOK_URL_SECRET, at run time', async () => {
    const started = startWithSecret();

    await started.handler(payload, context);

    const reads = started.secretsManager.commandCalls(started.sdk.secretsManager.GetSecretValueCommand);
    expect(reads.map((call) => call.args[0].input.SecretId)).toEqual(['onboarding/notifier/webhook-url']);
  });

  it('posts once when the step is retried for the same signup, and returns the first result', async () => {
    const { handler } = startWithSecret();

    const first = await handler(payload, context);
    const retry = await handler({ ...payload }, context);

    expect(retry).toEqual(first);
    expect(server.received).toHaveLength(1);
  });

  it('keeps the secret cached between invocations of a warm function', async () => {
    const started = startWithSecret();

    await started.handler(payload, context);
    await started.handler(otherSignup, context);

    expect(server.received).toHaveLength(2);
    expect(started.secretsManager.commandCalls(started.sdk.secretsManager.GetSecretValueCommand)).toHaveLength(1);
  });

  it('fails with WebhookNotConfiguredError while the secret holds its generated placeholder, and posts nothing', async () => {
    const { handler } = startWithSecret('Xq3v9LrT0bWm2Nc8Kd5Yh1Gz7Pf4Sa6J');

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'WebhookNotConfiguredError' });
    expect(server.received).toHaveLength(0);
  });

  it('uses the URL the operator sets on the very next signup, not when the cache expires', async () => {
    const started = coldStart();
    const { GetSecretValueCommand } = started.sdk.secretsManager;
    started.secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'Xq3v9LrT0bWm2Nc8Kd5Yh1Gz7Pf4Sa6J' });
    await expect(started.handler(payload, context)).rejects.toMatchObject({ name: 'WebhookNotConfiguredError' });

    started.secretsManager.on(GetSecretValueCommand).resolves({ SecretString: server.url(SECRET_PATH) });
    const output = await started.handler(payload, context);

    expect(output.delivered).toBe(true);
    expect(server.received).toHaveLength(1);
  });

  it('fails with WebhookNotConfiguredError when the secret has no value yet', async () => {
    const started = coldStart();
    const { GetSecretValueCommand, ResourceNotFoundException } = started.sdk.secretsManager;
    started.secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'no AWSCURRENT', $metadata: { httpStatusCode: 400 } }));

    await expect(started.handler(payload, context)).rejects.toMatchObject({ name: 'WebhookNotConfiguredError' });
  });

  it('fails with WebhookUnavailableError when the webhook answers 503, and a retry posts again', async () => {
    const { handler } = startWithSecret();
    server.answerWith({ status: 503 });

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'WebhookUnavailableError', status: 503 });
    server.answerWith({ status: 200, body: 'ok' });
    const retry = await handler(payload, context);

    expect(retry.delivered).toBe(true);
    expect(server.received).toHaveLength(2);
  });

  it('fails with WebhookRejectedError when the webhook answers 404', async () => {
    const { handler } = startWithSecret();
    server.answerWith({ status: 404, body: 'no_service' });

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'WebhookRejectedError', status: 404 });
  });

  it('refuses a payload without a userId with InvalidStepInputError naming the field, and reads, posts and records nothing', async () => {
    const started = startWithSecret();
    const { userId: _omitted, ...withoutUserId } = payload;

    // The handler has its own module registry, so the error is matched by name, as the state machine does.
    await expect(started.handler(withoutUserId, context)).rejects.toMatchObject({ name: 'InvalidStepInputError', fields: ['userId'] });
    expect(started.secretsManager.calls()).toHaveLength(0);
    expect(started.dynamodb.calls()).toHaveLength(0);
    expect(server.received).toHaveLength(0);
  });

  it('answers IdempotencyAlreadyInProgressError, a retryable step error, while another attempt for the signup is still posting', async () => {
    // The first attempt hangs until the test releases it: its deadline (a minute) never decides
    // the outcome, however slow the machine. The deadline itself is tested in fetch-webhook-client.test.ts.
    const { handler } = startWithSecret(undefined, { WEBHOOK_TIMEOUT_MS: '60000' });
    server.answerWith('hang');
    const first = handler(payload, context);
    await eventually(() => server.received.length === 1, 'the first attempt to reach the webhook');

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    server.release({ status: 200, body: 'ok' });
    expect(COMMON_STEP_ERRORS.retryable).toContain('IdempotencyAlreadyInProgressError');
    await expect(first).resolves.toMatchObject({ delivered: true });
    expect(server.received).toHaveLength(1);
  });

  it('reads an SSM SecureString parameter, decrypted, when WEBHOOK_URL_SECRET names one', async () => {
    const started = coldStart({ WEBHOOK_URL_SECRET: 'ssm:/onboarding/notifier/webhook-url' });
    const { GetParameterCommand } = started.sdk.ssm;
    started.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: server.url(SECRET_PATH) } });

    await started.handler(payload, context);

    const reads = started.ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input);
    expect(reads).toEqual([expect.objectContaining({ Name: '/onboarding/notifier/webhook-url', WithDecryption: true })]);
    expect(server.received).toHaveLength(1);
  });

  it('logs the signupId but never the webhook URL, whether the post succeeds or fails', async () => {
    const { handler } = startWithSecret();

    await handler(payload, context);
    server.answerWith({ status: 404, body: 'no_service' });
    await handler(otherSignup, context).catch(() => undefined);

    const records = logs.records();
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'Team notified', signupId: payload.signupId }),
        expect.objectContaining({ message: 'Team not notified', signupId: otherSignup.signupId, errorName: 'WebhookRejectedError' }),
      ]),
    );
    const printed = logs.lines.join('\n');
    expect(printed).not.toContain('s3cr3tT0k3n');
    expect(printed).not.toContain(server.url());
  });
});
