/**
 * The wire: the HTTP/1.1 server of http-server.ts (keep-alive, pipelining, chunked bodies,
 * 100-continue, refusals of malformed requests), the JSON 1.0 error shape, the node:http handler
 * for servers in front, the worker-thread mode, and the AWS CLI against the endpoint.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { startLocalDynamoDb, startLocalDynamoDbWorker, type LocalDynamoDb } from '../src';

let db: LocalDynamoDb;
beforeAll(async () => {
  db = await startLocalDynamoDb({
    createTables: [{ TableName: 'wire', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }],
  });
});
afterAll(() => db.close());

/** Writes raw bytes (possibly in pieces) on one connection; resolves with everything read until `done` says so. */
function exchange(port: number, pieces: (string | Buffer)[], done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (done(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
}

const request = (body: string, extra = '') =>
  `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.GetItem\r\n${extra}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const count = (text: string, what: string) => text.split(what).length - 1;

describe('the HTTP server', () => {
  it('answers pipelined requests in order on one kept-alive connection, whatever the packet boundaries', async () => {
    const a = request('{"TableName":"wire","Key":{"pk":{"S":"a"}}}');
    const b = request('{"TableName":"nope","Key":{"pk":{"S":"a"}}}');
    const bytes = a + b;

    const text = await exchange(db.port, [bytes.slice(0, 7), bytes.slice(7, 90), bytes.slice(90)], (t) => count(t, 'HTTP/1.1 ') === 2 && t.endsWith('}'));

    const [first, second] = text.split('HTTP/1.1 ').slice(1);
    expect(first).toMatch(/^200 OK/);
    expect(first).toMatch(/connection: keep-alive/);
    expect(second).toMatch(/^400 /);
    expect(second).toContain('ResourceNotFoundException');
  });

  it('reads a chunked body and answers 100 Continue when asked', async () => {
    const body = '{"TableName":"wire","Key":{"pk":{"S":"a"}}}';
    const head = 'POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: DynamoDB_20120810.GetItem\r\ntransfer-encoding: chunked\r\nexpect: 100-continue\r\n\r\n';

    const text = await exchange(db.port, [head, `${(10).toString(16)}\r\n${body.slice(0, 10)}\r\n`, `${(body.length - 10).toString(16)}\r\n${body.slice(10)}\r\n0\r\n\r\n`], (t) => t.includes('200 OK') && t.endsWith('}'));

    expect(text.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK')).toBe(true);
  });

  it('answers 400 and closes the connection on a malformed request', async () => {
    const text = await exchange(db.port, ['NONSENSE\r\n\r\n'], () => false);

    expect(text).toMatch(/^HTTP\/1.1 400 Bad Request/);
    expect(text).toContain('connection: close');
  });

  it('answers 431 to headers that never end', async () => {
    const text = await exchange(db.port, [`POST / HTTP/1.1\r\nx: ${'a'.repeat(70_000)}`], () => false);

    expect(text).toMatch(/^HTTP\/1.1 431 /);
  });

  it('answers errors as DynamoDB does: __type with the namespace, a message, the status, a checksum', async () => {
    const response = await fetch(db.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' }, body: '{not json' });
    const text = await response.text();

    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ __type: 'com.amazon.coral.service#SerializationException', message: expect.stringContaining('not valid JSON') });
    expect(response.headers.get('x-amz-crc32')).toBe(String(crc32(Buffer.from(text))));
  });

  it('refuses an unknown operation and a request without a target', async () => {
    for (const target of ['DynamoDB_20120810.Nope', undefined]) {
      const response = await fetch(db.url, { method: 'POST', headers: target ? { 'x-amz-target': target } : {}, body: '{}' });
      expect({ target, status: response.status, body: await response.json() }).toEqual({
        target,
        status: 400,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#UnknownOperationException', message: 'An unknown operation was requested.' },
      });
    }
  });

  it('serves a node:http server in front through its request handler', async () => {
    const front = createServer(db.handler);
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}`, {
        method: 'POST',
        headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' },
        body: JSON.stringify({ TableName: 'wire', Item: { pk: { S: 'front' } }, ReturnValues: 'ALL_OLD' }),
      });
      expect(response.status).toBe(200);
      expect(db.engine.execute('GetItem', { TableName: 'wire', Key: { pk: { S: 'front' } } })).toEqual({ Item: { pk: { S: 'front' } } });
    } finally {
      await new Promise((resolve) => front.close(resolve));
    }
  });
});

describe('the worker-thread mode', () => {
  it('serves on its own port and through its handler, and keeps its data directory', async () => {
    const worker = await startLocalDynamoDbWorker({
      createTables: [{ TableName: 'threaded', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }],
    });
    const front = createServer(worker.handler);
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const direct = await fetch(worker.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' }, body: JSON.stringify({ TableName: 'threaded', Item: { pk: { S: 'a' } } }) });
      const viaFront = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}`, {
        method: 'POST',
        headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
        body: JSON.stringify({ TableName: 'threaded', Key: { pk: { S: 'a' } } }),
      });

      expect(direct.status).toBe(200);
      expect(await viaFront.json()).toEqual({ Item: { pk: { S: 'a' } } });
      expect(viaFront.headers.get('x-amz-crc32')).toMatch(/^\d+$/);
    } finally {
      await new Promise((resolve) => front.close(resolve));
      await worker.close();
    }
  });
});

const hasAwsCli = spawnSync('aws', ['--version']).status === 0;

describe('the AWS CLI', () => {
  // .ci/run installs Debian's awscli; a machine without it cannot run this part.
  (hasAwsCli ? it : it.skip)('creates a table, writes in a transaction and reads back through the endpoint', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    // Asynchronously: the server answers from this process's event loop.
    const aws = async (...args: string[]) =>
      JSON.parse((await promisify(execFile)('aws', ['dynamodb', ...args, '--endpoint-url', db.url, '--output', 'json'], { env, encoding: 'utf8', timeout: 60_000 })).stdout || '{}') as Record<string, unknown>;

    await aws('create-table', '--table-name', 'cli', '--attribute-definitions', 'AttributeName=pk,AttributeType=S', '--key-schema', 'AttributeName=pk,KeyType=HASH', '--billing-mode', 'PAY_PER_REQUEST');
    await aws('transact-write-items', '--transact-items', JSON.stringify([{ Put: { TableName: 'cli', Item: { pk: { S: 'a' }, n: { N: '1' } } } }, { Put: { TableName: 'cli', Item: { pk: { S: 'b' } } } }]));
    const item = await aws('get-item', '--table-name', 'cli', '--key', '{"pk":{"S":"a"}}');
    const scan = await aws('scan', '--table-name', 'cli', '--select', 'COUNT');

    expect(item).toEqual({ Item: { pk: { S: 'a' }, n: { N: '1' } } });
    expect(scan).toMatchObject({ Count: 2 });
  }, 120_000);
});
