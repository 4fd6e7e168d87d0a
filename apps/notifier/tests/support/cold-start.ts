/**
 * Loads the NotifyTeam handler as a fresh Lambda sandbox would: a module registry of its own
 * (`jest.isolateModules`), so each test starts with an empty secret cache and a new idempotency
 * table, and its own SDK mocks installed on the SDK module instances the handler uses.
 */
import type * as DynamoDBModule from '@aws-sdk/client-dynamodb';
import type * as SecretsManagerModule from '@aws-sdk/client-secrets-manager';
import type * as SsmModule from '@aws-sdk/client-ssm';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { installFakeIdempotencyTable, type FakeIdempotencyTable } from '@onboarding/testing';
import type * as HandlerModule from '../../src/handlers/notify-team';

/** A cold-started handler with the mocks of its own SDK clients. */
export interface ColdStart {
  readonly handler: typeof HandlerModule.handler;
  readonly secretsManager: AwsClientStub<SecretsManagerModule.SecretsManagerClient>;
  readonly ssm: AwsClientStub<SsmModule.SSMClient>;
  readonly dynamodb: AwsClientStub<DynamoDBModule.DynamoDBClient>;
  readonly table: FakeIdempotencyTable;
  /** The SDK modules as the handler sees them (for command classes in assertions). */
  readonly sdk: { secretsManager: typeof SecretsManagerModule; ssm: typeof SsmModule; dynamodb: typeof DynamoDBModule };
}

/** Cold-starts the handler with the test environment plus `env`. */
export function coldStart(env: Record<string, string> = {}): ColdStart {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let started: ColdStart | undefined;
  try {
    // Plain require() on purpose: it must run inside the isolated registry, after the environment is set.
    jest.isolateModules(() => {
      const { mockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
      const secretsManager = require('@aws-sdk/client-secrets-manager') as typeof SecretsManagerModule;
      const ssm = require('@aws-sdk/client-ssm') as typeof SsmModule;
      const dynamodb = require('@aws-sdk/client-dynamodb') as typeof DynamoDBModule;
      const dynamodbMock = mockClient(dynamodb.DynamoDBClient);
      // The table the handler is about to read from its environment.
      const table = installFakeIdempotencyTable(dynamodbMock, { tableName: process.env['IDEMPOTENCY_TABLE_NAME'] ?? '', sdk: dynamodb });
      const secretsManagerMock = mockClient(secretsManager.SecretsManagerClient);
      const ssmMock = mockClient(ssm.SSMClient);
      const { handler } = require('../../src/handlers/notify-team') as typeof HandlerModule;
      started = { handler, secretsManager: secretsManagerMock, ssm: ssmMock, dynamodb: dynamodbMock, table, sdk: { secretsManager, ssm, dynamodb } };
    });
  } finally {
    process.env = saved;
  }
  if (!started) throw new Error('the handler did not load');
  return started;
}
