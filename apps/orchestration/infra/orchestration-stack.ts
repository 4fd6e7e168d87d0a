/**
 * The orchestration stack: the onboarding event bus (with its archive), the state machine, the
 * UserSignup rule and its target function, their dead-letter queues, the dashboard and alarms (with
 * their SNS topic), and the SSM parameters other teams read. Other teams' functions are known only through their SSM parameters, resolved by
 * CloudFormation at deploy time: no export locks another team's stack, and synth needs no account.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus, Match, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { EVENT_BUS_NAME } from '@onboarding/events';
import { AlarmTopic, ServiceFunction, acknowledgeNag, importFunctionArn } from '@onboarding/cdk-constructs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { SIGNUP_VERSIONS } from '../src/signup-versions';
import type { StepFunctions } from './onboarding-definition';
import { OnboardingStateMachine } from './onboarding-state-machine';
import { OrchestrationMonitoring } from './orchestration-monitoring';

/** SSM parameter names this stack publishes. */
export const OrchestrationParameters = {
  stateMachineArn: '/onboarding/orchestration/state-machine/arn',
  eventBusArn: '/onboarding/orchestration/event-bus/arn',
  alarmTopicArn: '/onboarding/orchestration/alarm-topic/arn',
} as const;

/** Which team publishes the function of each step (`/onboarding/<service>/functions/<Step>/arn`). */
export const STEP_OWNERS = {
  CreateUser: 'user-service',
  DeleteUser: 'user-service',
  SendWelcomeEmail: 'email-service',
  CreateUserStorage: 'storage-service',
  DeleteUserStorage: 'storage-service',
  NotifyTeam: 'notifier',
} as const satisfies Record<keyof StepFunctions, string>;

/** How long the archive keeps every event of the bus, for replays and audits. */
export const ARCHIVE_RETENTION = Duration.days(30);

/** A dead-letter queue: SSE, TLS only, the longest retention SQS offers to leave time to redrive. */
function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeNag(queue, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue; its messages are inspected and redriven by an operator.');
  return queue;
}

/** Props of {@link OrchestrationStack}. */
export interface OrchestrationStackProps extends StackProps {
  /**
   * Whether the alarms notify an SNS topic created in this stack (encrypted, TLS only, ARN in SSM
   * under `/onboarding/orchestration/alarm-topic/arn`). Without it the alarms only change state.
   * @default true
   */
  readonly alarmNotifications?: boolean;
}

/** The orchestration's stack (id `OnboardingOrchestration`). */
export class OrchestrationStack extends Stack {
  readonly eventBus: EventBus;
  readonly stateMachine: OnboardingStateMachine;
  readonly startOnboarding: ServiceFunction;
  readonly monitoring: OrchestrationMonitoring;
  /** The topic the alarms notify; undefined when `alarmNotifications` is false. */
  readonly alarmTopic: AlarmTopic | undefined;

  constructor(scope: Construct, id: string, props: OrchestrationStackProps = {}) {
    super(scope, id, props);

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: EVENT_BUS_NAME, description: 'Onboarding events: UserSignup, UserOnboarded, UserOnboardingFailed.' });
    // An empty prefix matches every source, so the archive keeps every event of the bus.
    this.eventBus.archive('Archive', {
      archiveName: `${EVENT_BUS_NAME}-all-events`,
      description: 'Every event of the onboarding bus, for replay and audit.',
      eventPattern: { source: Match.prefix('') },
      retention: ARCHIVE_RETENTION,
    });

    const functions = Object.fromEntries(
      Object.entries(STEP_OWNERS).map(([step, service]) => [step, importFunctionArn(this, service, step)]),
    ) as StepFunctions;
    this.stateMachine = new OnboardingStateMachine(this, 'OnboardingStateMachine', { functions, eventBus: this.eventBus });

    const startFailures = deadLetterQueue(this, 'StartOnboardingFailures');
    this.startOnboarding = new ServiceFunction(this, 'StartOnboarding', {
      entry: join(__dirname, '../src/handlers/start-onboarding.ts'),
      serviceName: 'orchestration',
      description: 'Starts the onboarding execution of a UserSignup event, named after its signupId.',
      environment: { STATE_MACHINE_ARN: this.stateMachine.stateMachine.stateMachineArn },
    });
    this.stateMachine.stateMachine.grantStartExecution(this.startOnboarding);
    // EventBridge invokes the function asynchronously: a handler error (an invalid event, Step
    // Functions unavailable) is retried by Lambda, then recorded with its error in this queue.
    this.startOnboarding.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(startFailures),
    });

    // Events EventBridge could not deliver to the function at all (throttled for too long, the
    // function missing) land here instead of being dropped.
    const undelivered = deadLetterQueue(this, 'UserSignupRuleDeadLetters');
    new Rule(this, 'UserSignupRule', {
      eventBus: this.eventBus,
      description: `Starts the onboarding of every UserSignup event of the versions read (${SIGNUP_VERSIONS.map((c) => `v${c.version}`).join(', ')}).`,
      // The versions are named, so a version nobody reads yet (a v3) waits in the archive rather
      // than reaching a function that would refuse it.
      eventPattern: { source: [SIGNUP_VERSIONS[0].source], detailType: [SIGNUP_VERSIONS[0].detailType], detail: { version: SIGNUP_VERSIONS.map((c) => c.version) } },
      targets: [
        new LambdaFunction(this.startOnboarding, {
          deadLetterQueue: undelivered,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    const alarmNamePrefix = `${this.stackName}-`;
    this.alarmTopic =
      props.alarmNotifications === false
        ? undefined
        : new AlarmTopic(this, 'AlarmTopic', {
            alarmNamePrefix,
            arnParameterName: OrchestrationParameters.alarmTopicArn,
            displayName: 'Onboarding orchestration alarms',
          });
    this.monitoring = new OrchestrationMonitoring(this, 'Monitoring', {
      stateMachine: this.stateMachine.stateMachine,
      startOnboarding: this.startOnboarding,
      ruleTargetDeadLetters: undelivered,
      asyncInvocationFailures: startFailures,
      alarmNamePrefix,
      ...(this.alarmTopic ? { alarmTopic: this.alarmTopic.topic } : {}),
    });

    new StringParameter(this, 'StateMachineArnParameter', {
      parameterName: OrchestrationParameters.stateMachineArn,
      stringValue: this.stateMachine.stateMachine.stateMachineArn,
      description: 'ARN of the onboarding state machine.',
    });
    new StringParameter(this, 'EventBusArnParameter', {
      parameterName: OrchestrationParameters.eventBusArn,
      stringValue: this.eventBus.eventBusArn,
      description: 'ARN of the onboarding event bus.',
    });
  }
}
