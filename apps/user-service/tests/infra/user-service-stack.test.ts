import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { actionsOnAnyResource, crossStackReferences, iamStatements, statementsFor, synthTemplate, testApp } from '@onboarding/cdk-constructs/testing';
import { functionArnParameterName } from '@onboarding/cdk-constructs';
import { UserServiceStack } from '../../infra/user-service-stack';

function synth(): { template: Template; stack: UserServiceStack } {
  const app = testApp();
  const stack = new UserServiceStack(app, 'OnboardingUserService');
  return { template: synthTemplate(app, stack), stack };
}

describe('UserServiceStack', () => {
  // cdk-nag runs during synthesis: an unacknowledged finding fails here.
  const { template } = synth();
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;

  it('keeps the users table under a stable logical id, keyed by pk and sk', () => {
    expect(resources.UsersTable?.Type).toBe('AWS::DynamoDB::Table');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
  });

  it('makes the users table on-demand, encrypted, point-in-time recoverable and retained', () => {
    expect(resources.UsersTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(resources.UsersTable?.DeletionPolicy).toBe('Retain');
  });

  it('gives the idempotency table the key and TTL attribute Powertools uses', () => {
    expect(resources.IdempotencyTable?.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('passes both table names to both functions', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');

    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Environment: { Variables: { USERS_TABLE_NAME: { Ref: 'UsersTable' }, IDEMPOTENCY_TABLE_NAME: { Ref: 'IdempotencyTable' } } },
      });
    }
  });

  it('grants only item-level DynamoDB actions, on its own two tables, and nothing on "*" but X-Ray', () => {
    const dynamo = statementsFor(template, 'dynamodb');

    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) {
      expect(statement.actions.every((a) => ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].includes(a))).toBe(true);
      expect(statement.resources).toHaveLength(1);
      expect([{ 'Fn::GetAtt': ['UsersTable', 'Arn'] }, { 'Fn::GetAtt': ['IdempotencyTable', 'Arn'] }]).toContainEqual(statement.resources[0]);
    }
    expect(actionsOnAnyResource(template).filter((action) => !action.startsWith('xray:'))).toEqual([]);
  });

  it('gives DeleteUser no way to write users, only to read and delete them', () => {
    const statements = iamStatements(template).filter((s) => s.logicalId.startsWith('DeleteUserFunction'));
    const onUsers = statements.filter((s) => JSON.stringify(s.resources).includes('"UsersTable"'));

    expect(onUsers.flatMap((s) => s.actions).sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem']);
  });

  it('publishes both function ARNs as SSM parameters for the orchestration', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: functionArnParameterName('user-service', 'CreateUser'),
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CreateUserFunction'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: functionArnParameterName('user-service', 'DeleteUser'),
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeleteUserFunction'), 'Arn'] },
    });
  });

  it('neither imports nor exports CloudFormation values', () => {
    expect(crossStackReferences(template)).toEqual([]);
    expect(template.toJSON().Outputs ?? {}).toEqual({});
  });

  it('fails synthesis when a cdk-nag finding is not acknowledged', () => {
    const app = testApp();
    const stack = new UserServiceStack(app, 'OnboardingUserService');
    // A table without point-in-time recovery is a finding (AwsSolutions-DDB3) nobody acknowledged.
    new Table(stack, 'Unreviewed', { partitionKey: { name: 'id', type: AttributeType.STRING } });

    expect(() => synthTemplate(app, stack)).toThrow(/AwsSolutions-DDB3/);
  });
});
