/**
 * Fault injection on the real apps: transient faults are retried by the state machine (the history
 * shows each TaskFailed followed by a new TaskScheduled) and the signup completes; permanent faults
 * go to the failure path, which undoes storage then user and says why; a notifier that keeps
 * failing does not undo the signup. Faults are set through the console's HTTP endpoint, as an
 * operator would, except the first ones, given at boot (the ONBOARDING_FAULTS of `npm start`).
 */
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { attemptsOf, effectsOf, eventually, newPerson, signUp, statesEntered } from './support';

describe('fault injection on the local cloud', () => {
  let cloud: LocalCloud;
  let stateMachineArn: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.1, asyncRetryDelayMs: () => 10, faults: 'email-service:fail:2' });
    stateMachineArn = (cloud.model.stateMachines.find((sm) => sm.app === 'orchestration') ?? { arn: '' }).arn;
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  const faultsUrl = () => `${cloud.endpoints.console}/api/faults`;
  const putFaults = (spec: string) => fetch(faultsUrl(), { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: spec });

  /** Signs a new person up and waits for the end of their onboarding. */
  async function onboard(label: string) {
    const person = newPerson(label);
    const signupId = await signUp(cloud.endpoints.api, person);
    const executionArn = await eventually(
      async () => (await cloud.stepfunctions.listExecutions({ stateMachineArn, maxResults: 1000 })).executions.find((e) => e.name.includes(signupId))?.executionArn,
      `the execution of ${signupId}`,
    );
    const execution = await cloud.stepfunctions.waitForExecution(executionArn);
    const { events } = await cloud.stepfunctions.history(executionArn);
    return { person, signupId, execution, events, effects: await effectsOf(cloud.endpoints, cloud.model, person, signupId) };
  }

  const outcomeEvent = (signupId: string, detailType: string) =>
    eventually(() => cloud.eventbridge.events().find((e) => e['detail-type'] === detailType && (e.detail as { signupId?: string }).signupId === signupId), `${detailType} of ${signupId}`);

  it('retries the transient faults given at boot and completes the signup; the history shows every retry', async () => {
    const listed = (await (await fetch(faultsUrl())).json()) as { faults: { fault: string; remaining: number }[] };

    const { execution, events, effects } = await onboard('transient');

    expect(listed.faults).toEqual([expect.objectContaining({ fault: 'email-service:fail:2', remaining: 2 })]);
    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(attemptsOf(events, 'SendWelcomeEmail')).toEqual(['Scheduled', 'Failed:MailerUnavailableError', 'Scheduled', 'Failed:MailerUnavailableError', 'Scheduled', 'Succeeded']);
    expect(effects).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('retries a timed-out step and lets a slow one finish, then completes the signup', async () => {
    expect((await putFaults('user-service/CreateUser:timeout:20ms:1,storage-service/CreateUserStorage:slow:50ms:1')).status).toBe(200);

    const { execution, events, effects } = await onboard('timeout');

    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(attemptsOf(events, 'CreateUser')).toEqual(['Scheduled', 'Failed:Sandbox.Timedout', 'Scheduled', 'Succeeded']);
    expect(attemptsOf(events, 'CreateUserStorage')).toEqual(['Scheduled', 'Succeeded']);
    expect(effects).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('compensates a permanent failure after CreateUser: storage then user undone, UserOnboardingFailed says which step and why, nothing half-onboarded is left', async () => {
    await putFaults('email-service:fail:permanent:1');

    const { signupId, execution, events, effects } = await onboard('permanent');
    const failed = await outcomeEvent(signupId, 'UserOnboardingFailed');
    const entered = statesEntered(events);

    expect(execution).toMatchObject({ status: 'FAILED' });
    // A permanent error is not retried.
    expect(attemptsOf(events, 'SendWelcomeEmail')).toEqual(['Scheduled', 'Failed:EmailRejectedError']);
    expect(attemptsOf(events, 'DeleteUserStorage')).toEqual(['Scheduled', 'Succeeded']);
    expect(attemptsOf(events, 'DeleteUser')).toEqual(['Scheduled', 'Succeeded']);
    expect(entered.indexOf('DeleteUserStorage')).toBeGreaterThan(entered.indexOf('CreateUserStorage'));
    expect(entered.indexOf('DeleteUser')).toBeGreaterThan(entered.indexOf('DeleteUserStorage'));
    expect(failed.detail).toMatchObject({ signupId, failedStep: 'SendWelcomeEmail', error: 'EmailRejectedError', compensated: true, reason: expect.stringContaining('SendWelcomeEmail failed with EmailRejectedError') });
    expect(effects).toEqual({ users: 0, emails: 0, objects: 0, messages: 0 });
  });

  it('retries a transient fault that does not heal, then compensates', async () => {
    await putFaults('storage-service/CreateUserStorage:fail:always');

    const { signupId, execution, events, effects } = await onboard('exhausted');
    const failed = await outcomeEvent(signupId, 'UserOnboardingFailed');
    await fetch(faultsUrl(), { method: 'DELETE' });

    expect(execution).toMatchObject({ status: 'FAILED' });
    // One attempt and the four retries of the step's own retrier.
    expect(attemptsOf(events, 'CreateUserStorage')).toEqual([...Array.from({ length: 5 }, () => ['Scheduled', 'Failed:StorageUnavailableError']).flat()]);
    expect(failed.detail).toMatchObject({ failedStep: 'CreateUserStorage', error: 'StorageUnavailableError', compensated: true });
    // The email went out before storage gave up; the user and the prefix are gone.
    expect(effects).toEqual({ users: 0, emails: 1, objects: 0, messages: 0 });
  });

  it.each([
    ['fails', 'notifier:fail:always', ['Scheduled', 'Failed:WebhookUnavailableError', 'Scheduled', 'Failed:WebhookUnavailableError', 'Scheduled', 'Failed:WebhookUnavailableError', 'Scheduled', 'Failed:WebhookUnavailableError', 'Scheduled', 'Failed:WebhookUnavailableError']],
    ['times out', 'notifier:timeout:20ms:always', ['Scheduled', 'Failed:Sandbox.Timedout', 'Scheduled', 'Failed:Sandbox.Timedout', 'Scheduled', 'Failed:Sandbox.Timedout', 'Scheduled', 'Failed:Sandbox.Timedout']],
  ])('keeps the signup when only the notifier %s: retried, then recorded as teamNotified false', async (_how, spec, attempts) => {
    await putFaults(spec);

    const { signupId, execution, events, effects } = await onboard('notifier');
    const onboarded = await outcomeEvent(signupId, 'UserOnboarded');
    await fetch(faultsUrl(), { method: 'DELETE' });

    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(attemptsOf(events, 'NotifyTeam')).toEqual(attempts);
    expect(statesEntered(events)).not.toContain('DeleteUser');
    expect(onboarded.detail).toMatchObject({ signupId, teamNotified: false });
    expect(effects).toEqual({ users: 1, emails: 1, objects: 1, messages: 0 });
  });

  it('refuses a bad fault list with 400 and keeps the faults set; DELETE clears them', async () => {
    await putFaults('notifier:slow:10ms:5');

    const typo = await putFaults('notifer:fail');
    const syntax = await fetch(faultsUrl(), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: 'notifier:explode' }) });
    const notJson = await fetch(faultsUrl(), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"faults": ' });
    const kept = (await (await fetch(faultsUrl())).json()) as { faults: { fault: string }[] };
    const cleared = await fetch(faultsUrl(), { method: 'DELETE' });
    const after = (await (await fetch(faultsUrl())).json()) as { faults: unknown[] };

    expect([typo.status, syntax.status, notJson.status]).toEqual([400, 400, 400]);
    expect(await typo.json()).toEqual({ error: 'UnknownFaultTargetError', message: expect.stringContaining('"notifer:fail" matches no function') });
    expect(await syntax.json()).toEqual({ error: 'InvalidFaultSpecError', message: expect.stringContaining('unknown action "explode"') });
    expect(kept.faults.map((f) => f.fault)).toEqual(['notifier:slow:10ms:5']);
    expect(cleared.status).toBe(200);
    expect(after.faults).toEqual([]);
  });
});
