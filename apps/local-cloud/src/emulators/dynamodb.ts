/**
 * DynamoDB by dynalite, in this process: in memory by default, on disk (LevelDB) under
 * `<data-dir>/dynamodb` with `--data-dir`. Every table of the model is created at start (key
 * schema and indexes; on-demand billing). dynalite has no TTL and no transactions: TTL attributes
 * are kept but items never expire (boot prints a note).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import dynalite from 'dynalite';
import type { TableModel } from '../model';
import { closeServer, listen } from './listen';

export interface DynamoDbEmulator {
  url: string;
  /** dynalite's request listener, for a server in front of it that dispatches in process (src/iam). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

async function call(url: string, operation: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      authorization: 'AWS4-HMAC-SHA256 Credential=local-cloud/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The CreateTable request for a table of the model (CloudFormation shape → API shape). */
export function createTableRequest(table: TableModel): Record<string, unknown> {
  const strip = (index: unknown) => {
    const { ProvisionedThroughput: _p, ContributorInsightsSpecification: _c, OnDemandThroughput: _o, WarmThroughput: _w, ...rest } = index as Record<string, unknown>;
    return rest;
  };
  return {
    TableName: table.tableName,
    KeySchema: table.keySchema,
    AttributeDefinitions: table.attributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.globalSecondaryIndexes ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(strip) } : {}),
    ...(table.localSecondaryIndexes ? { LocalSecondaryIndexes: table.localSecondaryIndexes.map(strip) } : {}),
  };
}

export async function startDynamoDb(options: { port: number; dataDir?: string; tables: TableModel[] }): Promise<DynamoDbEmulator> {
  const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const url = await listen(server, options.port, 'DynamoDB emulator');
  try {
    await Promise.all(
      options.tables.map(async (table) => {
        const { status, json } = await call(url, 'CreateTable', createTableRequest(table));
        // ResourceInUseException: kept from an earlier run with --data-dir; the data stays.
        if (status !== 200 && !String(json.__type).endsWith('ResourceInUseException')) {
          throw new Error(`Cannot create table ${table.tableName} (${table.stackName}/${table.logicalId}): ${String(json.message ?? json.Message ?? json.__type)}`);
        }
        // dynalite answers CreateTable before the table is ACTIVE; a write before then is refused.
        for (let attempt = 0; attempt < 200; attempt++) {
          const described = await call(url, 'DescribeTable', { TableName: table.tableName });
          if ((described.json.Table as { TableStatus?: string } | undefined)?.TableStatus === 'ACTIVE') return;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        throw new Error(`Table ${table.tableName} did not become ACTIVE`);
      }),
    );
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  return { url, handler: server.listeners('request')[0] as DynamoDbEmulator['handler'], close: () => closeServer(server) };
}
