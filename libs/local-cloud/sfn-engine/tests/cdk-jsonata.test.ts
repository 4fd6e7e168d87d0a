/**
 * What CDK's JSONata state classes synthesize (the way the orchestration team will write its state
 * machine) validates and runs on the engine: variables through Lambda, Parallel, Map, Choice,
 * EventBridge and a Catch that assigns the error.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { StateMachine, TaskFailure, validateDefinition, VirtualClock, type TaskRequest } from '../src';

type Template = { Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }> };

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(render).join(join[0]);
  if ((value as { Ref?: string }).Ref === 'AWS::Partition') return 'aws';
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
}

function synthesize(): string {
  const app = new App();
  const stack = new Stack(app, 'Probe', { env: { account: '123456789012', region: 'us-east-1' } });
  const createUser = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:create-user');
  const bus = events.EventBus.fromEventBusArn(stack, 'Bus', 'arn:aws:events:us-east-1:123456789012:event-bus/onboarding');
  const init = sfn.Pass.jsonata(stack, 'Init', { assign: { signupId: '{% $states.input.signupId %}' } });
  const invoke = tasks.LambdaInvoke.jsonata(stack, 'CreateUser', {
    lambdaFunction: createUser,
    payload: sfn.TaskInput.fromObject({ signupId: '{% $signupId %}' }),
    outputs: '{% $states.result.Payload %}',
    assign: { userId: '{% $states.result.Payload.userId %}' },
    taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
  });
  const failed = sfn.Fail.jsonata(stack, 'Failed', { error: 'OnboardingFailed', cause: '{% $error.Cause %}' });
  invoke.addCatch(failed, { errors: ['States.ALL'], assign: { error: '{% $states.errorOutput %}' } });
  const both = sfn.Parallel.jsonata(stack, 'Both', { outputs: '{% $states.result %}' });
  both.branch(sfn.Pass.jsonata(stack, 'EchoUser', { outputs: '{% $userId %}' }));
  both.branch(sfn.Wait.jsonata(stack, 'Pause', { time: sfn.WaitTime.duration(Duration.seconds(60)) }));
  const each = sfn.Map.jsonata(stack, 'Each', { items: sfn.ProvideItems.jsonata('{% [1, 2, 3] %}'), maxConcurrency: 2, outputs: '{% $sum($states.result) %}' });
  each.itemProcessor(sfn.Pass.jsonata(stack, 'Double', { outputs: '{% $states.input * 2 %}' }));
  const publish = tasks.EventBridgePutEvents.jsonata(stack, 'Publish', {
    entries: [{ detail: sfn.TaskInput.fromObject({ signupId: '{% $signupId %}', total: '{% $states.input %}' }), detailType: 'UserOnboarded', source: 'onboarding.orchestration', eventBus: bus }],
  });
  const check = sfn.Choice.jsonata(stack, 'Check').when(sfn.Condition.jsonata("{% $userId = 'u-1' %}"), publish).otherwise(failed);
  publish.next(sfn.Succeed.jsonata(stack, 'Done'));
  new sfn.StateMachine(stack, 'Machine', { queryLanguage: sfn.QueryLanguage.JSONATA, definitionBody: sfn.DefinitionBody.fromChainable(init.next(invoke).next(both).next(each).next(check)) });
  const template = app.synth().getStackByName('Probe').template as Template;
  const machine = Object.values(template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  return render(machine?.Properties.DefinitionString);
}

describe("CDK's JSONata state classes", () => {
  const definition = synthesize();

  it('synthesize a definition the validator accepts', () => {
    expect(validateDefinition(definition)).toEqual({ result: 'OK', diagnostics: [], truncated: false });
  });

  it('run to the end, carrying variables through every state type', async () => {
    const requests: TaskRequest[] = [];
    const machine = new StateMachine(definition);
    const result = await machine.run(
      { signupId: 's-1' },
      {
        clock: new VirtualClock(),
        taskInvoker: {
          invoke(request) {
            requests.push(request);
            return request.resource.action === 'invoke' ? { StatusCode: 200, Payload: { userId: 'u-1' } } : { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };
          },
        },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(requests.map((r) => r.arguments)).toEqual([
      { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:create-user', Payload: { signupId: 's-1' } },
      { Entries: [{ Detail: { signupId: 's-1', total: 12 }, DetailType: 'UserOnboarded', EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/onboarding', Source: 'onboarding.orchestration' }] },
    ]);
  });

  it('fail through the Catch that assigns the error, with its cause', async () => {
    const machine = new StateMachine(definition);
    const result = await machine.run({ signupId: 's-2' }, { clock: new VirtualClock(), taskInvoker: { invoke: () => Promise.reject(new TaskFailure('DuplicateUserError', 'already there')) } });
    expect(result).toEqual(expect.objectContaining({ status: 'FAILED', error: 'OnboardingFailed', cause: 'already there' }));
  });
});
