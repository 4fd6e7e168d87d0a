/**
 * `startLocalDynamoDb`: the engine behind an HTTP server on a port, with its data directory, its
 * tables from CloudFormation and its TTL sweeper; `close()` stops it all. This is what the local
 * cloud starts, and what a team starts in its own jest test.
 */
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tableFromCloudFormation, type CloudFormationTable } from './cloudformation';
import { DataDirectory, type DataDirectoryReport } from './data-directory';
import { DynamoDbEngine } from './engine';
import { createEngineServer, createRequestHandler, type RequestHandler } from './http-protocol';

export interface LocalDynamoDbOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Keep tables and items here across restarts (crash-safe); in memory only when absent. */
  dataDir?: string;
  /** How often expired TTL items are deleted, in ms; 0 never (call `deleteExpiredItems()`). @default 1000 */
  ttlSweepIntervalMs?: number;
  /** Tables to create at start, from CloudFormation (a table kept in `dataDir` is kept with its items). */
  tables?: CloudFormationTable[];
  /** Tables to create at start, as CreateTable requests. */
  createTables?: Record<string, unknown>[];
  /** Region and account in ARNs. @default 'us-east-1', '000000000000' */
  region?: string;
  accountId?: string;
  /** The engine's clock (ms since the epoch), for tests that expire items. @default Date.now */
  now?: () => number;
}

export interface LocalDynamoDb {
  /** The endpoint, e.g. `http://127.0.0.1:8000` (give it to the SDK as `endpoint`). */
  readonly url: string;
  readonly port: number;
  /** The engine itself, to call operations without HTTP (`engine.execute('GetItem', {...})`). */
  readonly engine: DynamoDbEngine;
  /** The HTTP request listener, for a server in front that dispatches in process. */
  readonly handler: RequestHandler;
  /** What the tables from CloudFormation declare that is not emulated (streams, ...). */
  readonly notes: string[];
  /** What the data directory held at start (undefined in memory). */
  readonly restored: DataDirectoryReport | undefined;
  /** Deletes the items whose TTL has passed now (the sweeper does it every `ttlSweepIntervalMs`). */
  deleteExpiredItems(): number;
  /** Stops the server and the sweeper, and compacts and closes the data directory. */
  close(): Promise<void>;
}

/** Creates the tables of `options` that do not exist yet; returns the notes of the CloudFormation ones. */
export function createStartTables(engine: DynamoDbEngine, options: Pick<LocalDynamoDbOptions, 'tables' | 'createTables'>): string[] {
  const notes: string[] = [];
  for (const request of options.createTables ?? []) engine.ensureTable(request);
  for (const table of options.tables ?? []) {
    const local = tableFromCloudFormation(table);
    notes.push(...local.notes);
    engine.ensureTable(local.createTable);
    if (local.timeToLive) {
      const current = engine.execute('DescribeTimeToLive', { TableName: table.tableName }) as { TimeToLiveDescription: { TimeToLiveStatus: string; AttributeName?: string } };
      const description = current.TimeToLiveDescription;
      if (description.TimeToLiveStatus === 'ENABLED' && description.AttributeName !== local.timeToLive.AttributeName) {
        engine.execute('UpdateTimeToLive', { TableName: table.tableName, TimeToLiveSpecification: { Enabled: false, AttributeName: description.AttributeName } });
      }
      if (description.TimeToLiveStatus !== 'ENABLED' || description.AttributeName !== local.timeToLive.AttributeName) {
        engine.execute('UpdateTimeToLive', { TableName: table.tableName, TimeToLiveSpecification: local.timeToLive });
      }
    }
  }
  return notes;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a local DynamoDB. */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const engine = new DynamoDbEngine({ region: options.region, accountId: options.accountId, now: options.now });
  const directory = options.dataDir ? DataDirectory.open(options.dataDir, engine) : undefined;
  let sweeper: NodeJS.Timeout | undefined;
  const server = createEngineServer(engine);
  try {
    const notes = createStartTables(engine, options);
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, options.port ?? 0, host);
    const interval = options.ttlSweepIntervalMs ?? 1000;
    if (interval > 0) {
      sweeper = setInterval(() => engine.deleteExpiredItems(), interval);
      sweeper.unref();
    }
    const handler = createRequestHandler(engine);
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      engine,
      handler,
      notes,
      restored: directory?.report,
      deleteExpiredItems: () => engine.deleteExpiredItems(),
      close: () =>
        (closing ??= new Promise<void>((resolve, reject) => {
          clearInterval(sweeper);
          server.close((error) => {
            try {
              directory?.close();
            } catch (closeError) {
              reject(closeError);
              return;
            }
            if (error) reject(error);
            else resolve();
          });
          server.destroyConnections();
        })),
    };
  } catch (error) {
    clearInterval(sweeper);
    server.close();
    directory?.close();
    throw error;
  }
}
