/**
 * How the local integrations report failures to the state machine: the error names a Retry or a
 * Catch sees, and the history events of a task that times out. Run through the service (no HTTP):
 * the wire protocol has its own tests.
 */
import type { CloudModel, StateMachineModel } from '../../src/model';
import { createStepFunctionsService, UnsupportedDefinitionError } from '../../src/stepfunctions';
import { fakeBoundaries } from './fake-functions';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:probe';

/** One Task state whose error, if any, is caught and returned as the output. */
function probe(task: Record<string, unknown>): CloudModel {
  const machine: StateMachineModel = {
    app: 'test',
    stackName: 'TestStack',
    logicalId: 'Probe',
    name: 'probe',
    arn: ARN,
    type: 'STANDARD',
    definition: {
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', ...task, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    },
  };
  return { functions: [], tables: [], buckets: [], queues: [], buses: [], rules: [], stateMachines: [machine], httpRoutes: [], secrets: [], ssmParameters: [], roles: {} };
}

async function run(model: CloudModel, input: object = {}, options: { failPutEvents?: boolean } = {}) {
  const fakes = fakeBoundaries(options);
  const service = createStepFunctionsService({ model, invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents, retryDelayScale: 0 });
  const { executionArn } = await service.startExecution(ARN, undefined, input);
  const execution = await service.waitForExecution(executionArn);
  const { events } = await service.history(executionArn);
  await service.close();
  return { execution, events, output: execution.output ? JSON.parse(execution.output) : undefined, fakes };
}

describe('the Task integrations', () => {
  it('fails a task with Lambda.Unknown when the function failed without an error type', async () => {
    const { output } = await run(probe({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'crash', 'Payload.$': '$' } }));

    expect(output.Error).toBe('Lambda.Unknown');
    expect(output.Cause).toContain('did not return an error type');
  });

  it('fails a task with Lambda.ResourceNotFoundException when the function does not exist', async () => {
    const { output } = await run(probe({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'missing', 'Payload.$': '$' } }));

    expect(output).toMatchObject({ Error: 'Lambda.ResourceNotFoundException' });
  });

  it('fails a PutEvents task with EventBridge.FailedEntry when the bus refused an entry', async () => {
    const { output, events } = await run(
      probe({ Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 's', DetailType: 'd', Detail: { a: 1 } }] } }),
      {},
      { failPutEvents: true },
    );

    expect(output.Error).toBe('EventBridge.FailedEntry');
    expect(events.find((e) => e.type === 'TaskFailed')?.['taskFailedEventDetails']).toMatchObject({ resourceType: 'events', resource: 'putEvents', error: 'EventBridge.FailedEntry' });
  });

  it('returns the function result itself for a Lambda ARN resource, with LambdaFunction* history events', async () => {
    const { execution, events } = await run(probe({ Resource: 'arn:aws:lambda:us-east-1:000000000000:function:echo' }), { hello: 'world' });

    expect(JSON.parse(execution.output ?? '')).toEqual({ hello: 'world' });
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('times a task out after its TimeoutSeconds with States.Timeout and a TaskTimedOut event', async () => {
    const { output, events } = await run(probe({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'hang' }, TimeoutSeconds: 1 }));

    expect(output.Error).toBe('States.Timeout');
    expect(events.map((e) => e.type)).toContain('TaskTimedOut');
    expect(events.map((e) => e.type)).not.toContain('TaskSucceeded');
  });

  it('refuses to load a state machine it cannot run faithfully', () => {
    const fakes = fakeBoundaries();
    const model = probe({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: {} });

    expect(() => createStepFunctionsService({ model, invokeFunction: fakes.invokeFunction, putEvents: fakes.putEvents })).toThrow(UnsupportedDefinitionError);
  });
});
