/**
 * The inside of `startLocalDynamoDbWorker` (worker.ts): a local DynamoDB, HTTP server included, in
 * a worker thread. Besides its HTTP port it answers requests posted by the parent
 * (`{ id, target, body }` → `{ id, status, body }`), so a server in the parent can hand requests
 * over without a second HTTP hop.
 *
 * Protocol: parent → worker `{ type: 'request', id, target, body }` | `{ type: 'sweep', id }` |
 * `{ type: 'close' }`; worker → parent `{ type: 'ready', url, port, notes, restored }` |
 * `{ type: 'answer', id, status, body }` | `{ type: 'swept', id, deleted }` | `{ type: 'closed' }` |
 * `{ type: 'error', message }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from './http-protocol';
import { startLocalDynamoDb, type LocalDynamoDbOptions } from './server';

type Message = { type: 'request'; id: number; target: string | undefined; body: string } | { type: 'sweep'; id: number } | { type: 'close' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker-entry runs in a worker thread');
  const { clockOffsetMs, ...options } = workerData as LocalDynamoDbOptions & { clockOffsetMs?: number };
  const db = await startLocalDynamoDb({ ...options, ...(clockOffsetMs ? { now: () => Date.now() + clockOffsetMs } : {}) });
  port.on('message', (message: Message) => {
    if (message.type === 'request') {
      const [status, body] = dispatch(db.engine, message.target, message.body);
      port.postMessage({ type: 'answer', id: message.id, status, body });
    } else if (message.type === 'sweep') {
      port.postMessage({ type: 'swept', id: message.id, deleted: db.deleteExpiredItems() });
    } else if (message.type === 'close') {
      db.close().then(
        () => port.postMessage({ type: 'closed' }),
        (error: Error) => port.postMessage({ type: 'error', message: error.message }),
      );
    }
  });
  port.postMessage({ type: 'ready', url: db.url, port: db.port, notes: db.notes, restored: db.restored });
}

main().catch((error: Error) => parentPort?.postMessage({ type: 'error', message: error.stack ?? error.message }));
