/**
 * A local DynamoDB (dynalite, in memory) on a loopback port for the integration tier, with tables
 * created from the stack's own template, so the code is tested against the key schema that deploys.
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AddressInfo } from 'node:net';
import { UserServiceStack } from '../../infra/user-service-stack';

// dynalite ships no types; this is the part of its API used here.
const dynalite = require('dynalite') as (options: Record<string, number>) => import('node:net').Server;

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a table with the key schema of the stack's table `logicalId`. */
  createTable(logicalId: 'UsersTable' | 'IdempotencyTable', tableName: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

  // Only the table definitions are needed: no bundling, no cdk-nag (the infra tests run it).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new UserServiceStack(app, 'OnboardingUserService');
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;

  return {
    endpoint,
    client,
    async createTable(logicalId, tableName) {
      const table = resources[logicalId];
      if (!table) throw new Error(`The stack has no table ${logicalId}`);
      const { KeySchema, AttributeDefinitions } = table.Properties as Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>;
      await client.send(new CreateTableCommand({ TableName: tableName, KeySchema, AttributeDefinitions, BillingMode: 'PAY_PER_REQUEST' }));
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
