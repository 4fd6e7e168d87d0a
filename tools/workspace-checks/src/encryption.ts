/**
 * Encryption at rest and in transit for every resource that stores data or carries messages:
 *
 * - DynamoDB tables: `SSESpecification.SSEEnabled` (the AWS managed key or our own). Tables are
 *   encrypted with an AWS owned key even without it, but that key's use is invisible in CloudTrail
 *   and no policy of ours governs it; the house decision is to require the managed key.
 * - S3 buckets: a default encryption configuration, and a bucket policy that denies `s3:*` to
 *   everyone when `aws:SecureTransport` is false.
 * - SQS queues: SQS-managed or KMS encryption, and a queue policy that denies non-TLS requests.
 * - SNS topics: a KMS key (SNS has no encryption by default), and a topic policy that denies
 *   publishing over plain HTTP.
 */
import { policyStatements, isEveryone } from './policy-statements';
import { asList, canonical, isObject, resourcesOf, type CfnTemplate } from './template-values';

/** How each kind of resource is tied to its policy, and which action the TLS deny must cover. */
const TLS_POLICIES: Record<string, { policyType: string; targets: string; actions: string[] }> = {
  'AWS::S3::Bucket': { policyType: 'AWS::S3::BucketPolicy', targets: 'Bucket', actions: ['s3:*'] },
  'AWS::SQS::Queue': { policyType: 'AWS::SQS::QueuePolicy', targets: 'Queues', actions: ['sqs:*'] },
  'AWS::SNS::Topic': { policyType: 'AWS::SNS::TopicPolicy', targets: 'Topics', actions: ['sns:Publish', 'sns:*'] },
};

function deniesPlainTransport(statement: { effect: string; principal: unknown; actions: string[]; condition: Record<string, unknown> | undefined }, actions: string[]): boolean {
  const bool = isObject(statement.condition?.['Bool']) ? (statement.condition['Bool'] as Record<string, unknown>) : {};
  const secure = bool['aws:SecureTransport'];
  return statement.effect === 'Deny' && isEveryone(statement.principal) && (secure === 'false' || secure === false) && statement.actions.some((a) => actions.includes(a));
}

function refusesPlainTransport(template: CfnTemplate, logicalId: string, type: string): boolean {
  const tls = TLS_POLICIES[type];
  if (!tls) return true;
  const policies = resourcesOf(template, tls.policyType)
    .filter(([, policy]) => asList(policy.Properties?.[tls.targets]).some((target) => canonical(target) === canonical({ Ref: logicalId })))
    .map(([id]) => id);
  return policyStatements(template).some((s) => policies.includes(s.logicalId) && deniesPlainTransport(s, tls.actions));
}

function encryptedAtRest(type: string, properties: Record<string, unknown>): boolean {
  switch (type) {
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return isObject(properties['SSESpecification']) && properties['SSESpecification']['SSEEnabled'] === true;
    case 'AWS::S3::Bucket': {
      const configuration = isObject(properties['BucketEncryption']) ? properties['BucketEncryption']['ServerSideEncryptionConfiguration'] : undefined;
      return asList(configuration).some((rule) => isObject(rule) && isObject(rule['ServerSideEncryptionByDefault']));
    }
    case 'AWS::SQS::Queue':
      return properties['SqsManagedSseEnabled'] === true || properties['KmsMasterKeyId'] !== undefined;
    case 'AWS::SNS::Topic':
      return properties['KmsMasterKeyId'] !== undefined;
    default:
      return true;
  }
}

/** The resource types this check judges. */
export const ENCRYPTED_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SNS::Topic'];

/** Which data resources of a template lack encryption at rest or refuse no plain-HTTP request. */
export function encryptionProblems(template: CfnTemplate): string[] {
  const problems: string[] = [];
  for (const [logicalId, resource] of resourcesOf(template)) {
    if (!ENCRYPTED_TYPES.includes(resource.Type)) continue;
    if (!encryptedAtRest(resource.Type, resource.Properties ?? {})) problems.push(`${logicalId} (${resource.Type}) is not encrypted at rest as required`);
    if (!refusesPlainTransport(template, logicalId, resource.Type)) problems.push(`${logicalId} (${resource.Type}) has no policy denying requests without TLS (aws:SecureTransport false)`);
  }
  return problems;
}
