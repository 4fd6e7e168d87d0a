/**
 * What an operator of the orchestration watches: a dashboard of the onboarding executions, their
 * duration, the two dead-letter queues and the StartOnboarding function, and the alarms that say
 * something needs a person: an execution failed, or a dead-letter queue holds a message.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Stats,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The window every alarm judges and every graph sums over. */
export const MONITORING_PERIOD = Duration.minutes(5);

/** Props of {@link OrchestrationMonitoring}. */
export interface OrchestrationMonitoringProps {
  readonly stateMachine: IStateMachine;
  readonly startOnboarding: IFunction;
  /** Events EventBridge could not deliver to StartOnboarding. */
  readonly ruleTargetDeadLetters: IQueue;
  /** Asynchronous invocations of StartOnboarding that failed after Lambda's retries. */
  readonly asyncInvocationFailures: IQueue;
  /** Every alarm name starts with this (the alarm topic trusts alarms by this prefix). */
  readonly alarmNamePrefix: string;
  /** Where alarms and their recoveries are sent. @default no notification: the alarms only change state */
  readonly alarmTopic?: ITopic;
}

/** The orchestration's dashboard and alarms. */
export class OrchestrationMonitoring extends Construct {
  readonly dashboard: Dashboard;
  /** An execution ended in a Fail state or failed outright: a signup was not onboarded. */
  readonly failedExecutionsAlarm: Alarm;
  /** A UserSignup event could not be delivered to StartOnboarding at all. */
  readonly ruleTargetDeadLettersAlarm: Alarm;
  /** StartOnboarding failed on an event after its retries (invalid event, Step Functions unavailable). */
  readonly asyncInvocationFailuresAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OrchestrationMonitoringProps) {
    super(scope, id);
    const { stateMachine, startOnboarding, ruleTargetDeadLetters, asyncInvocationFailures } = props;
    const sum = { period: MONITORING_PERIOD, statistic: Stats.SUM };
    const deepest = { period: MONITORING_PERIOD, statistic: Stats.MAXIMUM };

    // Alarms use the plain metrics (a label would turn the alarm into a metric-math one); graphs label them.
    const failed = stateMachine.metricFailed(sum);
    const ruleTargetDepth = ruleTargetDeadLetters.metricApproximateNumberOfMessagesVisible(deepest);
    const asyncFailuresDepth = asyncInvocationFailures.metricApproximateNumberOfMessagesVisible(deepest);

    const anyAbove0 = (alarmId: string, name: string, metric: IMetric, description: string): Alarm => {
      const alarm = new Alarm(this, alarmId, {
        alarmName: `${props.alarmNamePrefix}${name}`,
        alarmDescription: description,
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        // No data means no failed execution and no message: a quiet system is a healthy one.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmTopic) {
        alarm.addAlarmAction(new SnsAction(props.alarmTopic));
        alarm.addOkAction(new SnsAction(props.alarmTopic));
      }
      return alarm;
    };

    this.failedExecutionsAlarm = anyAbove0(
      'FailedExecutionsAlarm',
      'FailedExecutions',
      failed,
      'An onboarding execution failed in the last 5 minutes. Open the execution (its name is signup-<signupId>) and the UserOnboardingFailed event; see docs/operations.md.',
    );
    this.ruleTargetDeadLettersAlarm = anyAbove0(
      'RuleTargetDeadLettersAlarm',
      'UserSignupRuleDeadLetters',
      ruleTargetDepth,
      'A UserSignup event could not be delivered to StartOnboarding and waits in the rule dead-letter queue; nothing was started for it. Redrive it once the cause is fixed; see docs/operations.md.',
    );
    this.asyncInvocationFailuresAlarm = anyAbove0(
      'AsyncInvocationFailuresAlarm',
      'StartOnboardingFailures',
      asyncFailuresDepth,
      'StartOnboarding failed on a UserSignup event after its retries; the record with its error waits in the failure queue. See docs/operations.md.',
    );

    const alarms = [this.failedExecutionsAlarm, this.ruleTargetDeadLettersAlarm, this.asyncInvocationFailuresAlarm];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${props.alarmNamePrefix}${Aws.REGION}`,
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Onboarding orchestration\nExecutions of the onboarding state machine, the dead-letter queues of the UserSignup rule, and StartOnboarding. Runbook: docs/operations.md.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Executions (per 5 minutes)',
            left: [
              stateMachine.metricStarted({ ...sum, label: 'Started' }),
              stateMachine.metricSucceeded({ ...sum, label: 'Succeeded' }),
              failed.with({ label: 'Failed' }),
              stateMachine.metricTimedOut({ ...sum, label: 'Timed out' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Execution duration (ms)',
            left: [
              stateMachine.metricTime({ period: MONITORING_PERIOD, statistic: Stats.p(50), label: 'p50' }),
              stateMachine.metricTime({ period: MONITORING_PERIOD, statistic: Stats.p(95), label: 'p95' }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Dead-letter queue depth (messages)',
            left: [ruleTargetDepth.with({ label: 'UserSignup rule dead letters' }), asyncFailuresDepth.with({ label: 'StartOnboarding failed invocations' })],
            width: 12,
          }),
          new GraphWidget({
            title: 'StartOnboarding (per 5 minutes)',
            left: [
              startOnboarding.metricInvocations({ ...sum, label: 'Invocations' }),
              startOnboarding.metricErrors({ ...sum, label: 'Errors' }),
              startOnboarding.metricThrottles({ ...sum, label: 'Throttles' }),
            ],
            width: 12,
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 })],
      ],
    });
  }
}
