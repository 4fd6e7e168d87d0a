/**
 * The user service's stack: the users table, the idempotency table, the CreateUser and DeleteUser
 * functions with grants for exactly the calls they make, and their ARNs published for the
 * orchestration. Deployed on its own, as `OnboardingUserService`.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { IdempotencyTable, publishFunctionArn, ServiceFunction } from '@onboarding/cdk-constructs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

/** The service name of every function and log line of this stack. */
export const SERVICE_NAME = 'user-service';

/** Props of {@link UserServiceStack}. */
export type UserServiceStackProps = StackProps;

/** The users table, the two step functions and their wiring. */
export class UserServiceStack extends Stack {
  readonly usersTable: Table;
  readonly idempotencyTable: IdempotencyTable;
  readonly createUserFunction: ServiceFunction;
  readonly deleteUserFunction: ServiceFunction;

  constructor(scope: Construct, id: string, props: UserServiceStackProps = {}) {
    super(scope, id, props);

    this.usersTable = new Table(this, 'UsersTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      // The users are the product's data: a stack deletion or a replacement must not take them along.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    // A stable logical id: moving the table in the construct tree must never replace it.
    (this.usersTable.node.defaultChild as CfnTable).overrideLogicalId('UsersTable');

    // Only short-lived duplicate-suppression records live here (they expire after an hour), so no
    // point-in-time backups; a fixed logical id, like the users table's.
    this.idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable', { pointInTimeRecovery: false, logicalId: 'IdempotencyTable' });

    const environment = {
      USERS_TABLE_NAME: this.usersTable.tableName,
      IDEMPOTENCY_TABLE_NAME: this.idempotencyTable.tableName,
    };

    this.createUserFunction = new ServiceFunction(this, 'CreateUserFunction', {
      entry: join(__dirname, '../src/handlers/create-user.ts'),
      serviceName: SERVICE_NAME,
      description: 'CreateUser step: writes the signup\'s user, one per email address and tenant.',
      environment,
    });
    // Put (pending user, email claim), Update (activate), Get (who holds a claim), Delete (our
    // pending user when the email is taken).
    this.usersTable.grant(this.createUserFunction, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem');
    this.idempotencyTable.grantIdempotency(this.createUserFunction);

    this.deleteUserFunction = new ServiceFunction(this, 'DeleteUserFunction', {
      entry: join(__dirname, '../src/handlers/delete-user.ts'),
      serviceName: SERVICE_NAME,
      description: 'DeleteUser compensation: removes the signup\'s user and email claim, never another signup\'s.',
      environment,
    });
    this.usersTable.grant(this.deleteUserFunction, 'dynamodb:GetItem', 'dynamodb:DeleteItem');
    this.idempotencyTable.grantIdempotency(this.deleteUserFunction);

    publishFunctionArn(this, SERVICE_NAME, 'CreateUser', this.createUserFunction);
    publishFunctionArn(this, SERVICE_NAME, 'DeleteUser', this.deleteUserFunction);
  }
}
