/**
 * Every table, bucket, queue and topic of every deployed stack is encrypted at rest, and every
 * bucket, queue and topic refuses requests that do not use TLS.
 */
import { ENCRYPTED_TYPES, encryptionProblems } from '../src/encryption';
import { resourcesOf, type CfnResource } from '../src/template-values';
import { deployedStacks, eachStack } from './support/deployed-stacks';
import { templateOf } from './support/template';

const tlsOnly = (action: string, resource: unknown) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('encryption in the deployed stacks', () => {
  it.each(eachStack)('%s encrypts its data at rest and in transit', (_where, stack) => {
    expect(encryptionProblems(stack.template)).toEqual([]);
  });

  it('judges tables, buckets, queues and topics, all of which the system has', () => {
    const types = new Set(deployedStacks.flatMap((s) => resourcesOf(s.template).map(([, r]) => r.Type)).filter((t) => ENCRYPTED_TYPES.includes(t)));

    expect([...types].sort()).toEqual(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::SQS::Queue']);
  });
});

describe('encryptionProblems', () => {
  const table: CfnResource = { Type: 'AWS::DynamoDB::Table', Properties: { SSESpecification: { SSEEnabled: true } } };

  it('accepts a table encrypted with the AWS managed key', () => {
    expect(encryptionProblems(templateOf({ Table: table }))).toEqual([]);
  });

  it('refuses a table left on the AWS owned key (no SSESpecification)', () => {
    expect(encryptionProblems(templateOf({ Table: { Type: 'AWS::DynamoDB::Table', Properties: {} } }))).toEqual(['Table (AWS::DynamoDB::Table) is not encrypted at rest as required']);
  });

  it('refuses a bucket with encryption but no TLS-only policy, and accepts it once the policy denies plain HTTP', () => {
    const bucket: CfnResource = { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } };
    const policy: CfnResource = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [tlsOnly('s3:*', '*')] } } };

    expect(encryptionProblems(templateOf({ Bucket: bucket }))).toEqual(['Bucket (AWS::S3::Bucket) has no policy denying requests without TLS (aws:SecureTransport false)']);
    expect(encryptionProblems(templateOf({ Bucket: bucket, Policy: policy }))).toEqual([]);
  });

  it("does not count another bucket's TLS policy", () => {
    const encrypted = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } };
    const template = templateOf({
      A: { Type: 'AWS::S3::Bucket', Properties: encrypted },
      B: { Type: 'AWS::S3::Bucket', Properties: encrypted },
      PolicyOfB: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Statement: [tlsOnly('s3:*', '*')] } } },
    });

    expect(encryptionProblems(template)).toEqual(['A (AWS::S3::Bucket) has no policy denying requests without TLS (aws:SecureTransport false)']);
  });

  it('refuses an unencrypted queue and a topic without a key, each with a TLS-only policy', () => {
    const template = templateOf({
      Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: [tlsOnly('sqs:*', '*')] } } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: { Statement: [tlsOnly('sns:Publish', { Ref: 'Topic' })] } } },
    });

    expect(encryptionProblems(template)).toEqual(['Queue (AWS::SQS::Queue) is not encrypted at rest as required', 'Topic (AWS::SNS::Topic) is not encrypted at rest as required']);
  });

  it('does not take an Allow statement with the TLS condition for a deny', () => {
    const template = templateOf({
      Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: [{ ...tlsOnly('sqs:*', '*'), Effect: 'Allow' }] } } },
    });

    expect(encryptionProblems(template)).toEqual(['Queue (AWS::SQS::Queue) has no policy denying requests without TLS (aws:SecureTransport false)']);
  });
});
