/**
 * Exactly one effect per signup, on the real apps. The same UserSignup is delivered ten times at
 * once on the bus and started ten times at once by name; then a second execution with another name
 * runs the same signup; then, an hour later on the functions' clock, all of that again.
 *
 * "An hour later": the local cloud moves the clock of every function sandbox ahead
 * (`runtime.setClockOffset`). That is where idempotency lives: Powertools computes and checks a
 * record's expiry with the function's own `Date`. The Step Functions name dedupe is not what is
 * tested here (AWS keeps a used name for 90 days, and so does the store): the executions with
 * other names go past it on purpose, so only the functions' idempotency stands between a
 * redelivery and a second effect. After an hour, CreateUser's and CreateUserStorage's records
 * (default lifetime, 1 h) have expired and those steps really run again: they must find the user
 * and rewrite the same marker object; the email and the notification (records kept 24 h) answer
 * from their records.
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { attemptsOf, effectsOf, newPerson } from './support';

const region = 'us-east-1';
const credentials = { accessKeyId: 'resilience-test', secretAccessKey: 'resilience-test' };
const AN_HOUR_AND_A_MINUTE = 61 * 60 * 1000;

describe('exactly one effect per signup', () => {
  let cloud: LocalCloud;
  let events: EventBridgeClient;
  let sfn: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.1, asyncRetryDelayMs: () => 10 });
    events = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region, credentials });
    sfn = new SFNClient({ endpoint: cloud.endpoints.stepfunctions, region, credentials });
    stateMachineArn = (cloud.model.stateMachines.find((sm) => sm.app === 'orchestration') ?? { arn: '' }).arn;
  }, 60_000);

  afterAll(async () => {
    events?.destroy();
    sfn?.destroy();
    await cloud?.stop();
  });

  /** Ten PutEvents of the same UserSignup and ten StartExecution of its name, all at once. */
  async function deliverTenTimesEach(detail: Record<string, string>): Promise<{ started: Set<string>; refused: number }> {
    const busName = cloud.model.buses.find((b) => b.app === 'orchestration')?.name;
    const puts = Array.from({ length: 10 }, () =>
      events.send(new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: JSON.stringify(detail) }] })),
    );
    const starts = Array.from({ length: 10 }, () =>
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: `signup-${detail['signupId']}`, input: JSON.stringify(detail) })).then(
        (r) => r.executionArn as string,
        (error: Error) => {
          if (error.name !== 'ExecutionAlreadyExists') throw error;
          return 'refused';
        },
      ),
    );
    const [putResults, startResults] = await Promise.all([Promise.all(puts), Promise.all(starts)]);
    for (const r of putResults) expect(r.FailedEntryCount).toBe(0);
    // Every StartOnboarding the bus triggered has run (and found the execution started, or refused).
    await cloud.eventbridge.idle();
    await cloud.asyncInvoker.idle();
    return { started: new Set(startResults.filter((r) => r !== 'refused')), refused: startResults.filter((r) => r === 'refused').length };
  }

  const executionsOf = async (signupId: string) => (await cloud.stepfunctions.listExecutions({ stateMachineArn, maxResults: 1000 })).executions.filter((e) => e.name.includes(signupId));

  it('delivers the same signup ten times on the bus and ten times by name, now and an hour later, and every effect happens once', async () => {
    const person = newPerson('once');
    const signupId = randomUUID();
    const detail = { version: '1', signupId, tenantId: person.tenantId, email: person.email, name: person.name, plan: 'pro', signedUpAt: new Date().toISOString() };

    // Now: twenty deliveries at once make one execution.
    const first = await deliverTenTimesEach(detail);
    const [execution] = await executionsOf(signupId);
    const done = await cloud.stepfunctions.waitForExecution(execution?.executionArn ?? '');
    // A second execution under another name: past the name dedupe, onto the functions' idempotency.
    const again = await cloud.stepfunctions.startExecution(stateMachineArn, `signup-${signupId}-again`, JSON.stringify(detail));
    const againDone = await cloud.stepfunctions.waitForExecution(again.executionArn);
    const effectsNow = await effectsOf(cloud.endpoints, cloud.model, person, signupId);

    // An hour later on the functions' clock.
    cloud.runtime.setClockOffset(AN_HOUR_AND_A_MINUTE);
    let later: Awaited<ReturnType<typeof deliverTenTimesEach>>;
    let laterDone;
    try {
      later = await deliverTenTimesEach(detail);
      const run = await cloud.stepfunctions.startExecution(stateMachineArn, `signup-${signupId}-later`, JSON.stringify(detail));
      laterDone = await cloud.stepfunctions.waitForExecution(run.executionArn);
    } finally {
      cloud.runtime.setClockOffset(0);
    }
    const effectsLater = await effectsOf(cloud.endpoints, cloud.model, person, signupId);
    const laterHistory = await cloud.stepfunctions.history(laterDone.executionArn);

    expect(first.started.size).toBeLessThanOrEqual(1);
    expect((await executionsOf(signupId)).map((e) => e.name).sort()).toEqual([`signup-${signupId}`, `signup-${signupId}-again`, `signup-${signupId}-later`]);
    expect([done.status, againDone.status, laterDone.status]).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // The name of a finished Standard execution stays taken: an hour later every start by name is refused.
    expect(later.refused).toBe(10);
    expect(effectsNow).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
    expect(effectsLater).toEqual({ users: 1, emails: 1, objects: 1, messages: 1 });
    // An hour later each step still ran exactly once in that execution, and succeeded.
    for (const step of ['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']) expect(attemptsOf(laterHistory.events, step)).toEqual(['Scheduled', 'Succeeded']);
  });

  it('keeps two signups of one tenant apart: the deduplication is per signup, so each gets its own effects', async () => {
    const person = newPerson('two');
    const other = { ...person, email: `other-${person.email}` };
    const signups = [
      { signupId: randomUUID(), person },
      { signupId: randomUUID(), person: other },
    ];

    const outcomes = await Promise.all(
      signups.map(async ({ signupId, person: p }) => {
        const detail = { version: '1', signupId, tenantId: p.tenantId, email: p.email, name: p.name, plan: 'pro', signedUpAt: new Date().toISOString() };
        const started = await cloud.stepfunctions.startExecution(stateMachineArn, `signup-${signupId}`, JSON.stringify(detail));
        return (await cloud.stepfunctions.waitForExecution(started.executionArn)).status;
      }),
    );
    const effects = await Promise.all(signups.map(({ signupId, person: p }) => effectsOf(cloud.endpoints, cloud.model, p, signupId)));

    expect(outcomes).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // Both prefixes live under the shared tenant, hence two objects in each count.
    expect(effects).toEqual([
      { users: 1, emails: 1, objects: 2, messages: 1 },
      { users: 1, emails: 1, objects: 2, messages: 1 },
    ]);
  });
});
