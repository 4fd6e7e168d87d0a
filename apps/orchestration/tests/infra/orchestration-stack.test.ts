import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserSignupV1 } from '@onboarding/contract-user-signup-v1';
import { EVENT_BUS_NAME, stepErrorNames } from '@onboarding/events';
import { functionArnParameterName } from '@onboarding/cdk-constructs';
import { crossStackReferences, iamStatements, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { StateNames } from '../../infra/onboarding-definition';
import { LAMBDA_TRANSIENT_ERRORS } from '../../infra/retry-policies';
import { OrchestrationParameters, OrchestrationStack, STEP_OWNERS } from '../../infra/orchestration-stack';
import { STEP_CONTRACTS, type StepName } from '../../infra/step-contracts';
import { placeholderFunctionArn, renderDefinition, type TemplateJson } from '../../infra/render-definition';
import { allStates, type AnyState } from '../support/definition-walk';

// Synthesizing runs cdk-nag: an unacknowledged finding throws here, so every test below also
// asserts that cdk-nag passes.
const app = testApp();
const stack = new OrchestrationStack(app, 'OnboardingOrchestration');
const template: Template = synthTemplate(app, stack);
const json = template.toJSON() as TemplateJson & Record<string, unknown>;
const definition = renderDefinition(json);
const states = allStates(definition);

function state(name: string): AnyState {
  const found = states[name];
  if (!found) throw new Error(`No state ${name} in the definition`);
  return found;
}

const forwardSteps = ['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam'] as const satisfies readonly StepName[];
const compensationSteps = ['DeleteUserStorage', 'DeleteUser'] as const satisfies readonly StepName[];
const ssmParameterLogicalIds = Object.entries(json.Parameters ?? {})
  .filter(([, p]) => typeof p.Default === 'string' && p.Default.startsWith('/onboarding/'))
  .map(([id]) => id);

describe('OrchestrationStack', () => {
  describe('event bus', () => {
    it('creates the bus named as the contracts say', () => {
      template.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
    });

    it('archives every event of the bus for 30 days', () => {
      template.hasResourceProperties('AWS::Events::Archive', {
        SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventBus'), 'Arn'] },
        EventPattern: { source: [{ prefix: '' }] },
        RetentionDays: 30,
      });
    });
  });

  describe('UserSignup rule', () => {
    it('matches UserSignup events of the versions the orchestration reads (v1 and v2), on the onboarding bus', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: Match.stringLikeRegexp('^EventBus') },
        EventPattern: { source: [UserSignupV1.source], 'detail-type': [UserSignupV1.detailType], detail: { version: ['1', '2'] } },
      });
    });

    it('targets StartOnboarding with a dead-letter queue and a retry policy', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StartOnboarding[0-9A-F]{8}$'), 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UserSignupRuleDeadLetters'), 'Arn'] } },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
          }),
        ],
      });
    });

    it('encrypts every dead-letter queue and refuses plain HTTP to it', () => {
      const queues = template.findResources('AWS::SQS::Queue');
      expect(Object.keys(queues)).toHaveLength(2);
      for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      for (const logicalId of Object.keys(queues)) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: logicalId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('sends the failed asynchronous invocations of StartOnboarding to a queue after two retries', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: Match.stringLikeRegexp('^StartOnboarding[0-9A-F]{8}$') },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StartOnboardingFailures'), 'Arn'] } } },
      });
    });
  });

  describe('StartOnboarding function', () => {
    it('knows the state machine ARN and may start executions of it only', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ STATE_MACHINE_ARN: { Ref: Match.stringLikeRegexp('^OnboardingStateMachine') } }) },
      });
      const starts = iamStatements(template).filter((s) => s.actions.includes('states:StartExecution'));
      expect(starts).toEqual([expect.objectContaining({ resources: [{ Ref: expect.stringMatching(/^OnboardingStateMachine[0-9A-F]{8}$/) }] })]);
    });
  });

  describe('cross-team wiring', () => {
    it('reads the six team functions from SSM parameters resolved at deploy time', () => {
      const expected = Object.entries(STEP_OWNERS).map(([step, service]) => functionArnParameterName(service, step));
      const parameters = Object.values(json.Parameters ?? {}).filter((p) => typeof p.Default === 'string' && p.Default.startsWith('/onboarding/'));

      expect(parameters.map((p) => p.Default).sort()).toEqual([...expected].sort());
      for (const parameter of parameters) expect(parameter.Type).toBe('AWS::SSM::Parameter::Value<String>');
    });

    it('imports nothing through CloudFormation exports, and exports nothing', () => {
      expect(crossStackReferences(template)).toEqual([]);
    });

    it('publishes the state machine ARN and the bus ARN as SSM parameters', () => {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: OrchestrationParameters.stateMachineArn,
        Type: 'String',
        Value: { Ref: Match.stringLikeRegexp('^OnboardingStateMachine') },
      });
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: OrchestrationParameters.eventBusArn,
        Type: 'String',
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventBus'), 'Arn'] },
      });
    });
  });

  describe('state machine', () => {
    it('is a Standard workflow with X-Ray tracing and every event logged without execution data', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      });
    });

    it('uses JSONPath only: no JSONata, Assign or Variables anywhere', () => {
      const text = JSON.stringify(definition);
      expect(text).not.toMatch(/JSONata|"Assign"|"Arguments"|"Output"|\{%/);
      expect((definition as { QueryLanguage?: string }).QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    });

    it('uses only the lambda:invoke and events:putEvents integrations', () => {
      const resources = new Set(Object.values(states).flatMap((s) => (s.Type === 'Task' ? [s.Resource] : [])));
      expect([...resources].sort()).toEqual(['arn:aws:states:::events:putEvents', 'arn:aws:states:::lambda:invoke']);
    });

    it("invokes each step's own team function, imported from its SSM parameter", () => {
      for (const [step, service] of Object.entries(STEP_OWNERS)) {
        expect(state(step).Parameters?.['FunctionName']).toBe(placeholderFunctionArn(service, step));
      }
    });

    it.each(forwardSteps)('retries %s on its retryable errors with exponential backoff and full jitter', (step) => {
      const retry = state(step).Retry ?? [];
      const own = retry.find((r) => r.ErrorEquals.includes(stepErrorNames(STEP_CONTRACTS[step]).retryable[0] as string));

      expect(own?.ErrorEquals.sort()).toEqual([...stepErrorNames(STEP_CONTRACTS[step]).retryable].sort());
      expect(own).toMatchObject({ JitterStrategy: 'FULL', BackoffRate: 2, IntervalSeconds: 1, MaxAttempts: 4, MaxDelaySeconds: 20 });
    });

    it.each([...forwardSteps, ...compensationSteps])("retries %s on Lambda's transient errors with full jitter and a delay cap", (step) => {
      const lambda = (state(step).Retry ?? []).find((r) => r.ErrorEquals.includes('Lambda.ServiceException'));

      expect(lambda?.ErrorEquals.sort()).toEqual([...LAMBDA_TRANSIENT_ERRORS].sort());
      expect(lambda).toMatchObject({ JitterStrategy: 'FULL', BackoffRate: 2 });
      expect(lambda?.MaxDelaySeconds).toBeGreaterThan(0);
      expect(state(step).TimeoutSeconds).toBe(30);
    });

    it.each(forwardSteps)('never retries the permanent errors of %s', (step) => {
      const retried = (state(step).Retry ?? []).flatMap((r) => r.ErrorEquals);

      for (const permanent of stepErrorNames(STEP_CONTRACTS[step]).permanent) expect(retried).not.toContain(permanent);
      expect(retried).not.toContain('States.ALL');
    });

    it.each(compensationSteps)('retries the compensation step %s longer, stopping only on its permanent errors', (step) => {
      const [first, ...rest] = state(step).Retry ?? [];

      expect(first).toEqual({ ErrorEquals: stepErrorNames(STEP_CONTRACTS[step]).permanent, MaxAttempts: 0 });
      expect(rest.find((r) => r.ErrorEquals.includes(stepErrorNames(STEP_CONTRACTS[step]).retryable[0] as string))?.MaxAttempts).toBeGreaterThanOrEqual(8);
      expect(rest.at(-1)).toMatchObject({ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL' });
    });

    it.each([StateNames.PublishUserOnboarded, StateNames.PublishUserOnboardingFailed, StateNames.PublishUserOnboardingFailedUncompensated])(
      'retries %s when EventBridge refuses the entry',
      (name) => {
        expect(state(name).Retry).toEqual([expect.objectContaining({ ErrorEquals: expect.arrayContaining(['EventBridge.FailedEntry']), JitterStrategy: 'FULL' })]);
      },
    );

    it.each([
      [StateNames.CreateUser, StateNames.CreateUserFailed],
      [StateNames.SendWelcomeEmail, StateNames.SendWelcomeEmailFailed],
      [StateNames.CreateUserStorage, StateNames.CreateUserStorageFailed],
      [StateNames.NotifyTeam, StateNames.TeamNotNotified],
      [StateNames.DeleteUserStorage, StateNames.PublishUserOnboardingFailedUncompensated],
      [StateNames.DeleteUser, StateNames.PublishUserOnboardingFailedUncompensated],
    ])('catches every error of %s after its retries and goes to %s', (name, next) => {
      expect(state(name).Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: next })]);
    });

    it('compensates a failed welcome email or storage by deleting the storage, then the user, then publishing the failure', () => {
      expect(state(StateNames.CompensateAfterSendWelcomeEmail).Next).toBe(StateNames.DeleteUserStorage);
      expect(state(StateNames.CompensateAfterCreateUserStorage).Next).toBe(StateNames.DeleteUserStorage);
      expect(state(StateNames.DeleteUserStorage).Next).toBe(StateNames.DeleteUser);
      expect(state(StateNames.DeleteUser).Next).toBe(StateNames.PublishUserOnboardingFailed);
      expect(state(StateNames.PublishUserOnboardingFailed).Next).toBe(StateNames.OnboardingFailed);
      expect(state(StateNames.OnboardingFailed).Type).toBe('Fail');
    });

    it('compensates a failed CreateUser with DeleteUser only', () => {
      expect(state(StateNames.CreateUserFailed).Next).toBe(StateNames.DeleteUser);
    });

    it.each(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'DeleteUserStorage', 'NotifyTeam'] as const)(
      'passes %s exactly the fields of its input contract, the execution name for its logs among them',
      (step) => {
        const payload = state(step).Parameters?.['Payload'] as Record<string, unknown>;

        expect(Object.keys(payload).map((k) => k.replace(/\.\$$/, '')).sort()).toEqual(Object.keys(STEP_CONTRACTS[step].input.shape).sort());
        expect(payload['executionName.$']).toBe('$$.Execution.Name');
      },
    );

    it('passes DeleteUser the payload prepared on each path into it, made of its input contract fields only', () => {
      const fields = Object.keys(STEP_CONTRACTS.DeleteUser.input.shape);
      const prepared = [StateNames.CreateUserFailed, StateNames.CompensateAfterSendWelcomeEmail, StateNames.CompensateAfterCreateUserStorage].map(
        (name) => (state(name).Parameters?.['deleteUser'] ?? {}) as Record<string, unknown>,
      );

      expect(state('DeleteUser').Parameters?.['Payload.$']).toBe('$.failure.deleteUser');
      for (const payload of prepared) {
        const keys = Object.keys(payload).map((k) => k.replace(/\.\$$/, ''));
        expect(keys).toEqual(expect.arrayContaining(['signupId', 'tenantId', 'executionName']));
        expect(payload['executionName.$']).toBe('$$.Execution.Name');
        for (const key of keys) expect(fields).toContain(key);
      }
    });

    it('publishes the outcome events to the onboarding bus with the orchestration source', () => {
      for (const name of [StateNames.PublishUserOnboarded, StateNames.PublishUserOnboardingFailed, StateNames.PublishUserOnboardingFailedUncompensated]) {
        const [entry] = state(name).Parameters?.['Entries'] as Record<string, unknown>[];
        expect(entry).toMatchObject({ Source: 'onboarding.orchestration', EventBusName: `arn:aws:events:us-east-1:123456789012:event-bus/${EVENT_BUS_NAME}` });
        expect((entry?.['Detail'] as Record<string, unknown>)['executionName.$']).toBe('$$.Execution.Name');
      }
    });

    it('never publishes the Cause text of an error, which may quote personal data', () => {
      for (const name of [StateNames.PublishUserOnboardingFailed, StateNames.PublishUserOnboardingFailedUncompensated]) {
        expect(JSON.stringify(state(name).Parameters)).not.toContain('Cause');
      }
    });
  });

  describe('state machine role', () => {
    it('may invoke only the six imported functions (and their versions)', () => {
      const invokes = iamStatements(template).filter((s) => s.actions.some((a) => a.startsWith('lambda:')));
      const resources = invokes.flatMap((s) => s.resources);
      const allowed = ssmParameterLogicalIds.flatMap((id) => [{ Ref: id }, { 'Fn::Join': ['', [{ Ref: id }, ':*']] }]);

      expect(invokes.every((s) => s.actions.length === 1 && s.actions[0] === 'lambda:InvokeFunction')).toBe(true);
      expect(ssmParameterLogicalIds).toHaveLength(6);
      expect(resources).toHaveLength(allowed.length);
      expect(resources).toEqual(expect.arrayContaining(allowed));
    });

    it('may put events only on the onboarding bus', () => {
      const puts = iamStatements(template).filter((s) => s.actions.includes('events:PutEvents'));

      expect(puts).toEqual([expect.objectContaining({ resources: [{ 'Fn::GetAtt': [expect.stringMatching(/^EventBus/), 'Arn'] }] })]);
    });
  });
});
