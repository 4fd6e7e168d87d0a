/**
 * The SNS topic a stack's CloudWatch alarms notify. It is encrypted with a key of its own because
 * CloudWatch cannot publish to a topic under the AWS managed `aws/sns` key (nobody may add
 * CloudWatch to that key's policy). Only the stack's own alarms may use the key and publish, plain
 * HTTP is refused, and the topic ARN goes to SSM so operators and chat tools can subscribe without
 * a CloudFormation export.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /** Every alarm allowed to notify the topic has a name starting with this prefix (e.g. `${stack.stackName}-`). */
  readonly alarmNamePrefix: string;
  /** The SSM parameter that receives the topic ARN, e.g. `/onboarding/<service>/alarm-topic/arn`. */
  readonly arnParameterName: string;
  /** Shown as the sender of email notifications. @default `Alarms of <stack name>` */
  readonly displayName?: string;
  /** How long a deleted key waits before KMS destroys it. @default Duration.days(7) */
  readonly keyPendingWindow?: Duration;
}

/**
 * An encrypted, TLS-only alarm topic that only the alarms of its stack (same account, names with
 * the given prefix) can publish to. Its construct ids (`Key`, `Topic`, `ArnParameter`) are part of
 * the logical ids: keep them.
 */
export class AlarmTopic extends Construct {
  /** The topic to give alarms as their action. */
  readonly topic: Topic;
  /** The customer managed key the topic is encrypted with. */
  readonly key: Key;
  /** The SSM parameter holding the topic ARN. */
  readonly arnParameter: StringParameter;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    if (props.alarmNamePrefix.trim() === '') {
      throw new Error('AlarmTopic needs an alarmNamePrefix: without one any alarm of the account could publish to the topic');
    }
    const stack = Stack.of(this);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    // Confused-deputy guard: CloudWatch acts for this account's alarms with our prefix only.
    const onlyOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: `${props.alarmNamePrefix}*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };

    this.key = new Key(this, 'Key', {
      description: `Encrypts the alarm notifications of ${stack.stackName}`,
      enableKeyRotation: true,
      // Nothing outlives a notification: once the topic is gone the key protects no data.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: props.keyPendingWindow ?? Duration.days(7),
    });
    // In a key policy "*" is this key. SNS asks for a data key when CloudWatch publishes.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisStackEncryptNotifications',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: onlyOurAlarms,
      }),
    );

    this.topic = new Topic(this, 'Topic', { displayName: props.displayName ?? `Alarms of ${stack.stackName}`, masterKey: this.key, enforceSSL: true });
    // The topic policy replaces SNS's default one, which let the owning account publish; CloudWatch
    // needs its own grant, limited like the key's.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisStackPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: onlyOurAlarms,
      }),
    );

    this.arnParameter = new StringParameter(this, 'ArnParameter', {
      parameterName: props.arnParameterName,
      stringValue: this.topic.topicArn,
      description: `ARN of the alarm topic of ${stack.stackName}: subscribe to it to be told about alarms.`,
    });
  }
}
