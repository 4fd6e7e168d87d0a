import { Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { join } from 'node:path';
import { IDEMPOTENCY_TABLE_ACTIONS, IdempotencyTable, ServiceFunction } from '../src';
import { iamStatements, logicalIdOf, synthTemplate, testApp } from '../src/testing';

function synth(props: ConstructorParameters<typeof IdempotencyTable>[2] = {}) {
  const app = testApp();
  const stack = new Stack(app, 'DemoStack');
  const table = new IdempotencyTable(stack, 'IdempotencyTable', props);
  const fn = new ServiceFunction(stack, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo' });
  table.grantIdempotency(fn);
  return synthTemplate(app, stack);
}

describe('IdempotencyTable', () => {
  it('has the key schema Powertools expects: partition key "id" (a string), records expiring through "expiration"', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('is encrypted with the AWS managed key, keeps point-in-time backups, and goes with its stack', () => {
    const template = synth();

    template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  it('leaves backups out when asked, and still passes cdk-nag: the DDB3 finding is acknowledged with its reason', () => {
    // synthTemplate runs cdk-nag and throws on any finding nobody acknowledged.
    const template = synth({ pointInTimeRecovery: false });

    const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0] as { Properties: Record<string, unknown> };
    expect(table.Properties).not.toHaveProperty('PointInTimeRecoverySpecification');
  });

  it('needs that acknowledgement: a plain table without backups fails cdk-nag', () => {
    const app = testApp();
    const stack = new Stack(app, 'DemoStack');
    new Table(stack, 'PlainTable', { partitionKey: { name: 'id', type: AttributeType.STRING } });

    expect(() => synthTemplate(app, stack)).toThrow(/AwsSolutions-DDB3/);
  });

  it('keeps the logical id it is given', () => {
    expect(logicalIdOf(synth({ logicalId: 'IdempotencyTable' }), 'AWS::DynamoDB::Table')).toBe('IdempotencyTable');
  });

  it('grants exactly the four calls Powertools makes, on this table only', () => {
    const template = synth();
    const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table');

    const statements = iamStatements(template).filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));

    expect(statements).toEqual([expect.objectContaining({ effect: 'Allow', actions: [...IDEMPOTENCY_TABLE_ACTIONS], resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] })]);
    expect([...IDEMPOTENCY_TABLE_ACTIONS].sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });
});
