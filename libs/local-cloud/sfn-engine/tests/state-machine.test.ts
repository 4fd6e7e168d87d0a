/**
 * The library's API as a team's test uses it: building a machine (and being refused), running
 * executions in virtual time, stopping them, task tokens, and what the invoker port receives.
 */
import { InvalidDefinitionError, StateMachine, TaskCallbackError, TaskFailure, TaskTokenRegistry, VirtualClock, type TaskRequest } from '../src';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('StateMachine', () => {
  it('refuses an invalid definition with AWS-style diagnostics naming the state and field', () => {
    let error: unknown;
    try {
      new StateMachine({ QueryLanguage: 'JSONata', StartAt: 'Greet', States: { Greet: { Type: 'Pass', Output: '{% $states.input.name & %}', End: true } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    const refused = error as InvalidDefinitionError;
    expect(refused.code).toBe('InvalidDefinition');
    expect(refused.diagnostics).toEqual([expect.objectContaining({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/States/Greet/Output' })]);
    expect(refused.message).toMatch(/^Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The JSONata expression '\$states\.input\.name &' specified for the field 'Output' is not valid: .* at \/States\/Greet\/Output'$/);
  });

  it('accepts a definition given as JSON text', async () => {
    const machine = new StateMachine(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } }));
    expect((await machine.run()).output).toBe(1);
  });

  it('refuses a Distributed Map it cannot run faithfully, naming the state and field', () => {
    const definition = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    };
    expect(() => new StateMachine(definition)).toThrow(/UNSUPPORTED_FEATURE: The state 'M' uses ItemReader.* at \/States\/M\/ItemReader/);
  });

  it('names executions after their machine’s ARN', async () => {
    const custom = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { arn: 'arn:aws:states:us-west-2:000000000000:stateMachine:Local' });
    expect(custom.startExecution({}, { name: 'e1' }).arn).toBe('arn:aws:states:us-west-2:000000000000:execution:Local:e1');
    expect([custom.name, custom.region, custom.account]).toEqual(['Local', 'us-west-2', '000000000000']);
  });

  it('names executions and machines with ARNs of the configured region and account', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { name: 'Onboarding', region: 'eu-west-1', account: '111122223333' });
    const execution = machine.startExecution({}, { name: 'signup-42' });
    expect(machine.arn).toBe('arn:aws:states:eu-west-1:111122223333:stateMachine:Onboarding');
    expect(execution.arn).toBe('arn:aws:states:eu-west-1:111122223333:execution:Onboarding:signup-42');
    await execution.result;
  });

  it('never changes the input it was given', async () => {
    const input = { a: { b: 1 } };
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 2, ResultPath: '$.a.c', End: true } } });
    const result = await machine.run(input);
    expect(result.output).toEqual({ a: { b: 1, c: 2 } });
    expect(input).toEqual({ a: { b: 1 } });
  });
});

describe('Task invoker port', () => {
  it('receives the resource, evaluated arguments, state name, retry count, time-outs and context', async () => {
    const requests: TaskRequest[] = [];
    const machine = new StateMachine({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'fn', 'Payload.$': '$' }, TimeoutSeconds: 30, Retry: [{ ErrorEquals: ['Retry.Me'], IntervalSeconds: 1 }], End: true } },
    });
    const result = await machine.run(
      { x: 1 },
      {
        clock: new VirtualClock(),
        taskInvoker: {
          invoke(request) {
            requests.push(request);
            if (requests.length === 1) throw new TaskFailure('Retry.Me', 'once');
            return { Payload: 'done' };
          },
        },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(requests.map((r) => r.retryCount)).toEqual([0, 1]);
    expect(requests[1]).toEqual(
      expect.objectContaining({
        resource: expect.objectContaining({ arn: LAMBDA, kind: 'integration', resourceType: 'lambda', resource: 'invoke', action: 'invoke', pattern: 'request-response' }),
        arguments: { FunctionName: 'fn', Payload: { x: 1 } },
        stateName: 'Call',
        timeoutSeconds: 30,
      }),
    );
    expect(requests[1]?.context.State).toEqual(expect.objectContaining({ Name: 'Call', RetryCount: 1 }));
    expect(requests[1]?.signal.aborted).toBe(false);
  });

  it('fails a task with the name of a thrown error, or States.TaskFailed for a plain Error', async () => {
    const machine = new StateMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: LAMBDA, End: true } } });
    const named = await machine.run({}, { taskInvoker: { invoke: () => Promise.reject(Object.assign(new Error('no table'), { name: 'ResourceNotFoundException' })) } });
    const plain = await machine.run({}, { taskInvoker: { invoke: () => Promise.reject(new Error('broken')) } });
    expect([named.error, named.cause]).toEqual(['ResourceNotFoundException', 'no table']);
    expect([plain.error, plain.cause]).toEqual(['States.TaskFailed', 'broken']);
  });

  it('fails every task when no invoker is given, instead of hanging', async () => {
    const machine = new StateMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: LAMBDA, End: true } } });
    const result = await machine.run();
    expect(result.status).toBe('FAILED');
    expect(result.cause).toMatch(/No TaskInvoker/);
  });

  it('aborts the running task when it times out', async () => {
    let signal: AbortSignal | undefined;
    const machine = new StateMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 5, End: true } } });
    const result = await machine.run({}, { clock: new VirtualClock(), taskInvoker: { invoke: (r) => ((signal = r.signal), new Promise(() => undefined)) } });
    expect(result.error).toBe('States.Timeout');
    expect(signal?.aborted).toBe(true);
  });
});

describe('Execution.stop (StopExecution)', () => {
  it('ends a running execution as ABORTED with the given error and cause, and aborts its task', async () => {
    let signal: AbortSignal | undefined;
    const machine = new StateMachine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: LAMBDA, End: true } } });
    let started!: () => void;
    const invoked = new Promise<void>((resolve) => (started = resolve));
    const execution = machine.startExecution({}, { taskInvoker: { invoke: (r) => ((signal = r.signal), started(), new Promise(() => undefined)) } });
    await invoked;
    execution.stop({ error: 'Operator', cause: 'stopped by hand' });
    const result = await execution.result;
    expect(result).toEqual(expect.objectContaining({ status: 'ABORTED', error: 'Operator', cause: 'stopped by hand' }));
    expect(execution.status).toBe('ABORTED');
    expect(signal?.aborted).toBe(true);
    expect(result.history.at(-1)).toEqual(expect.objectContaining({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Operator', cause: 'stopped by hand' } }));
  });

  it('does nothing to an execution that has ended', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const execution = machine.startExecution();
    const result = await execution.result;
    execution.stop();
    expect(execution.status).toBe('SUCCEEDED');
    expect(result.history.map((e) => e.type).at(-1)).toBe('ExecutionSucceeded');
  });

  it('stops a workflow that loops through Pass and Choice states without waiting', async () => {
    const machine = new StateMachine({ StartAt: 'Loop', States: { Loop: { Type: 'Pass', Next: 'Again' }, Again: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Loop' }, Done: { Type: 'Succeed' } } });
    const execution = machine.startExecution({});
    setImmediate(() => execution.stop());
    const result = await execution.result;
    expect(result.status).toBe('ABORTED');
  });
});

describe('task tokens (.waitForTaskToken)', () => {
  const definition = {
    StartAt: 'Approve',
    States: { Approve: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken', Parameters: { Entries: [{ Detail: { 'token.$': '$$.Task.Token' } }] }, HeartbeatSeconds: 60, TimeoutSeconds: 3600, End: true } },
  };

  async function started(tokens: TaskTokenRegistry, clock = new VirtualClock()) {
    const machine = new StateMachine(definition);
    let sent!: (token: string) => void;
    const token = new Promise<string>((resolve) => (sent = resolve));
    const execution = machine.startExecution({}, { clock, taskTokens: tokens, taskInvoker: { invoke: (r) => sent((r.arguments as { Entries: { Detail: { token: string } }[] }).Entries[0]?.Detail.token as string) } });
    return { execution, token: await token, clock };
  }

  it('completes the task with the output sent back through SendTaskSuccess', async () => {
    const tokens = new TaskTokenRegistry();
    const { execution, token } = await started(tokens);
    expect(tokens.pendingTokens).toEqual([token]);
    tokens.sendTaskSuccess(token, '{"approved":true}');
    const result = await execution.result;
    expect(result.output).toEqual({ approved: true });
    expect(result.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('fails the task with the error sent through SendTaskFailure', async () => {
    const tokens = new TaskTokenRegistry();
    const { execution, token } = await started(tokens);
    tokens.sendTaskFailure(token, 'Rejected', 'by a reviewer');
    expect(await execution.result).toEqual(expect.objectContaining({ status: 'FAILED', error: 'Rejected', cause: 'by a reviewer' }));
  });

  it('keeps a task alive while heartbeats arrive, and fails it when they stop', async () => {
    const tokens = new TaskTokenRegistry();
    const clock = new VirtualClock({ autoAdvance: false });
    const { execution, token } = await started(tokens, clock);
    await clock.advance(50_000);
    tokens.sendTaskHeartbeat(token);
    await clock.advance(50_000);
    expect(execution.status).toBe('RUNNING');
    await clock.advance(11_000);
    const result = await execution.result;
    expect(result.error).toBe('States.HeartbeatTimeout');
    expect(() => tokens.sendTaskSuccess(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('refuses callbacks with AWS’s error names', async () => {
    const tokens = new TaskTokenRegistry();
    const { execution, token } = await started(tokens);
    expect(() => tokens.sendTaskSuccess('not-a-token', '{}')).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
    expect(() => tokens.sendTaskSuccess(tokens.newToken(), '{}')).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }));
    expect(() => tokens.sendTaskSuccess(token, '{not json')).toThrow(expect.objectContaining({ code: 'InvalidOutput' }));
    // A refused callback changes nothing: the task still waits and can complete.
    tokens.sendTaskSuccess(token, '"ok"');
    expect((await execution.result).output).toBe('ok');
    expect(() => tokens.sendTaskSuccess(token, '{}')).toThrow(TaskCallbackError);
  });
});

describe('VirtualClock', () => {
  it('runs long waits and back-off in virtual time', async () => {
    const clock = new VirtualClock({ start: new Date('2030-01-01T00:00:00Z') });
    const machine = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86_400 * 365, End: true } } });
    const result = await machine.run({}, { clock });
    expect(result.stopDate.toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  it('moves only when advanced when autoAdvance is off', async () => {
    const clock = new VirtualClock({ autoAdvance: false });
    const machine = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } });
    const execution = machine.startExecution({}, { clock });
    await clock.advance(9_000);
    expect(execution.status).toBe('RUNNING');
    await clock.advance(1_000);
    expect((await execution.result).status).toBe('SUCCEEDED');
  });
});

describe('history', () => {
  it('links events of parallel branches to their branch start', async () => {
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true } } });
    const { history } = await machine.run();
    const started = history.find((e) => e.type === 'ParallelStateStarted');
    const entered = history.filter((e) => e.type === 'PassStateEntered');
    expect(entered.map((e) => e.previousEventId)).toEqual([started?.id, started?.id]);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
  });

  it('streams each event to onHistoryEvent as it is written', async () => {
    const seen: string[] = [];
    const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    await machine.run({}, { onHistoryEvent: (e) => seen.push(e.type) });
    expect(seen).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('fails an execution whose state output exceeds 256 KiB with States.DataLimitExceeded', async () => {
    const machine = new StateMachine({ QueryLanguage: 'JSONata', StartAt: 'Big', States: { Big: { Type: 'Pass', Output: "{% $join($map($range(1, 1000, 1), function($i) { $pad('', 300, 'x') }), '') %}", End: true } } });
    const result = await machine.run();
    expect(result.error).toBe('States.DataLimitExceeded');
  });
});

describe('StartExecution input checks', () => {
  const machine = new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

  it('refuses an input that is not JSON, starting nothing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => machine.startExecution(cyclic)).toThrow(expect.objectContaining({ code: 'InvalidExecutionInput' }));
  });

  it('refuses an input over 256 KiB', () => {
    expect(() => machine.startExecution({ big: 'x'.repeat(262_144) })).toThrow(expect.objectContaining({ code: 'InvalidExecutionInput' }));
  });

  it('refuses an execution name StartExecution would refuse', () => {
    expect(() => machine.startExecution({}, { name: 'has space' })).toThrow(expect.objectContaining({ code: 'InvalidName' }));
    expect(() => machine.startExecution({}, { name: 'x'.repeat(81) })).toThrow(expect.objectContaining({ code: 'InvalidName' }));
  });
});

describe('task events by resource kind', () => {
  it('writes TaskSubmitted when a .sync invoker reports the job started', async () => {
    const machine = new StateMachine({ StartAt: 'Child', States: { Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child' }, End: true } } });
    const result = await machine.run({}, { taskInvoker: { invoke: (r) => (r.submitted({ ExecutionArn: 'arn:child-execution' }), { Output: { done: true } }) } });
    expect(result.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(result.history[4]).toEqual(expect.objectContaining({ taskSubmittedEventDetails: { resourceType: 'states', resource: 'startExecution.sync:2', output: '{"ExecutionArn":"arn:child-execution"}', outputDetails: { truncated: false } } }));
  });

  it('writes Activity events for an activity ARN', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:activity:review';
    const machine = new StateMachine({ StartAt: 'Review', States: { Review: { Type: 'Task', Resource: arn, TimeoutSeconds: 60, End: true } } });
    const result = await machine.run({ doc: 1 }, { taskInvoker: { invoke: () => ({ approved: true }) } });
    expect(result.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(result.history[2]?.activityScheduledEventDetails).toEqual({ resource: arn, input: '{"doc":1}', inputDetails: { truncated: false }, timeoutInSeconds: 60 });
  });
});
