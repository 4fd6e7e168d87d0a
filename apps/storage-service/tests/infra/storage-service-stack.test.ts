import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { functionArnParameterName } from '@onboarding/cdk-constructs';
import { actionsOnAnyResource, crossStackReferences, iamStatements, statementsFor, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { StorageServiceStack } from '../../infra/storage-service-stack';

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };

const objectsUnderTenants = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UserStorageBucket', 'Arn'] }, '/tenants/*']] };

describe('StorageServiceStack', () => {
  // cdk-nag runs during synthesis: an unacknowledged finding fails here.
  const app = testApp();
  const stack = new StorageServiceStack(app, 'OnboardingStorageService');
  const template: Template = synthTemplate(app, stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;

  it('keeps the user storage bucket under a stable logical id, retained on stack deletion', () => {
    expect(resources.UserStorageBucket?.Type).toBe('AWS::S3::Bucket');
    expect(resources.UserStorageBucket?.DeletionPolicy).toBe('Retain');
  });

  it('blocks all public access, encrypts with S3-managed keys, disables ACLs and stays unversioned', () => {
    expect(resources.UserStorageBucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(resources.UserStorageBucket?.Properties?.VersioningConfiguration).toBeUndefined();
    expect(resources.UserStorageBucket?.Properties?.BucketName).toBeUndefined();
  });

  it('refuses requests that do not use TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'UserStorageBucket' },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('writes server access logs to a private log bucket, delivered through its bucket policy', () => {
    expect(resources.UserStorageBucket?.Properties?.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: 'AccessLogsBucket' }, LogFilePrefix: 'user-storage/' });
    expect(resources.AccessLogsBucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'AccessLogsBucket' },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })]) },
    });
  });

  it('passes the bucket and the idempotency table to both functions', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');

    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Environment: { Variables: { BUCKET_NAME: { Ref: 'UserStorageBucket' }, IDEMPOTENCY_TABLE_NAME: { Ref: 'IdempotencyTable' } } } });
    }
  });

  it('gives the idempotency table the key and TTL attribute Powertools uses', () => {
    expect(resources.IdempotencyTable?.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('grants only PutObject, ListBucket and DeleteObject on S3, all limited to tenants/*', () => {
    const s3 = iamStatements(template).filter((s) => s.actions.some((a) => a.startsWith('s3:')));

    expect(s3.flatMap((s) => s.actions).sort()).toEqual(['s3:DeleteObject', 's3:ListBucket', 's3:PutObject']);
    for (const statement of s3.filter((s) => !s.actions.includes('s3:ListBucket'))) expect(statement.resources).toEqual([objectsUnderTenants]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': ['UserStorageBucket', 'Arn'] }, Condition: { StringLike: { 's3:prefix': ['tenants/*'] } } },
        ]),
      },
    });
  });

  it('lets CreateUserStorage only put, and DeleteUserStorage only list and delete', () => {
    const s3Actions = (prefix: string) =>
      iamStatements(template)
        .filter((s) => s.logicalId.startsWith(prefix))
        .flatMap((s) => s.actions.filter((a) => a.startsWith('s3:')))
        .sort();

    expect(s3Actions('CreateUserStorageFunction')).toEqual(['s3:PutObject']);
    expect(s3Actions('DeleteUserStorageFunction')).toEqual(['s3:DeleteObject', 's3:ListBucket']);
  });

  it('touches no resource of another stack and grants nothing on "*" but X-Ray', () => {
    expect(actionsOnAnyResource(template).filter((action) => !action.startsWith('xray:'))).toEqual([]);
    for (const statement of statementsFor(template, 'dynamodb')) {
      expect(statement.resources).toEqual([{ 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] }]);
    }
  });

  it('publishes both function ARNs as SSM parameters for the orchestration', () => {
    for (const step of ['CreateUserStorage', 'DeleteUserStorage']) {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: functionArnParameterName('storage-service', step),
        Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${step}Function`), 'Arn'] },
      });
    }
  });

  it('neither imports nor exports CloudFormation values', () => {
    expect(crossStackReferences(template)).toEqual([]);
    expect(template.toJSON().Outputs ?? {}).toEqual({});
  });

  it('delivers access logs without the legacy log-delivery ACL, whatever the app\'s feature flags', () => {
    const plain = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const other = new StorageServiceStack(plain, 'OnboardingStorageService');

    const logs = Object.values(plain.synth().getStackByName(other.stackName).template.Resources as Record<string, Resource>).find((r) => r.Type === 'AWS::S3::Bucket' && r.Properties?.AccessControl);

    expect(logs).toBeUndefined();
  });

  it('fails synthesis when a wildcard grant is not acknowledged', () => {
    const failing = testApp();
    const unreviewed = new StorageServiceStack(failing, 'OnboardingStorageService');
    unreviewed.createUserStorageFunction.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [unreviewed.bucket.arnForObjects('*')] }));

    expect(() => synthTemplate(failing, unreviewed)).toThrow(/AwsSolutions-IAM5/);
  });
});
