/**
 * The data directory: what was accepted survives a restart and a kill -9 at any moment, a
 * transaction is there whole or not at all, a torn last line is dropped, compaction keeps
 * everything, and a write the journal cannot take is refused and changes nothing.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { DataDirectory, DynamoDbEngine, InternalServerError, startLocalDynamoDb } from '../src';

const table = {
  TableName: 'persisted',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-dynamodb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The engine a data directory holds, loaded as a restart would load it (without journaling further writes). */
function reopen(path: string): DynamoDbEngine {
  const engine = new DynamoDbEngine();
  DataDirectory.open(path, engine);
  engine.journal = undefined;
  return engine;
}

async function call(url: string, op: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}` }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the data directory', () => {
  it('keeps tables, items and TTL settings across a restart', async () => {
    const first = await startLocalDynamoDb({ dataDir: dir, createTables: [table] });
    first.engine.execute('PutItem', { TableName: 'persisted', Item: { pk: { S: 'a' }, n: { N: '1.50' } } });
    first.engine.execute('UpdateTimeToLive', { TableName: 'persisted', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
    await first.close();

    const second = await startLocalDynamoDb({ dataDir: dir, createTables: [table] });
    try {
      expect(second.engine.execute('GetItem', { TableName: 'persisted', Key: { pk: { S: 'a' } } })).toEqual({ Item: { pk: { S: 'a' }, n: { N: '1.5' } } });
      expect(second.engine.execute('DescribeTimeToLive', { TableName: 'persisted' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } });
      expect(second.restored?.snapshotRecords).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('keeps every acknowledged write, and each transaction whole, when the process is killed with SIGKILL', async () => {
    // node itself with tsx's loader (the tsx CLI would run the server in a grandchild, out of reach of the kill).
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'support', 'serve-data-dir.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      });
      expect((await call(url, 'CreateTable', table)).status).toBe(200);

      // 400 writes in flight at once; the process dies once 200 of them have been answered.
      const acknowledged: number[] = [];
      let killed = false;
      await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          const request =
            i % 2 === 0
              ? call(url, 'PutItem', { TableName: 'persisted', Item: { pk: { S: `put-${i}` }, i: { N: String(i) } } })
              : call(url, 'TransactWriteItems', {
                  TransactItems: [
                    { Put: { TableName: 'persisted', Item: { pk: { S: `tx-${i}-a` }, i: { N: String(i) } } } },
                    { Put: { TableName: 'persisted', Item: { pk: { S: `tx-${i}-b` }, i: { N: String(i) } } } },
                  ],
                });
          const answer = await request.catch(() => undefined);
          if (answer?.status === 200 && !killed) {
            acknowledged.push(i);
            if (acknowledged.length === 200) {
              killed = true;
              child.kill('SIGKILL');
            }
          }
        }),
      );
      await exited;
      expect(acknowledged.length).toBeGreaterThanOrEqual(200);

      const engine = reopen(dir);
      const has = (pk: string) => (engine.execute('GetItem', { TableName: 'persisted', Key: { pk: { S: pk } } }) as { Item?: unknown }).Item !== undefined;
      for (const i of acknowledged) {
        if (i % 2 === 0) expect(has(`put-${i}`)).toBe(true);
        else expect([has(`tx-${i}-a`), has(`tx-${i}-b`)]).toEqual([true, true]);
      }
      for (let i = 1; i < 400; i += 2) expect(has(`tx-${i}-a`)).toBe(has(`tx-${i}-b`));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  });

  it('drops a torn last journal line, which was never acknowledged', () => {
    const engine = new DynamoDbEngine();
    DataDirectory.open(dir, engine);
    engine.execute('CreateTable', table);
    engine.execute('PutItem', { TableName: 'persisted', Item: { pk: { S: 'kept' } } });
    engine.journal = undefined;
    const journal = readdirSync(dir).find((f) => f.startsWith('journal-')) as string;
    appendFileSync(join(dir, journal), '[{"op":"put","table":"persisted","item":{"pk":{"S":"torn"');

    const reopened = new DynamoDbEngine();
    const directory = DataDirectory.open(dir, reopened);

    expect(directory.report.tornBytes).toBeGreaterThan(0);
    expect(reopened.execute('Scan', { TableName: 'persisted' })).toMatchObject({ Count: 1, Items: [{ pk: { S: 'kept' } }] });
    directory.close();
  });

  it('compacts into a snapshot and keeps everything', () => {
    const engine = new DynamoDbEngine();
    const directory = DataDirectory.open(dir, engine);
    engine.execute('CreateTable', table);
    for (let i = 0; i < 50; i++) engine.execute('PutItem', { TableName: 'persisted', Item: { pk: { S: `k${i}` }, v: { N: String(i) } } });
    engine.execute('DeleteItem', { TableName: 'persisted', Key: { pk: { S: 'k0' } } });
    directory.compact();
    engine.execute('PutItem', { TableName: 'persisted', Item: { pk: { S: 'after' } } });
    directory.close();

    expect(readdirSync(dir).sort()).toEqual(['journal-2.jsonl', 'snapshot-2.jsonl']);
    expect(reopen(dir).execute('Scan', { TableName: 'persisted', Select: 'COUNT' })).toEqual({ Count: 50, ScannedCount: 50 });
  });

  it('refuses a write it cannot journal, and changes nothing', () => {
    const engine = new DynamoDbEngine();
    engine.execute('CreateTable', table);
    engine.journal = {
      write: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };

    expect(() => engine.execute('PutItem', { TableName: 'persisted', Item: { pk: { S: 'lost' } } })).toThrow(InternalServerError);
    engine.journal = undefined;
    expect(engine.execute('Scan', { TableName: 'persisted', Select: 'COUNT' })).toEqual({ Count: 0, ScannedCount: 0 });
  });
});
