/**
 * The local Step Functions over its wire protocol, driven by the real AWS SDK v3 client, running
 * the small onboarding machine of small-cloud.ts. The fake functions and bus (fake-functions.ts)
 * are the boundary; the runner, the integrations, the history and the store are under test.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { createStepFunctionsService, type StepFunctionsService } from '../../src/stepfunctions';
import { clientConfig, ONBOARDING_MACHINE, onboardingDefinition, serve, smallCloud, stateMachineArn } from '../eventbridge/small-cloud';
import { fakeBoundaries } from './fake-functions';

const HANG_MACHINE = stateMachineArn('hang');

function withHangMachine() {
  const model = smallCloud();
  model.stateMachines.push({
    app: 'test',
    stackName: 'TestStack',
    logicalId: 'Hang',
    name: 'hang',
    arn: HANG_MACHINE,
    type: 'STANDARD',
    definition: { StartAt: 'Hang', States: { Hang: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:hang', End: true } } },
  });
  return model;
}

describe('the local Step Functions endpoint', () => {
  let fakes: ReturnType<typeof fakeBoundaries>;
  let service: StepFunctionsService;
  let client: SFNClient;
  let closeServer: () => Promise<void>;
  let endpoint: string;

  beforeEach(async () => {
    fakes = fakeBoundaries();
    service = createStepFunctionsService({ model: withHangMachine(), invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents, retryDelayScale: 0.01 });
    const server = await serve(service.handle);
    closeServer = server.close;
    endpoint = server.url;
    client = new SFNClient(clientConfig(endpoint));
  });

  afterEach(async () => {
    await fakes.release();
    await service.close();
    client.destroy();
    await closeServer();
  });

  async function start(name: string, input: object) {
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, name, input: JSON.stringify(input) }));
    await service.waitForExecution(started.executionArn as string);
    return started;
  }

  async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
    return (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
  }

  describe('StartExecution', () => {
    it('runs the execution to SUCCEEDED, with the output the states build', async () => {
      const started = await start('signup-s-1', { signupId: 's-1' });

      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

      expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:onboarding:signup-s-1');
      expect(started.startDate).toBeInstanceOf(Date);
      expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'signup-s-1', stateMachineArn: ONBOARDING_MACHINE, input: '{"signupId":"s-1"}' });
      expect(JSON.parse(described.output ?? '')).toEqual({ signupId: 's-1', user: { userId: 'u-s-1' }, onboarding: { messageId: 'm-s-1', eventId: 'event-1-0' } });
      expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? Infinity);
    });

    it('calls the functions with the payloads the Parameters build, and shapes the invoke result like the Lambda integration', async () => {
      await start('signup-s-2', { signupId: 's-2' });

      expect(fakes.calls.invocations).toEqual([
        { functionName: 'arn:aws:lambda:us-east-1:000000000000:function:create-user', payload: { signupId: 's-2' } },
        { functionName: 'arn:aws:lambda:us-east-1:000000000000:function:send-welcome-email', payload: { signupId: 's-2', userId: 'u-s-2' } },
      ]);
    });

    it('sends PutEvents entries with the Detail as JSON text and the execution and state machine ARNs as resources', async () => {
      const started = await start('signup-s-3', { signupId: 's-3' });

      expect(fakes.calls.putEvents).toEqual([
        [
          {
            EventBusName: 'onboarding-bus',
            Source: 'onboarding.orchestration',
            DetailType: 'SignupSeen',
            Detail: JSON.stringify({ signupId: 's-3', executionName: 'signup-s-3' }),
            Resources: [started.executionArn, ONBOARDING_MACHINE],
          },
        ],
      ]);
    });

    it('names the execution with a UUID when no name is given', async () => {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, input: '{"signupId":"s-uuid"}' }));

      expect(started.executionArn).toMatch(/:execution:onboarding:[0-9a-f-]{36}$/);
    });

    it('refuses a name already used by a finished execution with ExecutionAlreadyExists, and starts nothing', async () => {
      await start('signup-dup', { signupId: 'dup' });
      const callsBefore = fakes.calls.invocations.length;

      const again = client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, name: 'signup-dup', input: '{"signupId":"dup"}' }));

      await expect(again).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      expect(fakes.calls.invocations).toHaveLength(callsBefore);
    });

    it('answers a repeated start of a running Standard execution with the same input with that execution (idempotent)', async () => {
      const first = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'same', input: '{"a":1}' }));

      const second = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'same', input: '{"a":1}' }));
      const different = client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'same', input: '{"a":2}' }));

      expect(second.executionArn).toBe(first.executionArn);
      expect(second.startDate).toEqual(first.startDate);
      await expect(different).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
      expect(fakes.calls.invocations.filter((c) => c.functionName.endsWith(':hang'))).toHaveLength(1);
    });

    it('starts one execution when the same start arrives twice at once', async () => {
      const request = () => client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'twice', input: '{}' }));

      const [a, b] = await Promise.all([request(), request()]);

      expect(a.executionArn).toBe(b.executionArn);
      const listed = await client.send(new ListExecutionsCommand({ stateMachineArn: HANG_MACHINE }));
      expect(listed.executions?.map((e) => e.name)).toEqual(['twice']);
    });

    it.each([
      ['white space', 'signup 1'],
      ['a slash', 'signup/1'],
      ['a bracket', 'signup[1]'],
      ['a control character', 'signup\u0007'],
      ['more than 80 characters', 'x'.repeat(81)],
    ])('refuses a name with %s with InvalidName', async (_, name) => {
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, name, input: '{}' }))).rejects.toMatchObject({ name: 'InvalidName' });
      expect(fakes.calls.invocations).toEqual([]);
    });

    it('accepts a name of exactly 80 characters', async () => {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'n'.repeat(80), input: '{}' }));

      expect(started.executionArn).toContain(`:hang:${'n'.repeat(80)}`);
    });

    it('refuses input that is not JSON with InvalidExecutionInput', async () => {
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, name: 'bad-input', input: '{"signupId":' }))).rejects.toMatchObject({
        name: 'InvalidExecutionInput',
      });
      await expect(client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:onboarding:bad-input' }))).rejects.toMatchObject({
        name: 'ExecutionDoesNotExist',
      });
    });

    it('refuses input larger than 256 KB', async () => {
      const input = JSON.stringify({ blob: 'x'.repeat(256 * 1024) });

      await expect(client.send(new StartExecutionCommand({ stateMachineArn: ONBOARDING_MACHINE, name: 'too-big', input }))).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('refuses an unknown state machine with StateMachineDoesNotExist and a malformed ARN with InvalidArn', async () => {
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('nope'), input: '{}' }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: 'onboarding', input: '{}' }))).rejects.toMatchObject({ name: 'InvalidArn' });
    });
  });

  describe('Retry and Catch', () => {
    it('retries a failing task and succeeds, with each attempt visible in the history', async () => {
      const started = await start('signup-retry', { signupId: 'retry', failTimes: 2 });

      const events = await historyOf(started.executionArn as string);
      const createUser = events.filter((e) => ['TaskScheduled', 'TaskFailed', 'TaskSucceeded'].includes(e.type ?? '')).slice(0, 5);

      expect(createUser.map((e) => e.type)).toEqual(['TaskScheduled', 'TaskFailed', 'TaskScheduled', 'TaskFailed', 'TaskScheduled']);
      expect(createUser[1]?.taskFailedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', error: 'UserStoreUnavailableError' });
      expect(JSON.parse(createUser[1]?.taskFailedEventDetails?.cause ?? '')).toMatchObject({ errorType: 'UserStoreUnavailableError', errorMessage: 'users table throttled' });
      expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    });

    it('takes the Catch path when retries run out, and fails the execution with the Fail state error', async () => {
      const started = await start('signup-exhausted', { signupId: 'exhausted', failTimes: 10 });

      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      const types = (await historyOf(started.executionArn as string)).map((e) => e.type);

      expect(described).toMatchObject({ status: 'FAILED', error: 'OnboardingFailed', cause: 'CreateUser failed' });
      expect(types.filter((t) => t === 'TaskScheduled')).toHaveLength(4);
      expect(types.slice(-6)).toEqual(['TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'FailStateEntered', 'ExecutionFailed']);
    });

    it('catches a permanent error at once, passing Error and Cause to the catcher', async () => {
      const started = await start('signup-duplicate', { signupId: 'duplicate', reject: true });

      const events = await historyOf(started.executionArn as string);
      const pass = events.find((e) => e.type === 'PassStateExited');

      expect(events.filter((e) => e.type === 'TaskScheduled')).toHaveLength(1);
      expect(JSON.parse(pass?.stateExitedEventDetails?.output ?? '')).toEqual({ signupId: 'duplicate', error: 'DuplicateUserError' });
    });

    it('waits the scaled Retry delays: a 2 s then 4 s backoff takes about 60 ms at scale 0.01', async () => {
      const began = Date.now();
      await start('signup-timed', { signupId: 'timed', failTimes: 2 });

      const elapsed = Date.now() - began;
      expect(elapsed).toBeGreaterThanOrEqual(55);
      expect(elapsed).toBeLessThan(2000);
    });
  });

  describe('DescribeExecution, ListExecutions and GetExecutionHistory', () => {
    it('lists executions newest first, filtered by status, in pages', async () => {
      await start('list-1', { signupId: 'l1' });
      await start('list-2', { signupId: 'l2', reject: true });
      await start('list-3', { signupId: 'l3' });

      const all = await client.send(new ListExecutionsCommand({ stateMachineArn: ONBOARDING_MACHINE }));
      const failed = await client.send(new ListExecutionsCommand({ stateMachineArn: ONBOARDING_MACHINE, statusFilter: 'FAILED' }));
      const page1 = await client.send(new ListExecutionsCommand({ stateMachineArn: ONBOARDING_MACHINE, maxResults: 2 }));
      const page2 = await client.send(new ListExecutionsCommand({ stateMachineArn: ONBOARDING_MACHINE, maxResults: 2, nextToken: page1.nextToken }));

      expect(all.executions?.map((e) => [e.name, e.status])).toEqual([
        ['list-3', 'SUCCEEDED'],
        ['list-2', 'FAILED'],
        ['list-1', 'SUCCEEDED'],
      ]);
      expect(all.executions?.[0]).toMatchObject({ executionArn: expect.stringContaining(':list-3'), stateMachineArn: ONBOARDING_MACHINE, startDate: expect.any(Date), stopDate: expect.any(Date) });
      expect(failed.executions?.map((e) => e.name)).toEqual(['list-2']);
      expect(page1.executions?.map((e) => e.name)).toEqual(['list-3', 'list-2']);
      expect(page2.executions?.map((e) => e.name)).toEqual(['list-1']);
      expect(page2.nextToken).toBeUndefined();
    });

    it('refuses a paging token of another listing with InvalidToken', async () => {
      await expect(client.send(new ListExecutionsCommand({ stateMachineArn: ONBOARDING_MACHINE, nextToken: 'bm90LWEtdG9rZW4' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    });

    it('describes a running execution as RUNNING, without output or stop date', async () => {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'running', input: '{"x":1}' }));

      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

      expect(described).toMatchObject({ status: 'RUNNING', input: '{"x":1}' });
      expect(described.output).toBeUndefined();
      expect(described.stopDate).toBeUndefined();
    });

    it('refuses an unknown execution with ExecutionDoesNotExist', async () => {
      await expect(
        client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:onboarding:never-started' })),
      ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
      await expect(client.send(new GetExecutionHistoryCommand({ executionArn: 'not-an-arn' }))).rejects.toMatchObject({ name: 'InvalidArn' });
    });

    it('returns the history in the AWS shape: ids, previous ids, timestamps, typed details', async () => {
      const started = await start('history-shape', { signupId: 'h' });

      const events = await historyOf(started.executionArn as string);

      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]).toMatchObject({
        type: 'ExecutionStarted',
        previousEventId: 0,
        timestamp: expect.any(Date),
        executionStartedEventDetails: { input: '{"signupId":"h"}', roleArn: 'arn:aws:iam::000000000000:role/OnboardingRole' },
      });
      expect(events[1]).toMatchObject({ type: 'TaskStateEntered', previousEventId: 1, stateEnteredEventDetails: { name: 'CreateUser', input: '{"signupId":"h"}' } });
      expect(events[2]?.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
      expect(JSON.parse(events[2]?.taskScheduledEventDetails?.parameters ?? '')).toEqual({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:create-user', Payload: { signupId: 'h' } });
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateExited', 'SucceedStateEntered', 'ExecutionSucceeded']),
      );
      const succeeded = events.find((e) => e.type === 'TaskSucceeded');
      expect(JSON.parse(succeeded?.taskSucceededEventDetails?.output ?? '')).toMatchObject({ StatusCode: 200, Payload: { userId: 'u-h' }, ExecutedVersion: '$LATEST' });
      for (let i = 1; i < events.length; i++) expect(events[i]?.timestamp?.getTime()).toBeGreaterThanOrEqual(events[i - 1]?.timestamp?.getTime() ?? Infinity);
    });

    it('pages the history, reverses it, and leaves data out when asked', async () => {
      const started = await start('history-paging', { signupId: 'p' });
      const all = await historyOf(started.executionArn as string);

      const page1 = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 5 }));
      const page2 = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 5, nextToken: page1.nextToken }));
      const reversed = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, maxResults: 1 }));
      const withoutData = await client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, includeExecutionData: false }));

      expect(page1.events?.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
      expect(page2.events?.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
      expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
      expect(withoutData.events).toHaveLength(all.length);
      expect(withoutData.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
      expect(withoutData.events?.[0]?.executionStartedEventDetails?.roleArn).toBe('arn:aws:iam::000000000000:role/OnboardingRole');
    });
  });

  describe('state machines', () => {
    it('lists the state machines and describes one with its definition as JSON text', async () => {
      const listed = await client.send(new ListStateMachinesCommand({}));
      const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: ONBOARDING_MACHINE }));

      expect(listed.stateMachines?.map((m) => [m.name, m.type])).toEqual([
        ['echo', 'EXPRESS'],
        ['hang', 'STANDARD'],
        ['onboarding', 'STANDARD'],
      ]);
      expect(described).toMatchObject({ name: 'onboarding', status: 'ACTIVE', type: 'STANDARD', roleArn: 'arn:aws:iam::000000000000:role/OnboardingRole', creationDate: expect.any(Date) });
      expect(JSON.parse(described.definition ?? '')).toEqual(onboardingDefinition);
    });

    it('runs an Express machine synchronously with StartSyncExecution', async () => {
      // StartSyncExecution goes to the `sync-` host on AWS; a local endpoint has no such host.
      const syncClient = new SFNClient({ ...clientConfig(endpoint), disableHostPrefix: true });

      const result = await syncClient.send(new StartSyncExecutionCommand({ stateMachineArn: stateMachineArn('echo'), input: '{"hello":"world"}' }));
      syncClient.destroy();

      expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"hello":"world"}' });
      expect(result.executionArn).toMatch(/:express:echo:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    });
  });

  describe('StopExecution', () => {
    it('aborts a running execution with the given error and cause', async () => {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'to-stop', input: '{}' }));

      await client.send(new StopExecutionCommand({ executionArn: started.executionArn, error: 'Operator', cause: 'testing' }));
      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      const events = await historyOf(started.executionArn as string);

      expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'testing', stopDate: expect.any(Date) });
      expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator', cause: 'testing' } });
    });

    it('ends the history at ExecutionAborted even when the stopped task answers afterwards', async () => {
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: HANG_MACHINE, name: 'stopped-then-answered', input: '{}' }));
      await client.send(new StopExecutionCommand({ executionArn: started.executionArn }));

      await fakes.release();
      const events = await historyOf(started.executionArn as string);

      expect(events.at(-1)?.type).toBe('ExecutionAborted');
      expect(events.map((e) => e.type)).not.toContain('LambdaFunctionSucceeded');
      await expect(client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }))).resolves.toMatchObject({ status: 'ABORTED' });
    });
  });

  describe('close', () => {
    it('stops executions that do not finish in time, recording them as ABORTED, and refuses new starts', async () => {
      const quick = createStepFunctionsService({ model: withHangMachine(), invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents, closeTimeoutMs: 20 });
      const started = await quick.startExecution(HANG_MACHINE, 'left-running', {});

      await quick.close();

      await expect(quick.describeExecution(started.executionArn)).resolves.toMatchObject({ status: 'ABORTED', error: 'LocalCloudShutdown' });
      await expect(quick.startExecution(HANG_MACHINE, 'after-close', {})).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    });
  });
});
