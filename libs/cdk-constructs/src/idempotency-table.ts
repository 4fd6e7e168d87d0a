/**
 * The DynamoDB table a service's Powertools idempotency records live in, with the key schema the
 * persistence layer expects (partition key `id`, a string; TTL attribute `expiration`), and the
 * grant of exactly the four calls it makes. Every side-effecting service owns one.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

/**
 * What Powertools' `DynamoDBPersistenceLayer` does with its table (save in progress, read an
 * existing record, save the result, drop the record when the function fails), and nothing else:
 * no Scan, no Query, no batch calls.
 */
export const IDEMPOTENCY_TABLE_ACTIONS: readonly string[] = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** Props of {@link IdempotencyTable}. */
export interface IdempotencyTableProps {
  /**
   * Keep point-in-time backups. Records are short-lived and the next invocation recreates them, so
   * a service may turn this off; the cdk-nag finding is then acknowledged with that reason.
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
  /**
   * A fixed CloudFormation logical id, so moving the table in the construct tree never replaces it.
   * @default the id CDK derives from the construct path
   */
  readonly logicalId?: string;
}

/**
 * A pay-per-request table encrypted with the AWS managed key rather than the default AWS owned one
 * (its use shows in CloudTrail, and the workspace checks require it of every table), destroyed with
 * its stack: losing duplicate-suppression records that expire anyway loses nothing.
 */
export class IdempotencyTable extends Table {
  constructor(scope: Construct, id: string, props: IdempotencyTableProps = {}) {
    const pointInTimeRecovery = props.pointInTimeRecovery ?? true;
    super(scope, id, {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billingMode: BillingMode.PAY_PER_REQUEST,
      ...(pointInTimeRecovery ? { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } } : {}),
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (props.logicalId !== undefined) (this.node.defaultChild as CfnTable).overrideLogicalId(props.logicalId);
    if (!pointInTimeRecovery) {
      acknowledgeNag(
        this,
        'AwsSolutions-DDB3',
        'Idempotency records are short-lived (they expire through their TTL) and the next invocation recreates them; restoring them to a point in time has no use.',
      );
    }
  }

  /** Lets `grantee` make the calls Powertools idempotency makes, on this table only. */
  grantIdempotency(grantee: IGrantable): Grant {
    return this.grant(grantee, ...IDEMPOTENCY_TABLE_ACTIONS);
  }
}
