/**
 * The analysis reads histories the local Step Functions really records: the onboarding definition
 * runs on the runner with step fakes that succeed, fail a few times, or fail for good, and the
 * test checks what the console would colour each state.
 */
import { eventually } from '@onboarding/testing';
import { analyzeExecution, type ExecutionAnalysis } from '../../src/console/execution-analysis';
import { END_ID, START_ID } from '../../src/console/state-graph';
import type { CloudModel, InvokeFunction, InvokeResult, PutEvents } from '../../src/model';
import { createStepFunctionsService, type StepFunctionsService } from '../../src/stepfunctions';
import { onboardingDefinition } from './onboarding-definition';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:onboarding';

const model: CloudModel = {
  functions: [],
  tables: [],
  buckets: [],
  queues: [],
  buses: [],
  rules: [],
  stateMachines: [{ app: 'orchestration', stackName: 'OnboardingOrchestration', logicalId: 'OnboardingStateMachine', name: 'onboarding', arn: ARN, type: 'STANDARD', definition: onboardingDefinition }],
  httpRoutes: [],
  secrets: [],
  ssmParameters: [],
  roles: {},
};

const input = (signupId: string) => ({ signupId, tenantId: 't1', email: 'a@example.com', name: 'A', plan: 'pro' });
const ok = (Payload: unknown): InvokeResult => ({ StatusCode: 200, Payload, durationMs: 1, coldStart: false });
const fails = (errorType: string): InvokeResult => ({ StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType, errorMessage: `${errorType} (test)`, trace: [] }, durationMs: 1, coldStart: false });

/**
 * Step fakes driven by the signupId: `mail-down-<n>` fails SendWelcomeEmail n times with the
 * retryable MailerUnavailableError (`always` for every time), `duplicate` makes CreateUser refuse
 * the user, `hang` keeps NotifyTeam waiting until `release()`.
 */
function steps() {
  const mailFailures = new Map<string, number>();
  const waiting: (() => void)[] = [];
  const invokeFunction: InvokeFunction = async (fn, payload) => {
    const step = fn.split(':').pop() as string;
    const p = payload as { signupId: string; tenantId: string; userId?: string };
    switch (step) {
      case 'CreateUser':
        return p.signupId.startsWith('duplicate') ? fails('DuplicateUserError') : ok({ userId: `u-${p.signupId}` });
      case 'SendWelcomeEmail': {
        const limit = /^mail-down-(\d+|always)/.exec(p.signupId)?.[1];
        const failed = mailFailures.get(p.signupId) ?? 0;
        if (limit !== undefined && (limit === 'always' || failed < Number(limit))) {
          mailFailures.set(p.signupId, failed + 1);
          return fails('MailerUnavailableError');
        }
        return ok({ messageId: 'm-1' });
      }
      case 'CreateUserStorage':
        return ok({ bucket: 'b', prefix: `${p.tenantId}/${p.userId}/` });
      case 'NotifyTeam':
        if (p.signupId.startsWith('hang')) await new Promise<void>((resolve) => waiting.push(resolve));
        return ok({ delivered: true });
      case 'DeleteUserStorage':
      case 'DeleteUser':
        return ok({ deleted: true });
      default:
        throw new Error(`no fake for ${step}`);
    }
  };
  const putEvents: PutEvents = async (entries) => ({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e-${i}` })) });
  return { invokeFunction, putEvents, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

describe('analyzeExecution on histories of the onboarding definition', () => {
  let sfn: StepFunctionsService;
  let fakes: ReturnType<typeof steps>;

  beforeEach(() => {
    fakes = steps();
    sfn = createStepFunctionsService({ model, invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents, retryDelayScale: 0 });
  });

  afterEach(async () => {
    fakes.release();
    await sfn.close();
  });

  async function run(signupId: string): Promise<{ analysis: ExecutionAnalysis; status: string }> {
    const { executionArn } = await sfn.startExecution(ARN, `signup-${signupId}`, input(signupId));
    const done = await sfn.waitForExecution(executionArn);
    const { events } = await sfn.history(executionArn);
    return { analysis: analyzeExecution(onboardingDefinition, events, done.status), status: done.status };
  }

  const outcomes = (analysis: ExecutionAnalysis, names: string[]) => Object.fromEntries(names.map((n) => [n, analysis.states[n]?.outcome]));

  it('colours the happy path succeeded and leaves the failure paths not reached', async () => {
    const { analysis, status } = await run('happy-1');

    expect(status).toBe('SUCCEEDED');
    expect(outcomes(analysis, ['CreateUser', 'WelcomeAndStorage', 'SendWelcomeEmail', 'CreateUserStorage', 'CheckWelcomeAndStorage', 'NotifyTeam', 'PublishUserOnboarded', 'Onboarded'])).toEqual({
      CreateUser: 'succeeded',
      WelcomeAndStorage: 'succeeded',
      SendWelcomeEmail: 'succeeded',
      CreateUserStorage: 'succeeded',
      CheckWelcomeAndStorage: 'succeeded',
      NotifyTeam: 'succeeded',
      PublishUserOnboarded: 'succeeded',
      Onboarded: 'succeeded',
    });
    expect(outcomes(analysis, ['CreateUserFailed', 'SendWelcomeEmailFailed', 'DeleteUser', 'OnboardingFailed'])).toEqual({
      CreateUserFailed: 'not-reached',
      SendWelcomeEmailFailed: 'not-reached',
      DeleteUser: 'not-reached',
      OnboardingFailed: 'not-reached',
    });
    expect(analysis.failedStep).toBeUndefined();
    expect(analysis.states['CreateUser']?.visits[0]?.output).toContain('u-happy-1');
    expect(analysis.states['CreateUser']?.visits[0]?.input).toContain('"signupId":"happy-1"');
  });

  it('follows the transitions the execution took, and only those', async () => {
    const { analysis } = await run('happy-2');

    const taken = analysis.takenEdges.map((e) => `${e.from === START_ID ? 'start' : e.from}>${e.to === END_ID ? 'end' : e.to}`);

    expect(taken).toEqual(
      expect.arrayContaining(['start>ApplySignupDefaults', 'ApplySignupDefaults>CreateUser', 'CreateUser>WelcomeAndStorage', 'WelcomeAndStorage>CheckWelcomeAndStorage', 'CheckWelcomeAndStorage>NotifyTeam', 'NotifyTeam>PublishUserOnboarded', 'Onboarded>end']),
    );
    expect(taken).not.toContain('CreateUser>CreateUserFailed');
    expect(taken).not.toContain('CheckWelcomeAndStorage>CompensateAfterSendWelcomeEmail');
    expect(taken).not.toContain('TeamNotNotified>PublishUserOnboarded');
  });

  it('counts the retries of a step that succeeded after failing', async () => {
    const { analysis, status } = await run('mail-down-2-a');

    const email = analysis.states['SendWelcomeEmail'];

    expect(status).toBe('SUCCEEDED');
    expect(email?.outcome).toBe('retried');
    expect(email?.retries).toBe(2);
    expect(email?.visits[0]?.attempts.map((a) => a.result)).toEqual(['failed', 'failed', 'succeeded']);
    expect(email?.visits[0]?.attempts[0]?.error).toBe('MailerUnavailableError');
    expect(analysis.failedStep).toBeUndefined();
  });

  it('shows a step whose retries ran out as caught, the steps it undid as compensated, and the Fail state as failed', async () => {
    const { analysis, status } = await run('mail-down-always-b');

    expect(status).toBe('FAILED');
    expect(outcomes(analysis, ['SendWelcomeEmail', 'SendWelcomeEmailFailed', 'CreateUser', 'CreateUserStorage', 'DeleteUserStorage', 'DeleteUser', 'OnboardingFailed', 'NotifyTeam'])).toEqual({
      SendWelcomeEmail: 'caught',
      SendWelcomeEmailFailed: 'succeeded',
      CreateUser: 'compensated',
      CreateUserStorage: 'compensated',
      DeleteUserStorage: 'succeeded',
      DeleteUser: 'succeeded',
      OnboardingFailed: 'failed',
      NotifyTeam: 'not-reached',
    });
    expect(analysis.states['SendWelcomeEmail']?.retries).toBe(4);
    expect(analysis.states['SendWelcomeEmail']?.error).toBe('MailerUnavailableError');
    expect(analysis.states['CreateUser']?.compensatedBy).toBe('DeleteUser');
    expect(analysis.states['CreateUserStorage']?.compensatedBy).toBe('DeleteUserStorage');
    expect(analysis.states['DeleteUser']?.compensation).toBe(true);
    expect(analysis.failedStep).toEqual({ name: 'SendWelcomeEmail', error: 'MailerUnavailableError', outcome: 'caught' });
    expect(analysis.takenEdges).toEqual(expect.arrayContaining([{ from: 'SendWelcomeEmail', to: 'SendWelcomeEmailFailed', kind: 'catch' }, { from: 'OnboardingFailed', to: END_ID, kind: 'end' }]));
  });

  it('keeps a refused step caught, not undone, when its own compensation ran', async () => {
    const { analysis } = await run('duplicate-c');

    expect(analysis.states['CreateUser']?.outcome).toBe('caught');
    expect(analysis.states['CreateUser']?.error).toBe('DuplicateUserError');
    expect(analysis.states['DeleteUser']?.outcome).toBe('succeeded');
    expect(analysis.states['WelcomeAndStorage']?.outcome).toBe('not-reached');
    expect(analysis.failedStep?.name).toBe('CreateUser');
  });

  it('shows the step in progress as running while the execution runs', async () => {
    const { executionArn } = await sfn.startExecution(ARN, 'signup-hang-d', input('hang-d'));
    const entered = async () => (await sfn.history(executionArn)).events.some((e) => e.type === 'TaskScheduled' && JSON.stringify(e).includes('NotifyTeam'));
    await eventually(entered, 'NotifyTeam to be scheduled');

    const { events } = await sfn.history(executionArn);
    const analysis = analyzeExecution(onboardingDefinition, events, 'RUNNING', Date.now());

    expect(analysis.states['NotifyTeam']?.outcome).toBe('running');
    expect(analysis.states['NotifyTeam']?.visits[0]?.attempts[0]?.result).toBe('running');
    expect(analysis.states['CreateUser']?.outcome).toBe('succeeded');
    expect(analysis.states['PublishUserOnboarded']?.outcome).toBe('not-reached');
  });

  it('ties every state event to its state, and execution events to none', async () => {
    const { executionArn } = await sfn.startExecution(ARN, 'signup-happy-e', input('happy-e'));
    await sfn.waitForExecution(executionArn);
    const { events } = await sfn.history(executionArn);

    const analysis = analyzeExecution(onboardingDefinition, events, 'SUCCEEDED');

    for (const event of events) {
      if (event.type.startsWith('Execution')) expect(analysis.eventStates[event.id]).toBeUndefined();
      else expect(analysis.eventStates[event.id]).toEqual(expect.any(String));
    }
    const scheduled = events.filter((e) => e.type === 'TaskScheduled').map((e) => analysis.eventStates[e.id]);
    expect(scheduled).toEqual(expect.arrayContaining(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam', 'PublishUserOnboarded']));
  });

  it('shows a state the runner failed before any call as failed, with the runtime error', async () => {
    const { plan: _plan, ...withoutPlan } = input('no-plan-f');
    const { executionArn } = await sfn.startExecution(ARN, 'signup-no-plan-f', withoutPlan);
    const done = await sfn.waitForExecution(executionArn);
    const { events } = await sfn.history(executionArn);

    const analysis = analyzeExecution(onboardingDefinition, events, done.status);

    expect(done.status).toBe('FAILED');
    expect(analysis.states['CreateUser']).toMatchObject({ outcome: 'failed', error: 'States.Runtime', retries: 0 });
    expect(analysis.states['CreateUser']?.visits[0]?.cause).toContain('$.plan');
    expect(analysis.failedStep).toEqual({ name: 'CreateUser', error: 'States.Runtime', outcome: 'failed' });
  });

  it('shows the states of a failed Parallel branch as failed, not running, while the execution goes on', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Refuse', States: { Refuse: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:CreateUser', Payload: { signupId: 'duplicate-g' } }, End: true } } },
            { StartAt: 'Linger', States: { Linger: { Type: 'Wait', Seconds: 600, End: true } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Hold' }],
          Next: 'Hold',
        },
        Hold: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:NotifyTeam', Payload: { signupId: 'hang-g' } }, End: true },
      },
    };
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:branches';
    const branches = createStepFunctionsService({
      model: { ...model, stateMachines: [{ ...(model.stateMachines[0] as CloudModel['stateMachines'][number]), name: 'branches', arn, definition }] },
      invokeFunction: fakes.invokeFunction,
      putEvents: fakes.putEvents,
      retryDelayScale: 0,
    });
    try {
      const { executionArn } = await branches.startExecution(arn, 'branches-g', {});
      const analysis = await eventually(async () => {
        const current = analyzeExecution(definition, (await branches.history(executionArn)).events, 'RUNNING');
        return current.states['Hold']?.outcome === 'running' && current;
      }, 'Hold to start');

      expect(outcomes(analysis, ['Both', 'Refuse', 'Linger', 'Hold'])).toEqual({ Both: 'caught', Refuse: 'failed', Linger: 'failed', Hold: 'running' });
      expect(analysis.states['Refuse']?.error).toBe('DuplicateUserError');
      expect(analysis.failedStep).toEqual({ name: 'Refuse', error: 'DuplicateUserError', outcome: 'failed' });
    } finally {
      fakes.release();
      await branches.close();
    }
  });
});
