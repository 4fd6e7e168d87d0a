/**
 * Recovery from a data directory, in process on the real apps: what a previous run left owed is
 * done at the next boot, once. The states are made as a crash or a stop leaves them: an event the
 * bus accepted and had not delivered (written to the journal as the bus writes it), executions and
 * an asynchronous invocation still running when the cloud was stopped.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { WorkJournal } from '../../src/persistence';
import { effectsOf, eventually, newPerson, signUp } from './support';

const boot = (dataDir: string, faults?: string) =>
  startLocalCloud({ ports: 'free', synth: false, dataDir, stepFunctionsRetryDelayScale: 0.1, asyncRetryDelayMs: () => 10, ...(faults ? { faults } : {}) });

describe('recovery from the data directory', () => {
  let dir: string;
  let cloud: LocalCloud | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lc-recovery-'));
  });
  afterEach(async () => {
    await cloud?.stop();
    cloud = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const executionsOf = async (c: LocalCloud, signupId: string) =>
    (await Promise.all(c.model.stateMachines.map((sm) => c.stepfunctions.listExecutions({ stateMachineArn: sm.arn, maxResults: 1000 })))).flatMap((p) => p.executions).filter((e) => e.name.includes(signupId));

  it('delivers an event the bus had accepted but not delivered before the crash, and onboards it once', async () => {
    // What the bus journals when PutEvents accepts a UserSignup, with no delivery after it.
    const first = await boot(dir);
    const rule = first.model.rules.find((r) => r.app === 'orchestration');
    const busName = first.model.buses.find((b) => b.app === 'orchestration')?.name as string;
    await first.stop();
    const person = newPerson('owed-event');
    const signupId = randomUUID();
    const work = await WorkJournal.open(join(dir, 'accepted-work.jsonl'));
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'UserSignup',
      source: 'onboarding.signup',
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'us-east-1',
      resources: [],
      detail: { version: '1', signupId, tenantId: person.tenantId, email: person.email, name: person.name, plan: 'pro', signedUpAt: new Date().toISOString() },
    };
    await work.eventsAccepted([{ event, eventBusName: busName, targets: [`${rule?.name}/${rule?.targets[0]?.id}`] }]);
    await work.close();

    cloud = await boot(dir);
    const [execution] = await eventually(async () => {
      const found = await executionsOf(cloud as LocalCloud, signupId);
      return found.length > 0 && found;
    }, 'the execution of the owed event');
    const done = await cloud.stepfunctions.waitForExecution(execution?.executionArn as string);
    await cloud.asyncInvoker.idle();

    expect(cloud.resilience.recovery).toMatchObject({ eventsRedelivered: 1, unrecoverable: [] });
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
    expect(await executionsOf(cloud, signupId)).toHaveLength(1);
    expect(cloud.resilience.owed()).toEqual({ events: 0, invocations: 0 });
    expect(await effectsOf(cloud.endpoints, cloud.model, person, signupId)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
  });

  it('keeps executions and async invocations still running at a stop, and completes them once at the next boot', async () => {
    // One execution held in CreateUser and one StartOnboarding held, past the stop's grace period.
    const first = await boot(dir, 'user-service/CreateUser:slow:20s:1');
    const running = newPerson('stopped-running');
    const starting = newPerson('stopped-starting');
    const runningId = await signUp(first.endpoints.api, running);
    await eventually(() => first.resilience.faults.list()[0]?.fired === 1, 'CreateUser to be held');
    first.resilience.faults.set('orchestration:slow:20s:1');
    const startingId = await signUp(first.endpoints.api, starting);
    await eventually(() => first.resilience.faults.list()[0]?.fired === 1, 'StartOnboarding to be held');
    await first.stop();

    cloud = await boot(dir);
    const resumed = cloud.resilience.recovery;
    const outcomes = await Promise.all(
      [runningId, startingId].map(async (id) => {
        const arn = await eventually(async () => (await executionsOf(cloud as LocalCloud, id))[0]?.executionArn, `the execution of ${id}`);
        return (await (cloud as LocalCloud).stepfunctions.waitForExecution(arn)).status;
      }),
    );

    expect(resumed).toMatchObject({ executionsResumed: [expect.stringContaining(runningId)], invocationsRerun: 1, unrecoverable: [] });
    expect(outcomes).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    for (const [person, id] of [
      [running, runningId],
      [starting, startingId],
    ] as const) {
      expect(await executionsOf(cloud, id)).toHaveLength(1);
      expect(await effectsOf(cloud.endpoints, cloud.model, person, id)).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
    }
  }, 60_000);

  it('turns an owed delivery whose rule no longer exists into a dead letter instead of dropping it', async () => {
    const work = await WorkJournal.open(join(dir, 'accepted-work.jsonl'));
    const event = { version: '0', id: randomUUID(), 'detail-type': 'UserSignup', source: 'onboarding.signup', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { signupId: 'gone' } };
    await work.eventsAccepted([{ event, eventBusName: 'onboarding', targets: ['RemovedRule/Target0'] }]);
    await work.close();

    cloud = await boot(dir);
    const letters = await eventually(() => cloud?.deadLetters.list().filter((l) => l.source === 'events:RemovedRule/Target0').length && cloud?.deadLetters.list(), 'the dead letter');

    expect(cloud.resilience.recovery?.unrecoverable).toEqual([expect.stringContaining('RemovedRule/Target0: target no longer exists')]);
    expect(letters).toEqual([expect.objectContaining({ source: 'events:RemovedRule/Target0', body: expect.objectContaining({ errorName: 'TargetNotFound' }) })]);
    // Settled once the dead letter is on disk.
    expect(await eventually(() => cloud?.resilience.owed()?.events === 0 && cloud.resilience.owed(), 'the delivery to be settled')).toEqual({ events: 0, invocations: 0 });
  });
});
