import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AlarmTopic } from '../src';
import { logicalIdOf, synthTemplate, testApp } from '../src/testing';

const env = { account: '123456789012', region: 'eu-west-1' };

function synth(props: Partial<ConstructorParameters<typeof AlarmTopic>[2]> = {}) {
  const app = testApp();
  const stack = new Stack(app, 'DemoStack', { env });
  const alarmTopic = new AlarmTopic(stack, 'AlarmTopic', { alarmNamePrefix: 'DemoStack-', arnParameterName: '/onboarding/demo/alarm-topic/arn', ...props });
  return { alarmTopic, template: synthTemplate(app, stack) };
}

const onlyOurAlarms = {
  StringEquals: { 'aws:SourceAccount': '123456789012' },
  ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':cloudwatch:eu-west-1:123456789012:alarm:DemoStack-*'])] }) },
};

describe('AlarmTopic', () => {
  it('passes cdk-nag (SNS3 and KMS5 included) without any acknowledgement', () => {
    expect(() => synth()).not.toThrow();
  });

  it('encrypts the topic with a key of its own, which rotates', () => {
    const { template } = synth();

    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::KMS::Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 7 });
  });

  it('refuses publishing over plain HTTP', () => {
    const { template } = synth();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(template, 'AWS::SNS::Topic') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it("lets CloudWatch publish and use the key only for this account's alarms with the prefix", () => {
    const { template } = synth();

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Condition: onlyOurAlarms })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Condition: onlyOurAlarms })]),
      },
    });
  });

  it('publishes the topic ARN under the given SSM parameter name', () => {
    const { template } = synth();

    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/onboarding/demo/alarm-topic/arn', Type: 'String', Value: { Ref: logicalIdOf(template, 'AWS::SNS::Topic') } });
  });

  it('names the stack as the sender unless given a display name', () => {
    synth().template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Alarms of DemoStack' });
    synth({ displayName: 'Onboarding alarms' }).template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Onboarding alarms' });
  });

  it('keeps the logical ids the signup API and orchestration stacks deployed their topic with', () => {
    const { template } = synth();

    expect(logicalIdOf(template, 'AWS::SNS::Topic')).toBe('AlarmTopicC2164170');
    expect(logicalIdOf(template, 'AWS::KMS::Key')).toBe('AlarmTopicKeyBA1A4AA7');
    expect(logicalIdOf(template, 'AWS::SSM::Parameter')).toBe('AlarmTopicArnParameterD4524663');
  });

  it('refuses an empty alarm name prefix, which would let any alarm of the account publish', () => {
    expect(() => synth({ alarmNamePrefix: ' ' })).toThrow(/needs an alarmNamePrefix/);
  });
});
