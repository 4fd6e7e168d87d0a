/**
 * The signup API's dashboard, 5xx-rate alarm and alarm topic, read from the synthesized template
 * (cdk-nag on: synthesis throws on an unacknowledged finding, SNS3 and KMS5 included).
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { dashboardMetrics, logicalIdOf, renderTemplateValue, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { ALARM_TOPIC_PARAMETER_NAME, SignupApiStack, type SignupApiStackProps } from '../../infra/signup-api-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };
type MetricDataQuery = { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] }; Stat: string; Period: number } };

const env = { account: '123456789012', region: 'eu-west-1' };

function synth(props: SignupApiStackProps = {}): { stack: SignupApiStack; template: Template } {
  const app = testApp();
  const stack = new SignupApiStack(app, 'OnboardingSignupApi', { env, ...props });
  return { stack, template: synthTemplate(app, stack) };
}

const { stack, template } = synth();
const apiId = stack.getLogicalId(stack.api.node.defaultChild as never);
const topicId = logicalIdOf(template, 'AWS::SNS::Topic');
const onTheStage = [
  { Name: 'ApiId', Value: { Ref: apiId } },
  { Name: 'Stage', Value: '$default' },
];

function onlyAlarm(t: Template): Record<string, unknown> {
  const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')) as Resource[];
  expect(alarms).toHaveLength(1);
  return (alarms[0] as Resource).Properties;
}

describe('signup API monitoring', () => {
  describe('5xx rate alarm', () => {
    const alarm = onlyAlarm(template);
    const queries = alarm['Metrics'] as MetricDataQuery[];
    const expression = queries.find((q) => q.Expression !== undefined);

    it('judges the 5xx share of requests with metric math over 5 minutes, from 20 requests on', () => {
      expect(expression).toMatchObject({ ReturnData: true, Expression: 'IF(FILL(requests, 0) >= 20, 100 * FILL(serverErrors, 0) / FILL(requests, 0), 0)' });
      const inputs = Object.fromEntries(queries.filter((q) => q.MetricStat).map((q) => [q.Id, q.MetricStat]));
      expect(inputs).toEqual({
        requests: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: onTheStage }, Stat: 'Sum', Period: 300 },
        serverErrors: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: onTheStage }, Stat: 'Sum', Period: 300 },
      });
    });

    it('fires above 1 percent in one window, stays quiet without traffic, and notifies the topic both ways', () => {
      expect(alarm).toMatchObject({
        AlarmName: 'OnboardingSignupApi-ServerErrorRate',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
      });
    });

    it('takes another threshold and minimum request count from its props', () => {
      const custom = onlyAlarm(synth({ serverErrorPercentThreshold: 5, serverErrorMinimumRequests: 100 }).template);

      expect(custom['Threshold']).toBe(5);
      expect((custom['Metrics'] as MetricDataQuery[]).find((q) => q.Expression)?.Expression).toMatch(/^IF\(FILL\(requests, 0\) >= 100,/);
    });

    it.each([
      [{ serverErrorPercentThreshold: 0 }, /serverErrorPercentThreshold must be between 0 and 100/],
      [{ serverErrorPercentThreshold: 100 }, /serverErrorPercentThreshold must be between 0 and 100/],
      [{ serverErrorMinimumRequests: 0 }, /minimumRequests must be a whole number of at least 1/],
      [{ serverErrorMinimumRequests: 2.5 }, /minimumRequests must be a whole number of at least 1/],
    ])('refuses the meaningless setting %o', (props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });

  describe('dashboard', () => {
    it('graphs requests, 4xx and 5xx of the stage', () => {
      const names = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/ApiGateway' && m[3] === renderTemplateValue({ Ref: apiId }) && m[5] === '$default')
        .map((m) => m[1]);

      expect(names).toEqual(expect.arrayContaining(['Count', '4xx', '5xx']));
    });

    it('graphs the latency at p50, p95 and p99', () => {
      const stats = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/ApiGateway' && m[1] === 'Latency')
        .map((m) => (m.at(-1) as { stat?: string }).stat);

      expect(stats).toEqual(['p50', 'p95', 'p99']);
    });

    it('graphs the 5xx share the alarm judges, and the alarm state', () => {
      const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource;
      const body = renderTemplateValue(dashboard.Properties['DashboardBody']);
      const alarmId = logicalIdOf(template, 'AWS::CloudWatch::Alarm');

      expect(body).toContain('IF(FILL(requests, 0) >= 20');
      expect(body).toContain(renderTemplateValue({ 'Fn::GetAtt': [alarmId, 'Arn'] }));
    });
  });

  // What the topic guarantees (its own rotating key, TLS only, CloudWatch limited to the alarms of
  // the stack) is tested with AlarmTopic in libs/cdk-constructs; here, how this stack uses it.
  describe('alarm topic', () => {
    it('accepts notifications only from alarms of this stack in this account', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: {
                StringEquals: { 'aws:SourceAccount': '123456789012' },
                ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':cloudwatch:eu-west-1:123456789012:alarm:OnboardingSignupApi-*'])] }) },
              },
            }),
          ]),
        },
      });
    });

    it('publishes its ARN as an SSM parameter for subscribers', () => {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: ALARM_TOPIC_PARAMETER_NAME, Type: 'String', Value: { Ref: topicId } });
    });

    it('is left out when alarm notifications are off', () => {
      const quiet = synth({ alarmNotifications: false }).template;

      quiet.resourceCountIs('AWS::SNS::Topic', 0);
      quiet.resourceCountIs('AWS::KMS::Key', 0);
      expect(onlyAlarm(quiet)['AlarmActions']).toBeUndefined();
    });
  });
});
