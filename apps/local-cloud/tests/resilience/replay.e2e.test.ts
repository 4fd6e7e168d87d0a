/**
 * Replay on the real apps: dead letters, missed notifications and failed executions are re-driven
 * once, through `npm run replay` (the command, against the running cloud's console) and through
 * `replaySignup` (what the console's button calls). Running a replay again does nothing more.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { eventsOfState, replay, replaySignup, runReplayCommand } from '../../src/replay';
import { attemptsOf, effectsOf, eventually, newPerson, signUp, statesEntered } from './support';

describe('replay', () => {
  let cloud: LocalCloud;
  let dir: string;
  let endpointsFile: string;
  let stateMachineArn: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lc-replay-'));
    endpointsFile = join(dir, 'endpoints.json');
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.1, asyncRetryDelayMs: () => 10, endpointsFile });
    stateMachineArn = (cloud.model.stateMachines.find((sm) => sm.app === 'orchestration') ?? { arn: '' }).arn;
  }, 60_000);

  afterEach(() => cloud.resilience.faults.clear());

  afterAll(async () => {
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const executionsOf = async (signupId: string) => (await cloud.stepfunctions.listExecutions({ stateMachineArn, maxResults: 1000 })).executions.filter((e) => e.name.includes(signupId));
  const finished = async (signupId: string, name = `signup-${signupId}`) => {
    const arn = await eventually(async () => (await executionsOf(signupId)).find((e) => e.name === name)?.executionArn, `execution ${name}`);
    return cloud.stepfunctions.waitForExecution(arn);
  };
  const lettersOf = (signupId: string) => cloud.deadLetters.list().filter((l) => JSON.stringify(l.body).includes(signupId));

  /** Runs `npm run replay` against the running cloud; resolves with its exit code and output. */
  async function replayCommand(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await runReplayCommand([...args, '--endpoints-file', endpointsFile], dir, { out: (l) => (out += `${l}\n`), err: (l) => (out += `${l}\n`) });
    return { code, out };
  }

  it('re-invokes a dead-lettered StartOnboarding with npm run replay -- --dead-letters, onboards once, and a second replay does nothing', async () => {
    cloud.resilience.faults.set('orchestration:fail:always');
    const person = newPerson('dlq');
    const signupId = await signUp(cloud.endpoints.api, person);
    const [letter] = await eventually(() => lettersOf(signupId).length > 0 && lettersOf(signupId), `the dead letter of ${signupId}`);
    const executionsBefore = await executionsOf(signupId);
    cloud.resilience.faults.clear();

    const first = await replayCommand('--dead-letters', '--signup', signupId);
    const execution = await finished(signupId);
    const second = await replayCommand('--dead-letters', '--signup', signupId);
    await cloud.asyncInvoker.idle();

    expect(letter?.source).toBe('lambda:OnboardingOrchestration-StartOnboarding');
    expect(executionsBefore).toEqual([]);
    expect(first).toEqual({ code: 0, out: expect.stringContaining(`${signupId}: reinvoked to OnboardingOrchestration-StartOnboarding`) });
    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(lettersOf(signupId)).toEqual([]);
    expect(second.out).toContain('Nothing to replay.');
    expect(await executionsOf(signupId)).toHaveLength(1);
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('re-sends a missed team notification from the last attempt in the history, once, even when replayed twice', async () => {
    cloud.resilience.faults.set('notifier:fail:always');
    const person = newPerson('notify');
    const signupId = await signUp(cloud.endpoints.api, person);
    const execution = await finished(signupId);
    const before = await effectsOf(cloud.endpoints, cloud.model, person, signupId);
    cloud.resilience.faults.clear();

    const first = await replay(cloud, { notifications: true, tenant: person.tenantId });
    const second = await replay(cloud, { notifications: true, tenant: person.tenantId });
    const messages = (await (await fetch(`${cloud.endpoints.webhook}/messages`)).json()) as unknown[];

    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(before.messages).toBe(0);
    expect(first.notifications).toEqual([{ signupId, tenantId: person.tenantId, executionArn: execution.executionArn, outcome: 'delivered' }]);
    expect(second.notifications).toEqual([]);
    expect(messages.filter((m) => JSON.stringify(m).includes(signupId))).toHaveLength(1);
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('reports a notification that fails again as failed, and re-sends it on a later replay', async () => {
    cloud.resilience.faults.set('notifier:fail:always');
    const person = newPerson('notify-again');
    const signupId = await signUp(cloud.endpoints.api, person);
    await finished(signupId);

    const stillDown = await replayCommand('--notifications', '--signup', signupId);
    cloud.resilience.faults.clear();
    const healed = await replayCommand('--notifications', '--signup', signupId);

    expect(stillDown.code).toBe(1);
    expect(stillDown.out).toContain(`${signupId}: failed (WebhookUnavailableError)`);
    expect(healed).toEqual({ code: 0, out: expect.stringContaining(`${signupId}: delivered`) });
    expect((await effectsOf(cloud.endpoints, cloud.model, person, signupId)).messages).toBe(1);
  });

  it('re-drives an aborted execution as signup-<id>-r1 (replaySignup, the console button), which completes it once', async () => {
    cloud.resilience.faults.set('storage-service/CreateUserStorage:slow:2s:1');
    const person = newPerson('aborted');
    const signupId = await signUp(cloud.endpoints.api, person);
    const arn = await eventually(async () => (await executionsOf(signupId))[0]?.executionArn, 'the execution');
    // Stopped while CreateUserStorage waits: the user exists, the prefix not yet.
    await eventually(async () => attemptsOf((await cloud.stepfunctions.history(arn)).events, 'CreateUserStorage').length > 0, 'CreateUserStorage to start');
    await cloud.stepfunctions.stopExecution(arn, 'OperatorStopped', 'stopped by the test');
    cloud.resilience.faults.clear();

    const report = await replaySignup(cloud, signupId);
    const redriven = await finished(signupId, `signup-${signupId}-r1`);
    const again = await replaySignup(cloud, signupId);

    expect((await cloud.stepfunctions.describeExecution(arn)).status).toBe('ABORTED');
    expect(report.redriven).toEqual([{ signupId, tenantId: person.tenantId, from: arn, fromStatus: 'ABORTED', executionArn: redriven.executionArn }]);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED' });
    expect(again).toEqual({ redriven: [], deadLetters: [], notifications: [], skipped: [] });
    // The aborted attempt's delayed CreateUserStorage may still land; it rewrites the same marker.
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  /** Invokes a state's function again with the parameters of its last attempt in an execution: a redelivery within that execution. */
  async function redeliverLastAttempt(executionArn: string, stateName: string) {
    const { events } = await cloud.stepfunctions.history(executionArn);
    const scheduled = eventsOfState(events, stateName).filter((e) => e.type === 'TaskScheduled').at(-1);
    const parameters = JSON.parse(String(scheduled?.taskScheduledEventDetails?.['parameters'])) as { FunctionName: string; Payload: unknown };
    return cloud.runtime.invoke(parameters.FunctionName, parameters.Payload);
  }

  it('re-drives a compensated signup with npm run replay once the cause is fixed, leaving every effect once, and a redelivered compensation of the first execution undoes nothing', async () => {
    cloud.resilience.faults.set('email-service:fail:permanent:always');
    const person = newPerson('compensated');
    const signupId = await signUp(cloud.endpoints.api, person);
    const failed = await finished(signupId);
    const compensated = await effectsOf(cloud.endpoints, cloud.model, person, signupId);
    cloud.resilience.faults.clear();

    const first = await replayCommand('--failed', '--signup', signupId);
    const redriven = await finished(signupId, `signup-${signupId}-r1`);
    // The first execution's compensations, delivered again: answered from their records, so the
    // user and the prefix the replay created stay.
    const undoUser = await redeliverLastAttempt(failed.executionArn, 'DeleteUser');
    const undoStorage = await redeliverLastAttempt(failed.executionArn, 'DeleteUserStorage');
    const second = await replayCommand('--failed', '--signup', signupId);

    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(statesEntered((await cloud.stepfunctions.history(failed.executionArn)).events)).toEqual(expect.arrayContaining(['DeleteUserStorage', 'DeleteUser', 'PublishUserOnboardingFailed']));
    expect(compensated).toEqual({ users: 0, emails: 0, objects: 0, messages: 0 });
    expect(first).toEqual({ code: 0, out: expect.stringContaining(`${signupId} (tenant ${person.tenantId}): FAILED signup-${signupId} -> signup-${signupId}-r1`) });
    expect(redriven).toMatchObject({ status: 'SUCCEEDED' });
    expect([undoUser.FunctionError, undoStorage.FunctionError]).toEqual([undefined, undefined]);
    expect(second.out).toContain('Nothing to replay.');
    expect(await executionsOf(signupId)).toHaveLength(2);
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it("re-drives a compensated signup from the console's replay once the cause is fixed, leaving every effect once", async () => {
    cloud.resilience.faults.set('email-service:fail:permanent:always');
    const person = newPerson('compensated-console');
    const signupId = await signUp(cloud.endpoints.api, person);
    const failed = await finished(signupId);
    cloud.resilience.faults.clear();

    const answer = await fetch(`${cloud.endpoints.console}/api/executions/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ executionArn: failed.executionArn }) });
    const redriven = await finished(signupId, `signup-${signupId}-r1`);

    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(answer.status).toBe(202);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED' });
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('replays only the signups of the tenant asked for', async () => {
    cloud.resilience.faults.set('orchestration:fail:always');
    const person = newPerson('filtered');
    const signupId = await signUp(cloud.endpoints.api, person);
    await eventually(() => lettersOf(signupId).length > 0, 'the dead letter');
    cloud.resilience.faults.clear();

    const other = await replay(cloud, { tenant: 'some-other-tenant' });

    expect(other).toEqual({ redriven: [], deadLetters: [], notifications: [], skipped: [] });
    expect(lettersOf(signupId)).toHaveLength(1);
    expect(await executionsOf(signupId)).toEqual([]);
    await replay(cloud, { deadLetters: true, signup: signupId });
    expect(await finished(signupId)).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('refuses bad replay requests with 400 or exit code 2 and replays nothing', async () => {
    const lettersBefore = cloud.deadLetters.list().length;
    const post = (body: string) => fetch(`${cloud.endpoints.console}/api/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const answers = await Promise.all([post('{"signup": ""}'), post('{"bogus": true}'), post('{"failed": "yes"}'), post('[1]'), post('{"signup": ')]);
    const badArgs = await replayCommand('--tenant', '');
    const unknownArg = await replayCommand('--everything');
    const noCloud = await runReplayCommand(['--endpoints-file', join(dir, 'missing.json')], dir, { out: () => undefined, err: () => undefined });

    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
    expect(badArgs.code).toBe(2);
    expect(badArgs.out).toContain('--tenant must not be empty');
    expect(unknownArg.code).toBe(2);
    expect(noCloud).toBe(3);
    expect(cloud.deadLetters.list()).toHaveLength(lettersBefore);
  });
});
