/**
 * testState runs one state once, as the TestState API does: output, next state, status
 * (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR) and, at DEBUG, each data-flow stage.
 */
import { InvalidDefinitionError, TaskFailure, testState } from '../src';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('testState', () => {
  it('reports every JSONPath data-flow stage of a Task at DEBUG', async () => {
    const result = await testState({
      definition: { Type: 'Task', Resource: LAMBDA, InputPath: '$.order', Parameters: { 'id.$': '$.id' }, ResultSelector: { 'total.$': '$.Payload.total' }, ResultPath: '$.priced', OutputPath: '$.priced', Next: 'Ship' },
      input: { order: { id: 'o-1' } },
      inspectionLevel: 'DEBUG',
      taskInvoker: { invoke: () => ({ Payload: { total: 42 } }) },
    });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: '{"total":42}',
      nextState: 'Ship',
      inspectionData: {
        input: '{"order":{"id":"o-1"}}',
        afterInputPath: '{"id":"o-1"}',
        afterParameters: '{"id":"o-1"}',
        result: '{"Payload":{"total":42}}',
        afterResultSelector: '{"total":42}',
        afterResultPath: '{"order":{"id":"o-1"},"priced":{"total":42}}',
        variables: '{}',
      },
    });
  });

  it('evaluates JSONata with the given variables and reports the assignment', async () => {
    const result = await testState({
      definition: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.n * $factor %}', Assign: { seen: '{% $states.input.n %}' }, End: true },
      input: { n: 2 },
      variables: { factor: 10 },
      inspectionLevel: 'DEBUG',
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toBe('20');
    expect(result.nextState).toBeUndefined();
    expect(JSON.parse(result.inspectionData?.variables ?? '{}')).toEqual({ factor: 10, seen: 2 });
  });

  it('reports RETRIABLE instead of retrying an error a Retrier matches', async () => {
    let calls = 0;
    const result = await testState({
      definition: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Throttled'] }], End: true },
      taskInvoker: { invoke: () => (calls++, Promise.reject(new TaskFailure('Throttled', 'slow down'))) },
    });
    expect(result).toEqual({ status: 'RETRIABLE', error: 'Throttled', cause: 'slow down' });
    expect(calls).toBe(1);
  });

  it('reports CAUGHT_ERROR with the Catcher’s output and Next', async () => {
    const result = await testState({
      definition: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }], End: true },
      input: { a: 1 },
      taskInvoker: { invoke: () => Promise.reject(new TaskFailure('Boom', 'bad')) },
    });
    expect(result).toEqual({ status: 'CAUGHT_ERROR', output: '{"a":1,"error":{"Error":"Boom","Cause":"bad"}}', error: 'Boom', cause: 'bad', nextState: 'Recover' });
  });

  it('reports FAILED with the error and cause', async () => {
    const result = await testState({ definition: { Type: 'Fail', Error: 'Nope', Cause: 'because' } });
    expect(result).toEqual({ status: 'FAILED', error: 'Nope', cause: 'because' });
  });

  it('names the Choice Rule’s target as the next state', async () => {
    const result = await testState({ definition: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' }], Default: 'Small' }, input: { n: 3 } });
    expect(result.nextState).toBe('Big');
  });

  it('does not wait in a Wait state', async () => {
    const result = await testState({ definition: { Type: 'Wait', Seconds: 86_400, Next: 'After' } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: '{}', nextState: 'After' });
  });

  it('refuses an invalid state naming the field, and Map and Parallel states', async () => {
    await expect(testState({ definition: { Type: 'Pass', InputPath: 'bad', End: true } })).rejects.toThrow(/at \/InputPath/);
    await expect(testState({ definition: { Type: 'Parallel', Branches: [], End: true } })).rejects.toThrow(InvalidDefinitionError);
  });
});
