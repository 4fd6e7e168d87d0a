/**
 * `startLocalDynamoDbWorker`: the same local DynamoDB as `startLocalDynamoDb`, run in a worker
 * thread, so that its work does not queue behind everything else on the main thread (the local
 * cloud runs its emulators and routers there) and it gets a core of its own.
 *
 * The worker listens on its own port; `handler` serves a request received by a server of the main
 * thread by posting its body to the worker (no second HTTP hop). The worker's code is bundled
 * with esbuild when first needed, so it loads the same way under jest, tsx and node.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import type { DataDirectoryReport } from './data-directory';
import type { RequestHandler } from './http-protocol';
import type { LocalDynamoDbOptions } from './server';

export interface LocalDynamoDbWorkerOptions extends Omit<LocalDynamoDbOptions, 'now'> {
  /** Runs the engine's clock this far ahead of real time (ms), for tests that expire items. @default 0 */
  clockOffsetMs?: number;
}

export interface LocalDynamoDbWorker {
  readonly url: string;
  readonly port: number;
  readonly notes: string[];
  readonly restored: DataDirectoryReport | undefined;
  /** Serves a request received on the main thread by handing it to the worker. */
  readonly handler: RequestHandler;
  /** Deletes the items whose TTL has passed now; resolves with how many. */
  deleteExpiredItems(): Promise<number>;
  /** Stops the server (compacting the data directory) and the worker. */
  close(): Promise<void>;
}

let bundled: string | undefined;

/** The worker's code, bundled once per process. */
function workerCode(): string {
  if (bundled === undefined) {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const result = esbuild.buildSync({
      entryPoints: [join(__dirname, 'worker-entry.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    bundled = (result.outputFiles[0] as { text: string }).text;
  }
  return bundled;
}

type WorkerMessage =
  | { type: 'ready'; url: string; port: number; notes: string[]; restored?: DataDirectoryReport }
  | { type: 'answer'; id: number; status: number; body: string }
  | { type: 'swept'; id: number; deleted: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** Starts a local DynamoDB in a worker thread. */
export async function startLocalDynamoDbWorker(options: LocalDynamoDbWorkerOptions = {}): Promise<LocalDynamoDbWorker> {
  const worker = new Worker(workerCode(), { eval: true, workerData: options, name: 'local-dynamodb' });
  const pending = new Map<number, (message: WorkerMessage) => void>();
  let nextId = 1;
  let onClosed: (() => void) | undefined;
  let failure: Error | undefined;
  const ready = new Promise<Extract<WorkerMessage, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'answer' || message.type === 'swept') {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      } else if (message.type === 'closed') onClosed?.();
      else if (message.type === 'error') {
        failure = new Error(`local-dynamodb worker: ${message.message}`);
        reject(failure);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`local-dynamodb worker exited with ${code} before it was ready`)));
  });
  let started: Extract<WorkerMessage, { type: 'ready' }>;
  try {
    started = await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const ask = <T extends WorkerMessage>(message: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (m: WorkerMessage) => void);
      worker.postMessage({ ...message, id });
    });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      ask<Extract<WorkerMessage, { type: 'answer' }>>({ type: 'request', target: req.headers['x-amz-target'], body: Buffer.concat(chunks).toString('utf8') }).then(({ status, body }) => {
        const bytes = Buffer.from(body);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': bytes.length, 'x-amzn-requestid': randomUUID(), 'x-amz-crc32': String(crc32(bytes)) }).end(bytes);
      });
    });
  };
  let closing: Promise<void> | undefined;
  return {
    url: started.url,
    port: started.port,
    notes: started.notes,
    restored: started.restored,
    handler,
    deleteExpiredItems: async () => (await ask<Extract<WorkerMessage, { type: 'swept' }>>({ type: 'sweep' })).deleted,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          onClosed = resolve;
          worker.postMessage({ type: 'close' });
        });
        await worker.terminate();
        if (failure) throw failure;
      })()),
  };
}
