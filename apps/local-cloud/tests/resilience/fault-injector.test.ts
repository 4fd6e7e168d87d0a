import { join } from 'node:path';
import { FaultInjector, INJECTED_FAULT_ERROR, InvalidFaultSpecError, UnknownFaultTargetError } from '../../src/faults';
import type { AwsEndpoints } from '../../src/lambda/function-environment';
import { LambdaRuntime } from '../../src/lambda/lambda-runtime';
import type { CloudModel, FunctionModel } from '../../src/model';

const HANDLERS = join(__dirname, 'fixtures/handlers');

function fn(app: string, logicalId: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  const functionName = `${app}-${logicalId}`;
  return {
    app,
    stackName: `${app}-stack`,
    logicalId,
    functionName,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    codeDir: HANDLERS,
    handler: 'index.count',
    runtime: 'nodejs24.x',
    timeoutSeconds: 3,
    memorySize: 128,
    environment: {},
    ...overrides,
  };
}

const createUser = fn('user-service', 'CreateUserFunctionB24E');
const deleteUser = fn('user-service', 'DeleteUserFunctionF8A5');
const sendEmail = fn('email-service', 'SendWelcomeEmailFunctionEB39');
const notify = fn('notifier', 'NotifyTeamFunction649C', { timeoutSeconds: 1 });
const startOnboarding = fn('orchestration', 'StartOnboarding415C');

/** A model where the state machine names the steps (CreateUser, SendWelcomeEmail) and SSM publishes the others (NotifyTeam). */
const model = {
  functions: [createUser, deleteUser, sendEmail, notify, startOnboarding],
  stateMachines: [
    {
      definition: {
        StartAt: 'CreateUser',
        States: {
          CreateUser: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: createUser.arn, 'Payload.$': '$' }, Next: 'Both' },
          Both: {
            Type: 'Parallel',
            End: true,
            Branches: [{ StartAt: 'SendWelcomeEmail', States: { SendWelcomeEmail: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: `${sendEmail.arn}:$LATEST` }, End: true } } }],
          },
        },
      },
    },
  ],
  ssmParameters: [
    { name: '/onboarding/notifier/functions/NotifyTeam/arn', value: notify.arn },
    { name: '/onboarding/user-service/functions/DeleteUser/arn', value: deleteUser.arn },
  ],
} as unknown as CloudModel;

describe('FaultInjector', () => {
  it('fails the next N invocations of an app with the retryable error of the step each function implements', async () => {
    const faults = new FaultInjector({ model });
    faults.set('user-service:fail:2');

    const first = await faults.beforeInvoke(createUser, 'r1');
    const second = await faults.beforeInvoke(deleteUser, 'r2');
    const third = await faults.beforeInvoke(createUser, 'r3');

    expect(first?.error.errorType).toBe('UserStoreUnavailableError');
    expect(second?.error.errorType).toBe('UserStoreUnavailableError');
    expect(third).toBeUndefined();
    expect(faults.list()).toEqual([{ fault: 'user-service:fail:2', remaining: 0, fired: 2, functions: ['user-service/CreateUserFunctionB24E', 'user-service/DeleteUserFunctionF8A5'] }]);
  });

  it('picks the permanent error for fail:permanent, a named error when given, and a generic one for a function that is no step', async () => {
    const faults = new FaultInjector({ model });
    faults.set('email-service:fail:permanent,notifier:fail:WebhookRejectedError,orchestration:fail,user-service/Delete:permanent');

    expect((await faults.beforeInvoke(sendEmail, 'a'))?.error.errorType).toBe('EmailRejectedError');
    expect((await faults.beforeInvoke(notify, 'b'))?.error.errorType).toBe('WebhookRejectedError');
    expect((await faults.beforeInvoke(startOnboarding, 'c'))?.error.errorType).toBe(INJECTED_FAULT_ERROR);
    // DeleteUser has no permanent error of its own: the common one (a refused payload).
    expect((await faults.beforeInvoke(deleteUser, 'd'))?.error.errorType).toBe('InvalidStepInputError');
    expect(faults.beforeInvoke(createUser, 'e')).toBeUndefined();
  });

  it('applies a function prefix to the logical id only of that app', async () => {
    const faults = new FaultInjector({ model });
    faults.set('user-service/createuser:fail:always');

    expect(await faults.beforeInvoke(createUser, 'a')).toBeDefined();
    expect(faults.beforeInvoke(deleteUser, 'b')).toBeUndefined();
    expect(faults.beforeInvoke(sendEmail, 'c')).toBeUndefined();
  });

  it('fires a rate fault with the given probability', async () => {
    const draws = [0.01, 0.2, 0.049, 0.05];
    const faults = new FaultInjector({ model, random: () => draws.shift() ?? 1 });
    faults.set('*:fail:5%');

    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await faults.beforeInvoke(createUser, `r${i}`));

    expect(outcomes.map((o) => o !== undefined)).toEqual([true, false, true, false]);
    expect(faults.list()[0]).toMatchObject({ remaining: '5%', fired: 2 });
  });

  it('times an invocation out after the given time, with the error Lambda reports', async () => {
    const faults = new FaultInjector({ model });
    faults.set('notifier:timeout:30ms:1');

    const started = performance.now();
    const outcome = await faults.beforeInvoke(notify, 'req-1');

    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(outcome).toEqual({ timedOut: true, error: { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-1 Error: Task timed out after 1.00 seconds', trace: [] } });
  });

  it('delays a slow invocation and then lets it run; slower than the timeout is a timeout', async () => {
    const faults = new FaultInjector({ model });
    faults.set('email-service:slow:40ms:1,notifier:slow:5s:1');

    const started = performance.now();
    const slow = await faults.beforeInvoke(sendEmail, 'a');
    const waited = performance.now() - started;
    const tooSlow = await faults.beforeInvoke(notify, 'b');

    expect(slow).toBeUndefined();
    expect(waited).toBeGreaterThanOrEqual(35);
    expect(tooSlow?.timedOut).toBe(true);
    expect(faults.injected().map((r) => r.effect)).toEqual(['delayed 40 ms', 'timed out (slower than its timeout)']);
  }, 10_000);

  it('refuses a fault list with an unknown app or a syntax error and keeps the faults already set', () => {
    const faults = new FaultInjector({ model });
    faults.set('email-service:fail:3');

    expect(() => faults.set('emial-service:fail')).toThrow(UnknownFaultTargetError);
    expect(() => faults.set('emial-service:fail')).toThrow('matches no function (apps: email-service, notifier, orchestration, user-service)');
    expect(() => faults.set('email-service:fail,notifier:boom')).toThrow(InvalidFaultSpecError);
    expect(faults.list()).toEqual([expect.objectContaining({ fault: 'email-service:fail:3', remaining: 3 })]);
  });

  it('ends its waits at once when closed', async () => {
    const faults = new FaultInjector({ model });
    faults.set('email-service:slow:2s');

    const pending = faults.beforeInvoke(sendEmail, 'a');
    faults.close();

    await expect(pending).resolves.toBeUndefined();
  });
});

describe('LambdaRuntime with the fault injector', () => {
  const endpoints = Object.fromEntries(['dynamodb', 's3', 'sesv2', 'eventbridge', 'stepfunctions', 'ssm', 'secretsmanager', 'lambda'].map((k, i) => [k, `http://127.0.0.1:${1001 + i}`])) as unknown as AwsEndpoints;
  const counter = fn('fixture', 'Counter');
  const clock = fn('fixture', 'Clock', { handler: 'index.clock' });
  const faultModel = { functions: [counter, clock], stateMachines: [], ssmParameters: [] } as unknown as CloudModel;
  let runtime: LambdaRuntime;
  let faults: FaultInjector;

  beforeAll(() => {
    faults = new FaultInjector({ model: faultModel });
    runtime = new LambdaRuntime({ model: faultModel, endpoints, beforeInvoke: faults.beforeInvoke });
  });
  afterAll(async () => {
    faults.close();
    await runtime.close();
  });

  it('reports an injected failure as Lambda does and never runs the handler for it', async () => {
    faults.set('fixture/Counter:fail:2');

    const failed = [await runtime.invoke(counter.functionName, {}), await runtime.invoke(counter.functionName, {})];
    const ran = await runtime.invoke(counter.functionName, {});

    for (const result of failed) {
      expect(result.FunctionError).toBe('Unhandled');
      expect(result.Payload).toMatchObject({ errorType: INJECTED_FAULT_ERROR });
    }
    expect(ran.FunctionError).toBeUndefined();
    expect(ran.Payload).toEqual({ runs: 1 });
    expect(runtime.stats().find((s) => s.functionName === counter.functionName)).toMatchObject({ invocations: 3, errors: 2 });
  });

  it('counts an injected timeout as a timeout', async () => {
    faults.set('fixture/Counter:timeout:10ms:1');

    const result = await runtime.invoke(counter.functionName, {});

    expect(result.Payload).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(runtime.stats().find((s) => s.functionName === counter.functionName)?.timeouts).toBe(1);
  });

  it('moves the functions clock ahead without changing the time Lambda says is left', async () => {
    faults.clear();
    const before = (await runtime.invoke(clock.functionName, {})).Payload as Record<string, number | boolean>;

    runtime.setClockOffset(3_600_000);
    const after = (await runtime.invoke(clock.functionName, {})).Payload as Record<string, number | boolean>;
    runtime.setClockOffset(0);
    const restored = (await runtime.invoke(clock.functionName, {})).Payload as Record<string, number | boolean>;

    expect((after['now'] as number) - (before['now'] as number)).toBeGreaterThanOrEqual(3_600_000);
    expect((after['constructed'] as number) - Date.now()).toBeGreaterThan(3_590_000);
    expect(after['parsed']).toBe(Date.parse('2020-01-01T00:00:00.000Z'));
    expect(after['isDate']).toBe(true);
    expect(after['remainingMs']).toBeGreaterThan(2000);
    expect(Math.abs((restored['now'] as number) - Date.now())).toBeLessThan(1000);
  });
});
