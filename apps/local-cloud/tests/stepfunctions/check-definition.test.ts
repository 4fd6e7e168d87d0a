import { checkDefinition, InvalidDefinitionError, UnsupportedDefinitionError } from '../../src/stepfunctions';
import { onboardingDefinition } from '../eventbridge/small-cloud';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:step';

/** A one-state machine around the given state. */
function machineWith(state: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { StartAt: 'Step', States: { Step: { End: true, ...state } }, ...extra };
}

function refusal(definition: unknown): UnsupportedDefinitionError | InvalidDefinitionError {
  try {
    checkDefinition(definition, 'onboarding');
  } catch (error) {
    if (error instanceof UnsupportedDefinitionError || error instanceof InvalidDefinitionError) return error;
    throw error;
  }
  throw new Error('the definition was accepted');
}

describe('checkDefinition', () => {
  it('accepts the JSONPath onboarding machine with Retry, Catch, Parallel, lambda:invoke and events:putEvents', () => {
    expect(() => checkDefinition(onboardingDefinition, 'onboarding')).not.toThrow();
  });

  it('accepts a Lambda function ARN as a Task resource, and the execution name from the context object', () => {
    const definition = machineWith({ Type: 'Task', Resource: `${LAMBDA}:live`, Parameters: { 'name.$': '$$.Execution.Name', 'sm.$': '$$.StateMachine.Id' } });

    expect(() => checkDefinition(definition, 'onboarding')).not.toThrow();
  });

  it('refuses JSONata at the top level, naming the state machine', () => {
    const error = refusal(machineWith({ Type: 'Pass' }, { QueryLanguage: 'JSONata' }));

    expect(error).toBeInstanceOf(UnsupportedDefinitionError);
    expect(error.message).toContain('State machine onboarding');
    expect(error.message).toContain('JSONata');
  });

  it.each([
    ['JSONata on the state', { Type: 'Pass', QueryLanguage: 'JSONata' }, 'JSONata'],
    ['Assign', { Type: 'Pass', Assign: { x: 1 } }, 'Assign'],
    ['Arguments', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: LAMBDA } }, 'Arguments'],
    ['Output', { Type: 'Pass', Output: '{% $states.input %}' }, 'Output'],
    ['a variable reference', { Type: 'Pass', Parameters: { 'x.$': '$myVariable.field' } }, 'variable'],
    ['an unsupported service integration', { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: {} }, 'dynamodb:putItem'],
    ['an AWS SDK integration', { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets' }, 'aws-sdk:s3:listBuckets'],
    ['the callback pattern', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: LAMBDA } }, 'waitForTaskToken'],
    ['heartbeats', { Type: 'Task', Resource: LAMBDA, HeartbeatSeconds: 10 }, 'HeartbeatSeconds'],
    ['lambda:invoke without FunctionName', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { Payload: {} } }, 'FunctionName'],
    ['the task token', { Type: 'Task', Resource: LAMBDA, Parameters: { 'token.$': '$$.Task.Token' } }, '$$.Task.Token'],
    ['the state name from the context', { Type: 'Pass', Parameters: { 'n.$': '$$.State.Name' } }, '$$.State.Name'],
  ])('refuses %s, naming the state', (_, state, feature) => {
    const error = refusal(machineWith(state));

    expect(error).toBeInstanceOf(UnsupportedDefinitionError);
    expect(error).toMatchObject({ stateMachineName: 'onboarding', stateName: 'Step' });
    expect(error.message).toContain(feature);
  });

  it('refuses a Distributed Map', () => {
    const error = refusal(
      machineWith({
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
      }),
    );

    expect(error.message).toContain('Distributed Map');
  });

  it('refuses the execution input from the context inside a Parallel branch, naming the nested state', () => {
    const definition = machineWith({
      Type: 'Parallel',
      Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: { 'original.$': '$$.Execution.Input' }, End: true } } }],
    });

    const error = refusal(definition);

    expect(error).toMatchObject({ stateName: 'Inner' });
    expect(error.message).toContain('$$.Execution.Input');
  });

  it('accepts the Map item from the context in the ItemSelector of an inline Map', () => {
    const definition = machineWith({
      Type: 'Map',
      ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value' },
      ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    });

    expect(() => checkDefinition(definition, 'onboarding')).not.toThrow();
  });

  it('does not mistake a literal dollar in an intrinsic function argument for a variable', () => {
    const definition = machineWith({ Type: 'Pass', Parameters: { 'text.$': "States.Format('costs $5, {}', $.who)" } });

    expect(() => checkDefinition(definition, 'onboarding')).not.toThrow();
  });

  it('refuses a transition to a state that does not exist', () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } };

    const error = refusal(definition);

    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect(error).toMatchObject({ stateName: 'A' });
    expect(error.message).toContain('Nowhere');
  });

  it('refuses a branch that jumps to a state outside the branch', () => {
    const definition = {
      StartAt: 'Fork',
      States: {
        Fork: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Next: 'After' } } }], Next: 'After' },
        After: { Type: 'Succeed' },
      },
    };

    expect(refusal(definition)).toMatchObject({ name: 'InvalidDefinitionError', stateName: 'Inner' });
  });

  it('refuses a state with neither Next nor End', () => {
    expect(refusal({ StartAt: 'A', States: { A: { Type: 'Pass' } } })).toMatchObject({ name: 'InvalidDefinitionError', stateName: 'A' });
  });
});
