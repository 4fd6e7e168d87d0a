/**
 * The orchestration's dashboard, alarms and alarm topic, read from the synthesized template (cdk-nag
 * on: synthesis throws on an unacknowledged finding, so SNS2/SNS3/KMS5 are checked here too).
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { dashboardMetrics, logicalIdOf, renderTemplateValue, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { OrchestrationParameters, OrchestrationStack, type OrchestrationStackProps } from '../../infra/orchestration-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };

function synth(props: OrchestrationStackProps = {}): { stack: OrchestrationStack; template: Template } {
  const app = testApp();
  const stack = new OrchestrationStack(app, 'OnboardingOrchestration', props);
  return { stack, template: synthTemplate(app, stack) };
}

const { stack, template } = synth();
const resources = template.toJSON().Resources as Record<string, Resource>;
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const stateMachineId = idOf(stack.stateMachine.stateMachine);
const topicId = logicalIdOf(template, 'AWS::SNS::Topic');
const queueIdStartingWith = (prefix: string) => Object.keys(template.findResources('AWS::SQS::Queue')).find((id) => id.startsWith(prefix)) as string;

function alarmOn(metricName: string, dimensions: Record<string, unknown>): Record<string, unknown> {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
  const found = alarms.filter(
    (a) => a.Properties['MetricName'] === metricName && JSON.stringify(a.Properties['Dimensions']) === JSON.stringify(Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }))),
  );
  expect(found).toHaveLength(1);
  return (found[0] as Resource).Properties;
}

const notifiesTheTopic = { AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] };
const anyDatapointAbove0 = { Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1, Period: 300, TreatMissingData: 'notBreaching' };

describe('orchestration monitoring', () => {
  describe('dashboard', () => {
    it('graphs executions started, succeeded, failed and timed out of the onboarding state machine', () => {
      const names = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/States' && m[2] === 'StateMachineArn' && m[3] === renderTemplateValue({ Ref: stateMachineId }))
        .map((m) => m[1]);

      expect(names).toEqual(expect.arrayContaining(['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut']));
    });

    it('graphs the execution duration at p50 and p95', () => {
      const stats = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/States' && m[1] === 'ExecutionTime')
        .map((m) => (m.at(-1) as { stat?: string }).stat);

      expect(stats.sort()).toEqual(['p50', 'p95']);
    });

    it('graphs the depth of both dead-letter queues', () => {
      const queues = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/SQS' && m[1] === 'ApproximateNumberOfMessagesVisible')
        .map((m) => m[3]);

      expect(queues.sort()).toEqual(
        ['StartOnboardingFailures', 'UserSignupRuleDeadLetters'].map((prefix) => renderTemplateValue({ 'Fn::GetAtt': [queueIdStartingWith(prefix), 'QueueName'] })).sort(),
      );
    });

    it('graphs the errors and throttles of StartOnboarding', () => {
      const functionId = idOf(stack.startOnboarding);
      const names = dashboardMetrics(template)
        .filter((m) => m[0] === 'AWS/Lambda' && m[3] === renderTemplateValue({ Ref: functionId }))
        .map((m) => m[1]);

      expect(names).toEqual(expect.arrayContaining(['Errors', 'Throttles', 'Invocations']));
    });
  });

  describe('alarms', () => {
    it('raises an alarm when any execution failed within 5 minutes, and notifies the topic', () => {
      const alarm = alarmOn('ExecutionsFailed', { StateMachineArn: { Ref: stateMachineId } });

      expect(alarm).toMatchObject({ Namespace: 'AWS/States', Statistic: 'Sum', AlarmName: 'OnboardingOrchestration-FailedExecutions', ...anyDatapointAbove0, ...notifiesTheTopic });
    });

    it.each(['UserSignupRuleDeadLetters', 'StartOnboardingFailures'])('raises an alarm as soon as the %s queue holds a message, and notifies the topic', (prefix) => {
      const alarm = alarmOn('ApproximateNumberOfMessagesVisible', { QueueName: { 'Fn::GetAtt': [queueIdStartingWith(prefix), 'QueueName'] } });

      expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', ...anyDatapointAbove0, ...notifiesTheTopic });
      expect(alarm['AlarmName']).toMatch(/^OnboardingOrchestration-/);
    });

    it('shows every alarm on the dashboard', () => {
      const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource;
      const alarmIds = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));

      expect(alarmIds).toHaveLength(3);
      for (const id of alarmIds) expect(renderTemplateValue(dashboard.Properties['DashboardBody'])).toContain(renderTemplateValue({ 'Fn::GetAtt': [id, 'Arn'] }));
    });
  });

  // What the topic guarantees (its own rotating key, TLS only, CloudWatch limited to the alarms of
  // the stack) is tested with AlarmTopic in libs/cdk-constructs; here, how this stack uses it.
  describe('alarm topic', () => {
    it("accepts notifications only from this stack's alarms", () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':alarm:OnboardingOrchestration-\\*$')])] }) } }),
            }),
          ]),
        },
      });
    });

    it('publishes its ARN as an SSM parameter for subscribers', () => {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: OrchestrationParameters.alarmTopicArn, Type: 'String', Value: { Ref: topicId } });
    });

    it('is left out when alarm notifications are off, and the alarms then only change state', () => {
      const quiet = synth({ alarmNotifications: false }).template;

      quiet.resourceCountIs('AWS::SNS::Topic', 0);
      quiet.resourceCountIs('AWS::KMS::Key', 0);
      quiet.resourceCountIs('AWS::CloudWatch::Alarm', 3);
      for (const alarm of Object.values(quiet.findResources('AWS::CloudWatch::Alarm'))) {
        expect(alarm.Properties.AlarmActions).toBeUndefined();
        expect(alarm.Properties.OKActions).toBeUndefined();
      }
    });

    // cdk-nag 3 dropped SNS2 (encryption at rest); tools/workspace-checks enforces it on every template.
    it('would fail synthesis as a topic that accepts plain HTTP (cdk-nag SNS3 is armed)', () => {
      const app = testApp();
      const unsafe = new OrchestrationStack(app, 'OnboardingOrchestration');
      new Topic(unsafe, 'PlainTopic');

      expect(() => synthTemplate(app, unsafe)).toThrow(/AwsSolutions-SNS3/);
    });
  });

  it('logs every state machine event to CloudWatch Logs and traces executions with X-Ray', () => {
    expect(resources[stateMachineId]?.Properties).toMatchObject({ TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ALL' } });
  });
});
