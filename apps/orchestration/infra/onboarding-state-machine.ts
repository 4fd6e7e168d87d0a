/**
 * The onboarding state machine: a Standard workflow (exactly-once steps, named executions kept for
 * 90 days, redrive), with X-Ray tracing and every execution event logged.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { acknowledgeNag } from '@onboarding/cdk-constructs';
import { Construct } from 'constructs';
import { buildOnboardingDefinition, type StepFunctions } from './onboarding-definition';

/** Props of {@link OnboardingStateMachine}. */
export interface OnboardingStateMachineProps {
  /** The team functions of the six steps (imported from their SSM parameters). */
  readonly functions: StepFunctions;
  /** The bus the UserOnboarded / UserOnboardingFailed events go to. */
  readonly eventBus: IEventBus;
  /** Retention of the execution log. @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
}

/** The onboarding workflow with its log group. */
export class OnboardingStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: OnboardingStateMachineProps) {
    super(scope, id);

    // The /aws/vendedlogs/ prefix keeps Step Functions' log delivery from growing the account's
    // CloudWatch Logs resource policy (which has a size limit) with one entry per log group.
    this.logGroup = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: '/aws/vendedlogs/states/onboarding',
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'Resource', {
      comment: 'Onboards one signup: user, welcome email, storage, team notification; compensates on failure.',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(buildOnboardingDefinition(this, props)),
      tracingEnabled: true,
      logs: {
        destination: this.logGroup,
        level: LogLevel.ALL,
        // The state data carries the email address and the name (the input is the UserSignup
        // detail). Log lines are read far more widely than the execution history, so the log
        // gets state names, transitions, errors and timings only; the data stays in the
        // execution history, where Step Functions' own access control guards it.
        includeExecutionData: false,
      },
    });

    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeNag(
        policy,
        'AwsSolutions-IAM5[Resource::*]',
        'Log delivery (logs:CreateLogDelivery etc.) and X-Ray (xray:PutTraceSegments etc.) support no resource-level permissions; AWS documents Resource "*" for them.',
      );
      // LambdaInvoke grants each function's qualified ARNs too (`<arn>:*`: its versions and
      // aliases). The wildcard stays inside the six imported functions.
      for (const fn of Object.values(props.functions)) {
        const arn = Stack.of(this).resolve(fn.functionArn) as { Ref?: string };
        if (arn.Ref) {
          acknowledgeNag(policy, `AwsSolutions-IAM5[Resource::<${arn.Ref}>:*]`, "Versions and aliases of one team function imported by ARN; no other function matches.");
        }
      }
    }
  }
}
