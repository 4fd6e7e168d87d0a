/**
 * Requests per second of three local DynamoDBs in one run, with the same requests and 16 callers:
 * this engine (on the main thread, and in a worker thread), dynalite (the local cloud's engine
 * before it, in process) and AWS's DynamoDB Local (Java, its own process); and, as a control, a
 * node:http server that answers `{}` to everything (the ceiling of any engine behind node:http).
 *
 * Workloads, each a closed loop of 16 callers for --seconds after a warm-up, repeated --rounds
 * times with the engines interleaved (so that a busy machine's noise falls on all of them alike),
 * the median reported:
 * - `conditional PutItem`: a new item per request with `attribute_not_exists(sk)` (the bench:local probe);
 * - `onboarding mix`: the DynamoDB requests of one onboarding, in order, per caller: for each of
 *   the 6 idempotent steps Powertools' conditional PutItem (ReturnValuesOnConditionCheckFailure)
 *   and its UpdateItem, then user-service's user PutItem, email-claim PutItem, activation
 *   UpdateItem and a consistent GetItem (16 requests);
 * - `conditional PutItem, main thread busy`: the first workload while the main thread of the
 *   process is kept 60% busy, as the local cloud's main thread is during a burst (routing events,
 *   running state machines): what running the engine in a worker thread buys.
 *
 * The callers run in a worker thread and send each request as the AWS SDK v3 serializes it (same
 * headers and JSON), on keep-alive connections, so that the client's cost is small and equal for
 * every engine and the figure is the server's.
 *
 * Usage: npm run bench:dynamodb -- [--seconds 2] [--rounds 3] [--callers 16] [--skip dynamodb-local]
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startLocalDynamoDb, type LocalDynamoDb } from '../src';
import { startLocalDynamoDbWorker } from '../src/worker';
import { dynamoDbLocalUnavailable, startDynamoDbLocal } from '../src/testing';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    callers: { type: 'string', default: '16' },
    skip: { type: 'string', multiple: true, default: [] },
  },
});
const seconds = Number(values.seconds);
const callers = Number(values.callers);

const usersTable = {
  TableName: 'bench-users',
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
};
const idempotencyTable = {
  TableName: 'bench-idempotency',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
};

const LOAD_WORKER = join(__dirname, 'load-worker.cjs');

async function load(url: string, workload: 'put' | 'mix', busyMainThread = false): Promise<number> {
  const worker = new Worker(LOAD_WORKER, { workerData: { url, callers, seconds, warmup: Number(values.warmup), workload } });
  // The local cloud's main thread also routes events, runs the state machine and proxies requests:
  // modelled as 6 ms of work in every 10 ms while the callers run.
  const burner = busyMainThread
    ? setInterval(() => {
        const until = performance.now() + 6;
        while (performance.now() < until);
      }, 10)
    : undefined;
  try {
    const [message] = (await once(worker, 'message')) as [{ perSecond?: number; error?: string }];
    if (message.error) throw new Error(message.error);
    return message.perSecond as number;
  } finally {
    clearInterval(burner);
    await worker.terminate();
  }
}

async function createTables(url: string): Promise<void> {
  for (const table of [usersTable, idempotencyTable]) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.CreateTable', 'x-amz-date': '20260101T000000Z', authorization: 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify(table),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`CreateTable ${table.TableName} answered ${response.status}: ${text}`);
  }
  // dynalite creates tables asynchronously: wait until both are ACTIVE.
  for (const table of [usersTable, idempotencyTable]) {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DescribeTable', 'x-amz-date': '20260101T000000Z', authorization: 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
        body: JSON.stringify({ TableName: table.TableName }),
      });
      const described = (await response.json()) as { Table?: { TableStatus?: string } };
      if (described.Table?.TableStatus === 'ACTIVE') break;
      if (attempt > 500) throw new Error(`${table.TableName} did not become ACTIVE`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

interface Engine {
  name: string;
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'local-dynamodb (main thread)',
    start: async () => {
      const db: LocalDynamoDb = await startLocalDynamoDb({ port: 0 });
      return { url: db.url, stop: () => db.close() };
    },
  },
  {
    name: 'local-dynamodb (worker thread)',
    start: async () => {
      const db = await startLocalDynamoDbWorker({ port: 0 });
      return { url: db.url, stop: () => db.close() };
    },
  },
  {
    name: 'dynalite (main thread)',
    start: async () => {
      const dynalite = require('dynalite') as (options: Record<string, unknown>) => import('node:http').Server;
      const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as import('node:net').AddressInfo).port;
      return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
  },
  {
    // The floor of any engine behind node:http: it answers {} to everything, and does nothing else.
    name: 'node:http answering {}',
    start: async () => {
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.headers['x-amz-target'] === 'DynamoDB_20120810.DescribeTable') res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"Table":{"TableStatus":"ACTIVE"}}');
          else res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 2 }).end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as import('node:net').AddressInfo).port;
      return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
  },
  {
    name: 'dynamodb-local',
    start: async () => {
      const reason = dynamoDbLocalUnavailable();
      if (reason) throw new Error(reason);
      // Its default JIT and collector, for its best throughput.
      const local = await startDynamoDbLocal({ jvmOptions: ['-Xmx1g'] });
      return { url: local.url, stop: () => local.stop() };
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  console.log(`${callers} callers; per engine and workload ${values.warmup} s warm-up + ${seconds} s, ${rounds} rounds with the engines interleaved (requests/s: median (min-max), higher is better)`);
  const running: { engine: Engine; url: string; stop(): Promise<void>; put: number[]; mix: number[]; busy: number[] }[] = [];
  try {
    for (const engine of engines) {
      if ((values.skip as string[]).some((s) => engine.name.startsWith(s))) continue;
      const started = await engine.start();
      running.push({ engine, ...started, put: [], mix: [], busy: [] });
      await createTables(started.url);
    }
    for (let round = 1; round <= rounds; round++) {
      for (const r of running) {
        r.put.push(await load(r.url, 'put'));
        r.mix.push(await load(r.url, 'mix'));
        r.busy.push(await load(r.url, 'put', true));
      }
      console.log(`  round ${round} (put/mix/put with a busy main thread): ${running.map((r) => `${r.engine.name} ${[r.put, r.mix, r.busy].map((x) => (x.at(-1) as number).toFixed(0)).join('/')}`).join(', ')}`);
    }
  } finally {
    for (const r of running) await r.stop();
  }
  for (const r of running) {
    const figure = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`.padEnd(20);
    console.log(`${r.engine.name.padEnd(30)} conditional PutItem ${figure(r.put)} onboarding mix ${figure(r.mix)} conditional PutItem, main thread busy ${figure(r.busy)}`);
  }
  const dynalite = running.find((r) => r.engine.name.startsWith('dynalite'));
  if (dynalite) {
    for (const r of running.filter((x) => x.engine.name.startsWith('local-dynamodb'))) {
      console.log(
        `${r.engine.name}: ${(median(r.put) / median(dynalite.put)).toFixed(1)}x dynalite on conditional PutItem, ${(median(r.mix) / median(dynalite.mix)).toFixed(1)}x on the onboarding mix, ${(median(r.busy) / median(dynalite.busy)).toFixed(1)}x with the main thread busy`,
      );
    }
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
