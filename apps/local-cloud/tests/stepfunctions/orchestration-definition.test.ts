/**
 * The orchestration team's real onboarding definition (fixtures/orchestration-onboarding.asl.json:
 * `apps/orchestration` synthesized, with the SSM-parameter function ARNs and the bus ARN resolved
 * to local ones) run by the local Step Functions. This is the definition `npm start` runs; the
 * test proves the runner, the integrations and the history handle its shapes (Retry with jitter,
 * Catch into Parallel branch markers, Choice, compensation, States.Format, $$.Execution.Name,
 * Fail with ErrorPath). The step functions are fakes that follow the step contracts of
 * `libs/contracts`; refresh the fixture when the orchestration changes its definition.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudModel, InvokeFunction, InvokeResult, PutEvents, PutEventsEntry } from '../../src/model';
import { createStepFunctionsService, type StepFunctionsService } from '../../src/stepfunctions';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:onboarding';
const definition = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'orchestration-onboarding.asl.json'), 'utf8')) as Record<string, unknown>;

function model(): CloudModel {
  return {
    functions: [],
    tables: [],
    buckets: [],
    queues: [],
    buses: [],
    rules: [],
    stateMachines: [{ app: 'orchestration', stackName: 'OnboardingOrchestration', logicalId: 'OnboardingStateMachine', name: 'onboarding', arn: ARN, type: 'STANDARD', definition }],
    httpRoutes: [],
    secrets: [],
    ssmParameters: [],
    roles: {},
  };
}

const ok = (Payload: unknown): InvokeResult => ({ StatusCode: 200, Payload, durationMs: 1, coldStart: false });
const fails = (errorType: string): InvokeResult => ({ StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType, errorMessage: `${errorType} (test)`, trace: [] }, durationMs: 1, coldStart: false });

/** Step fakes: a signupId starting with `no-storage` makes CreateUserStorage fail with StorageUnavailableError. */
function steps() {
  const called: string[] = [];
  const published: PutEventsEntry[] = [];
  const invokeFunction: InvokeFunction = async (fn, payload) => {
    const step = fn.split(':').pop() as string;
    const p = payload as { signupId: string; tenantId: string; userId?: string };
    called.push(step);
    switch (step) {
      case 'CreateUser':
        return ok({ signupId: p.signupId, tenantId: p.tenantId, userId: `u-${p.signupId}` });
      case 'SendWelcomeEmail':
        return ok({ signupId: p.signupId, tenantId: p.tenantId, messageId: 'm-1' });
      case 'CreateUserStorage':
        return p.signupId.startsWith('no-storage') ? fails('StorageUnavailableError') : ok({ signupId: p.signupId, tenantId: p.tenantId, bucket: 'b', prefix: `${p.tenantId}/${p.userId}/` });
      case 'NotifyTeam':
        return ok({ signupId: p.signupId, tenantId: p.tenantId, delivered: true, channel: 'webhook' });
      case 'DeleteUserStorage':
        return ok({ signupId: p.signupId, tenantId: p.tenantId, deletedObjects: 0 });
      case 'DeleteUser':
        return ok({ signupId: p.signupId, tenantId: p.tenantId, deleted: true });
      default:
        throw new Error(`no fake for ${step}`);
    }
  };
  const putEvents: PutEvents = async (entries) => {
    published.push(...entries);
    return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `ev-${published.length}-${i}` })) };
  };
  return { called, published, invokeFunction, putEvents };
}

describe('the orchestration onboarding definition on the local Step Functions', () => {
  let fakes: ReturnType<typeof steps>;
  let service: StepFunctionsService;

  beforeEach(() => {
    fakes = steps();
    service = createStepFunctionsService({ model: model(), invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents, retryDelayScale: 0 });
  });

  afterEach(() => service.close());

  const signup = (signupId: string) => ({ version: '1', signupId, tenantId: 'acme', email: 'ada@example.com', name: 'Ada', plan: 'pro' });

  it('onboards a signup: every forward step runs and UserOnboarded is published with the execution name', async () => {
    const { executionArn } = await service.startExecution(ARN, 'signup-s-1', signup('s-1'));

    const execution = await service.waitForExecution(executionArn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(fakes.called.sort()).toEqual(['CreateUser', 'CreateUserStorage', 'NotifyTeam', 'SendWelcomeEmail']);
    expect(fakes.published).toHaveLength(1);
    expect(fakes.published[0]).toMatchObject({ Source: 'onboarding.orchestration', DetailType: 'UserOnboarded', Resources: [executionArn, ARN] });
    expect(JSON.parse(fakes.published[0]?.Detail ?? '')).toMatchObject({
      version: '1',
      signupId: 's-1',
      tenantId: 'acme',
      userId: 'u-s-1',
      storagePrefix: 'acme/u-s-1/',
      teamNotified: true,
      executionName: 'signup-s-1',
    });
  });

  it('compensates when a Parallel branch gives up: storage retried, user deleted, UserOnboardingFailed published', async () => {
    const { executionArn } = await service.startExecution(ARN, 'signup-no-storage-1', signup('no-storage-1'));

    const execution = await service.waitForExecution(executionArn);
    const { events } = await service.history(executionArn);

    expect(execution).toMatchObject({ status: 'FAILED', error: 'StorageUnavailableError' });
    expect(fakes.called.filter((s) => s === 'CreateUserStorage')).toHaveLength(5);
    expect(fakes.called).toEqual(expect.arrayContaining(['DeleteUserStorage', 'DeleteUser']));
    expect(fakes.called).not.toContain('NotifyTeam');
    const failed = JSON.parse(fakes.published[0]?.Detail ?? '');
    expect(fakes.published[0]?.DetailType).toBe('UserOnboardingFailed');
    expect(failed).toMatchObject({ failedStep: 'CreateUserStorage', error: 'StorageUnavailableError', compensated: true });
    expect(failed.reason).toBe('CreateUserStorage failed with StorageUnavailableError; the steps this signup had completed were undone');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ChoiceStateEntered', 'FailStateEntered', 'ExecutionFailed']));
  });
});
