/**
 * The local cloud's S3 (s3rver, on a temporary directory) and DynamoDB (dynalite, in memory) on
 * loopback ports, for the integration tier. The idempotency table is created from the stack's own
 * template, so the handlers are tested against the key schema that deploys.
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageServiceStack } from '../../infra/storage-service-stack';

// dynalite ships no types; this is the part of its API used here.
const dynalite = require('dynalite') as (options: Record<string, number>) => Server;

/**
 * Runs s3rver in a child process with OpenSSL's legacy provider: s3rver 3.7 encrypts its
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17 and later) refuses by
 * default, so every truncated listing would fail with an InternalError.
 */
async function startS3rver(directory: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const script = `
    const S3rver = require(${JSON.stringify(require.resolve('s3rver'))});
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(directory)} });
    server.run().then(({ port }) => process.send({ port }));
    process.on('disconnect', () => server.close().then(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('s3rver exited before it was ready')))])) as [{ port: number }];
  return {
    endpoint: `http://127.0.0.1:${message.port}`,
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalEmulators {
  s3Endpoint: string;
  dynamoEndpoint: string;
  /** A path-style client on the local S3, for arranging and inspecting objects. */
  s3: S3Client;
  createBucket(name: string): Promise<void>;
  createIdempotencyTable(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalEmulators(): Promise<LocalEmulators> {
  const directory = mkdtempSync(join(tmpdir(), 'storage-service-s3-'));
  const s3rver = await startS3rver(directory);
  const s3Endpoint = s3rver.endpoint;
  const s3 = new S3Client({ endpoint: s3Endpoint, forcePathStyle: true, region: 'us-east-1', credentials });

  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  const dynamoEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials });

  // Only the table definition is needed: no bundling, no cdk-nag (the infra tests run it).
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const resources = Template.fromStack(new StorageServiceStack(app, 'OnboardingStorageService')).toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;

  return {
    s3Endpoint,
    dynamoEndpoint,
    s3,
    async createBucket(name) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    },
    async createIdempotencyTable(name) {
      const table = resources.IdempotencyTable;
      if (!table) throw new Error('The stack has no IdempotencyTable');
      const { KeySchema, AttributeDefinitions } = table.Properties as Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>;
      await dynamoClient.send(new CreateTableCommand({ TableName: name, KeySchema, AttributeDefinitions, BillingMode: 'PAY_PER_REQUEST' }));
    },
    async stop() {
      s3.destroy();
      dynamoClient.destroy();
      await s3rver.stop();
      await new Promise<void>((resolve, reject) => dynamo.close((error) => (error ? reject(error) : resolve())));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
