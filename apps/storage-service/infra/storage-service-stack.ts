/**
 * The storage service's stack: the user storage bucket and its access-log bucket, the idempotency
 * table, the CreateUserStorage and DeleteUserStorage functions with grants limited to keys under
 * `tenants/`, and their ARNs published for the orchestration. Deployed on its own, as
 * `OnboardingStorageService`.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledgeNag, IdempotencyTable, publishFunctionArn, ServiceFunction } from '@onboarding/cdk-constructs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

/** The service name of every function and log line of this stack. */
export const SERVICE_NAME = 'storage-service';

/** The key pattern every grant is limited to (see src/domain/user-prefix.ts). */
export const TENANT_KEYS = 'tenants/*';

/** Logical id of the user storage bucket, fixed so the bucket is never replaced by a refactoring. */
const BUCKET_LOGICAL_ID = 'UserStorageBucket';

/** Props of {@link StorageServiceStack}. */
export type StorageServiceStackProps = StackProps;

/** The user storage bucket, the two step functions and their wiring. */
export class StorageServiceStack extends Stack {
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;
  readonly idempotencyTable: IdempotencyTable;
  readonly createUserStorageFunction: ServiceFunction;
  readonly deleteUserStorageFunction: ServiceFunction;

  constructor(scope: Construct, id: string, props: StorageServiceStackProps = {}) {
    super(scope, id, props);
    // Let S3 deliver access logs through a bucket policy rather than the legacy log-delivery ACL,
    // so both buckets can disable ACLs (BucketOwnerEnforced). Set here, not in cdk.json, so the
    // stack synthesizes the same in every app, tests included.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // S3 server access logging can only write to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.accessLogsBucket.node.defaultChild as CfnBucket).overrideLogicalId('AccessLogsBucket');
    acknowledgeNag(
      this.accessLogsBucket,
      'AwsSolutions-S1',
      'This bucket is the access-log destination of the user storage bucket; logging it into itself would log its own log writes, and a further bucket would only move the question.',
    );

    this.bucket = new Bucket(this, 'UserStorageBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Unversioned on purpose: deleting a user's storage (the compensation, or a user's erasure
      // request) must remove the data, not leave noncurrent versions behind that would need
      // s3:DeleteObjectVersion and a second sweep. Accidental loss is guarded by RETAIN and by
      // granting deletes only to the compensation.
      versioned: false,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'user-storage/',
      // The users' files: a stack deletion or a replacement must not take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A stable logical id: moving the bucket in the construct tree must never replace it.
    (this.bucket.node.defaultChild as CfnBucket).overrideLogicalId(BUCKET_LOGICAL_ID);

    // Only short-lived duplicate-suppression records live here (they expire after an hour), so no
    // point-in-time backups; a fixed logical id, like the bucket's.
    this.idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable', { pointInTimeRecovery: false, logicalId: 'IdempotencyTable' });

    const environment = { BUCKET_NAME: this.bucket.bucketName, IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName };

    this.createUserStorageFunction = new ServiceFunction(this, 'CreateUserStorageFunction', {
      entry: join(__dirname, '../src/handlers/create-user-storage.ts'),
      serviceName: SERVICE_NAME,
      description: 'CreateUserStorage step: creates the prefix tenants/<tenantId>/users/<userId>/ with a marker object.',
      environment,
    });
    this.grantOnTenantKeys(this.createUserStorageFunction, [new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(TENANT_KEYS)] })]);

    this.deleteUserStorageFunction = new ServiceFunction(this, 'DeleteUserStorageFunction', {
      entry: join(__dirname, '../src/handlers/delete-user-storage.ts'),
      serviceName: SERVICE_NAME,
      description: 'DeleteUserStorage compensation: deletes every object under the user\'s prefix, and nothing else.',
      environment,
      // Paging through a large prefix takes longer than one object write.
      timeout: Duration.seconds(60),
    });
    this.grantOnTenantKeys(this.deleteUserStorageFunction, [
      // Listing is allowed only with a Prefix under tenants/: the function cannot enumerate the bucket.
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [TENANT_KEYS] } } }),
      new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [this.bucket.arnForObjects(TENANT_KEYS)] }),
    ]);

    publishFunctionArn(this, SERVICE_NAME, 'CreateUserStorage', this.createUserStorageFunction);
    publishFunctionArn(this, SERVICE_NAME, 'DeleteUserStorage', this.deleteUserStorageFunction);
  }

  /** Adds the S3 statements and the idempotency grant to a function's role, and acknowledges the key wildcard. */
  private grantOnTenantKeys(fn: ServiceFunction, statements: PolicyStatement[]): void {
    for (const statement of statements) fn.addToRolePolicy(statement);
    this.idempotencyTable.grantIdempotency(fn);
    const policy = fn.role?.node.tryFindChild('DefaultPolicy');
    if (!policy) throw new Error(`${fn.node.id} has no default policy to acknowledge`);
    acknowledgeNag(
      policy,
      `AwsSolutions-IAM5[Resource::<${BUCKET_LOGICAL_ID}.Arn>/${TENANT_KEYS}]`,
      'Object keys are per tenant and per user, created at run time; tenants/* is the narrowest pattern that covers them, and the code builds every key from contract-checked ids under it.',
    );
  }
}
