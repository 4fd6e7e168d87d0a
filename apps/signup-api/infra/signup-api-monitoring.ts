/**
 * What an operator of the signup API watches: a dashboard of requests, client and server errors and
 * latency, and an alarm on the share of requests that end in a 5xx. The alarm judges a rate, not a
 * count, and only once enough requests came in: two failures out of three requests at night say
 * little, one percent of a busy hour says a lot.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The window the alarm judges and the graphs sum over. */
export const MONITORING_PERIOD = Duration.minutes(5);

/** Props of {@link SignupApiMonitoring}. */
export interface SignupApiMonitoringProps {
  /** The stage whose requests are counted (the API's `$default` stage). */
  readonly stage: IHttpStage;
  readonly signupFunction: IFunction;
  /** Every alarm name starts with this (the alarm topic trusts alarms by this prefix). */
  readonly alarmNamePrefix: string;
  /** The 5xx share, in percent, above which the alarm fires. @default 1 */
  readonly serverErrorPercentThreshold?: number;
  /** Requests a 5-minute window needs before its 5xx share is judged at all. @default 20 */
  readonly minimumRequests?: number;
  /** Where the alarm and its recovery are sent. @default no notification: the alarm only changes state */
  readonly alarmTopic?: ITopic;
}

/** The signup API's dashboard and its 5xx-rate alarm. */
export class SignupApiMonitoring extends Construct {
  readonly dashboard: Dashboard;
  /** More than the threshold share of requests answered 5xx in 5 minutes, with enough requests. */
  readonly serverErrorRateAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SignupApiMonitoringProps) {
    super(scope, id);
    const threshold = props.serverErrorPercentThreshold ?? 1;
    const minimumRequests = props.minimumRequests ?? 20;
    if (!(threshold > 0 && threshold < 100)) throw new Error(`serverErrorPercentThreshold must be between 0 and 100 (exclusive), got ${threshold}`);
    if (!Number.isInteger(minimumRequests) || minimumRequests < 1) throw new Error(`minimumRequests must be a whole number of at least 1, got ${minimumRequests}`);

    const sum = { period: MONITORING_PERIOD, statistic: Stats.SUM };
    const requests = props.stage.metricCount(sum);
    const clientErrors = props.stage.metricClientError(sum);
    const serverErrors = props.stage.metricServerError(sum);
    // FILL: a window with requests but no 5xx datapoint counts as 0 errors. Below the minimum the
    // rate is reported as 0, so a handful of requests can never page anyone.
    const serverErrorRate = new MathExpression({
      expression: `IF(FILL(requests, 0) >= ${minimumRequests}, 100 * FILL(serverErrors, 0) / FILL(requests, 0), 0)`,
      usingMetrics: { requests, serverErrors },
      period: MONITORING_PERIOD,
      label: '5xx share of requests (%)',
    });

    this.serverErrorRateAlarm = new Alarm(this, 'ServerErrorRateAlarm', {
      alarmName: `${props.alarmNamePrefix}ServerErrorRate`,
      alarmDescription: `More than ${threshold}% of POST /signup requests answered 5xx in 5 minutes (judged from ${minimumRequests} requests on). Check the signup function's errors and the bus; see docs/operations.md.`,
      metric: serverErrorRate,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      // No requests at all is not an outage of the API's own making.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      this.serverErrorRateAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
      this.serverErrorRateAlarm.addOkAction(new SnsAction(props.alarmTopic));
    }

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${props.alarmNamePrefix}${Aws.REGION}`,
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new TextWidget({
            markdown: '# Signup API\n`POST /signup`: requests, refusals (4xx), failures (5xx) and latency. Runbook: docs/operations.md.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Requests and errors (per 5 minutes)',
            left: [requests.with({ label: 'Requests' }), clientErrors.with({ label: '4xx' }), serverErrors.with({ label: '5xx' })],
            width: 12,
          }),
          new GraphWidget({ title: '5xx share of requests (%)', left: [serverErrorRate], leftAnnotations: [{ value: threshold, label: 'Alarm' }], width: 12 }),
        ],
        [
          new GraphWidget({
            title: 'Latency (ms)',
            left: [Stats.p(50), Stats.p(95), Stats.p(99)].map((statistic) => props.stage.metricLatency({ period: MONITORING_PERIOD, statistic, label: statistic })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Signup function (per 5 minutes)',
            left: [
              props.signupFunction.metricErrors({ ...sum, label: 'Errors' }),
              props.signupFunction.metricThrottles({ ...sum, label: 'Throttles' }),
            ],
            width: 12,
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [this.serverErrorRateAlarm], width: 24, height: 3 })],
      ],
    });
  }
}
