import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import { UserSignupV1 } from '@onboarding/contract-user-signup-v1';
import { exampleUserSignupV1 } from '@onboarding/contract-user-signup-v1/testing';
import { UserSignupV2 } from '@onboarding/contract-user-signup-v2';
import { exampleUserSignupV2 } from '@onboarding/contract-user-signup-v2/testing';
import { toEventBridgeEvent } from '@onboarding/events/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { InvalidSignupEventError } from '../../src/domain/errors';
import { logger } from '../../src/powertools';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Onboarding';
const EXECUTION_ARN = 'arn:aws:states:us-east-1:123456789012:execution:Onboarding:signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
const sfn = mockClient(SFNClient);

// The handler reads its configuration at cold start, as in Lambda: set it, then load the module.
let handler: (event: unknown) => Promise<unknown>;
beforeAll(async () => {
  process.env['STATE_MACHINE_ARN'] = STATE_MACHINE_ARN;
  ({ handler } = await import('../../src/handlers/start-onboarding'));
});

// Silenced and watched: what the handler logs is part of its behaviour.
let info: jest.SpyInstance;
let error: jest.SpyInstance;
beforeEach(() => {
  info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  sfn.reset();
  jest.restoreAllMocks();
});

const signup = exampleUserSignupV1();
const event = toEventBridgeEvent(UserSignupV1, signup);

describe('StartOnboarding', () => {
  it('starts the execution named signup-<signupId> with the signup detail as its input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });

    const result = await handler(event);

    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(input?.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(input?.name).toBe(`signup-${signup.signupId}`);
    expect(JSON.parse(input?.input ?? 'null')).toEqual(signup);
    expect(result).toEqual({ executionName: `signup-${signup.signupId}`, outcome: 'started', executionArn: EXECUTION_ARN });
    expect(info).toHaveBeenCalledWith('Onboarding started', expect.anything());
  });

  it('passes the normalized detail on: defaults applied, email lower-cased', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Onboarding:x', startDate: new Date() });
    const { plan: _plan, ...withoutPlan } = signup;
    const raw = { ...toEventBridgeEvent(UserSignupV1, signup), detail: { ...withoutPlan, email: 'Ada@Example.COM' } };

    await handler(raw);

    const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? 'null');
    expect(input).toEqual({ ...signup, plan: 'free', email: 'ada@example.com' });
  });

  it('treats an execution that already exists as a duplicate delivery: success, logged', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));

    const result = await handler(event);

    expect(result).toEqual({ executionName: `signup-${signup.signupId}`, outcome: 'already-started' });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('duplicate delivery'));
  });

  it('refuses an event whose detail breaks the contract, naming the field, and starts nothing', async () => {
    const invalid = { ...event, detail: { ...signup, email: 'not-an-email' } };

    const attempt = handler(invalid);

    await expect(attempt).rejects.toBeInstanceOf(InvalidSignupEventError);
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidSignupEventError', field: 'detail.email' });
    await expect(attempt).rejects.toThrow(/detail\.email/);
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses an event of another detail-type, naming detail-type', async () => {

    const attempt = handler({ ...event, 'detail-type': 'UserOnboarded' });

    await expect(attempt).rejects.toMatchObject({ name: 'InvalidSignupEventError', field: 'detail-type' });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('never logs the email address or the name of a refused signup', async () => {
    const invalid = { ...event, detail: { ...signup, tenantId: 'Not Valid' } };

    await expect(handler(invalid)).rejects.toMatchObject({ field: 'detail.tenantId' });

    const logged = JSON.stringify(error.mock.calls);
    expect(logged).toContain('detail.tenantId');
    expect(logged).not.toContain(signup.email);
    expect(logged).not.toContain(signup.name);
  });

  it('lets any other Step Functions failure through, so Lambda retries and then dead-letters the event', async () => {
    sfn.on(StartExecutionCommand).rejects(new StateMachineDoesNotExist({ message: 'State Machine Does Not Exist', $metadata: {} }));

    await expect(handler(event)).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });
});

describe('StartOnboarding while UserSignup moves from v1 to v2', () => {
  it('starts a v2 signup with its locale in the execution input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });
    const v2 = exampleUserSignupV2({ locale: 'de-AT' });

    await handler(toEventBridgeEvent(UserSignupV2, v2));

    expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? 'null')).toEqual(v2);
  });

  it('still starts a v1 signup, published before the signup API moved to v2, as it came', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });

    await handler(event);

    expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? 'null')).toEqual(signup);
  });

  it('refuses a v2 signup without a locale, naming detail.locale', async () => {
    const { locale: _locale, ...withoutLocale } = exampleUserSignupV2();

    await expect(handler({ ...toEventBridgeEvent(UserSignupV2, exampleUserSignupV2()), detail: withoutLocale })).rejects.toMatchObject({ field: 'detail.locale' });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses a version it does not read yet, naming detail.version, and starts nothing', async () => {
    const attempt = handler({ ...event, detail: { ...signup, version: '3' } });

    await expect(attempt).rejects.toMatchObject({ name: 'InvalidSignupEventError', field: 'detail.version' });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('ignores a field a newer producer added within a version, and does not pass it on', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });

    await handler({ ...event, detail: { ...signup, referrer: 'newsletter' } });

    expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? 'null')).toEqual(signup);
  });
});

