/**
 * The signup API's stack: an HTTP API with one public route, `POST /signup`, its function, the
 * function's idempotency table, and the API's dashboard and 5xx-rate alarm (with its SNS topic). It
 * publishes to the onboarding bus by name (the orchestration owns the bus), and tells other teams
 * where the API is through an SSM parameter, not an export.
 */
import { RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { acknowledgeNag, AlarmTopic, IdempotencyTable, ServiceFunction } from '@onboarding/cdk-constructs';
import { EVENT_BUS_NAME } from '@onboarding/events';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { SERVICE_NAME } from '../src/service-name';
import { SignupApiMonitoring } from './signup-api-monitoring';

/** The SSM parameter holding the API's base URL (`POST <url>/signup`). */
export const API_URL_PARAMETER_NAME = '/onboarding/signup-api/url';

/** The SSM parameter holding the ARN of the topic the API's alarms notify. */
export const ALARM_TOPIC_PARAMETER_NAME = '/onboarding/signup-api/alarm-topic/arn';

/** Props of {@link SignupApiStack}. */
export interface SignupApiStackProps extends StackProps {
  /** Steady-state requests per second the API lets through. @default 50 */
  readonly throttleRateLimit?: number;
  /** Requests the API lets through in a burst. @default 100 */
  readonly throttleBurstLimit?: number;
  /**
   * Whether the alarm notifies an SNS topic created in this stack (encrypted, TLS only, ARN in SSM
   * under `/onboarding/signup-api/alarm-topic/arn`). Without it the alarm only changes state.
   * @default true
   */
  readonly alarmNotifications?: boolean;
  /** The 5xx share of requests, in percent, above which the alarm fires. @default 1 */
  readonly serverErrorPercentThreshold?: number;
  /** Requests a 5-minute window needs before its 5xx share is judged. @default 20 */
  readonly serverErrorMinimumRequests?: number;
}

/** HTTP API access log fields (no body, no headers: those would carry personal data). */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

export class SignupApiStack extends Stack {
  readonly api: HttpApi;
  readonly signupFunction: ServiceFunction;
  readonly idempotencyTable: IdempotencyTable;
  readonly monitoring: SignupApiMonitoring;
  /** The topic the alarm notifies; undefined when `alarmNotifications` is false. */
  readonly alarmTopic: AlarmTopic | undefined;

  constructor(scope: Construct, id: string, props: SignupApiStackProps = {}) {
    super(scope, id, props);
    Tags.of(this).add('service', SERVICE_NAME);

    // Records live a day (TTL); losing them on a stack deletion loses nothing a client relies on.
    this.idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable');

    this.signupFunction = new ServiceFunction(this, 'SignupFunction', {
      entry: join(__dirname, '..', 'src', 'handlers', 'signup.ts'),
      serviceName: SERVICE_NAME,
      description: 'POST /signup: validates a signup and publishes UserSignup to the onboarding bus',
      environment: {
        EVENT_BUS_NAME,
        IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName,
      },
    });
    this.idempotencyTable.grantIdempotency(this.signupFunction);
    this.signupFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [this.formatArn({ service: 'events', resource: 'event-bus', resourceName: EVENT_BUS_NAME })],
      }),
    );

    this.api = new HttpApi(this, 'SignupHttpApi', {
      apiName: 'onboarding-signup-api',
      description: 'Public signup API of the onboarding system',
      createDefaultStage: false,
    });
    const [signupRoute] = this.api.addRoutes({
      path: '/signup',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('SignupIntegration', this.signupFunction),
    });
    if (signupRoute) {
      acknowledgeNag(
        signupRoute,
        'AwsSolutions-APIG4',
        'POST /signup is the public entry of account creation: callers have no identity yet, so there is nothing to authorize. Abuse is bounded by stage throttling, strict validation and a 10 KiB body limit.',
      );
    }

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 50, burstLimit: props.throttleBurstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const alarmNamePrefix = `${this.stackName}-`;
    this.alarmTopic =
      props.alarmNotifications === false
        ? undefined
        : new AlarmTopic(this, 'AlarmTopic', { alarmNamePrefix, arnParameterName: ALARM_TOPIC_PARAMETER_NAME, displayName: 'Onboarding signup API alarms' });
    this.monitoring = new SignupApiMonitoring(this, 'Monitoring', {
      stage,
      signupFunction: this.signupFunction,
      alarmNamePrefix,
      ...(props.serverErrorPercentThreshold !== undefined ? { serverErrorPercentThreshold: props.serverErrorPercentThreshold } : {}),
      ...(props.serverErrorMinimumRequests !== undefined ? { minimumRequests: props.serverErrorMinimumRequests } : {}),
      ...(this.alarmTopic ? { alarmTopic: this.alarmTopic.topic } : {}),
    });

    new StringParameter(this, 'ApiUrlParameter', {
      parameterName: API_URL_PARAMETER_NAME,
      stringValue: this.api.apiEndpoint,
      description: 'Base URL of the onboarding signup API (POST <url>/signup)',
    }).node.addDependency(stage);
  }
}
