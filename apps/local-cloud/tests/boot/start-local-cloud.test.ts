import { eventually as poll, type Probe } from '@onboarding/testing';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { runSignupCommand } from '../../src/cli/signup';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const FIXTURES = join(__dirname, '../fixtures/assemblies');
const assemblies = [
  { app: 'orders', dir: join(FIXTURES, 'orders') },
  { app: 'flow', dir: join(FIXTURES, 'flow') },
];
const region = 'us-east-1';

/** This file's bound on every wait. */
const eventually = <T>(probe: Probe<T>, what: string, timeoutMs = 10_000): Promise<T> => poll(probe, what, timeoutMs);

describe('startLocalCloud on the fixture apps', () => {
  let cloud: LocalCloud;
  let workDir: string;
  let endpointsFile: string;
  let bootMs: number;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'lc-boot-'));
    endpointsFile = join(workDir, '.local/endpoints.json');
    const started = performance.now();
    cloud = await startLocalCloud({ ports: 'free', assemblies, synth: false, endpointsFile, asyncRetryDelayMs: () => 10, prewarm: true });
    bootMs = performance.now() - started;
  });

  afterAll(async () => {
    await cloud?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  const execution = (orderId: string) => cloud.stepfunctions.describeExecution(`arn:aws:states:us-east-1:000000000000:execution:FixtureFlow-Flow:order-${orderId}`).catch(() => undefined);

  it('boots in under 3 seconds and writes exactly the public endpoints', async () => {
    const written = JSON.parse(await readFile(endpointsFile, 'utf8')) as Record<string, string>;

    expect(bootMs).toBeLessThan(3000);
    expect(Object.keys(written).sort()).toEqual(['api', 'console', 'dynamodb', 'eventbridge', 's3', 'sesv2', 'stepfunctions', 'webhook']);
    for (const url of Object.values(written)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs an order through every service: API → bus → rule → function → state machine → DynamoDB, S3, SES, webhook → bus', async () => {
    const response = await fetch(`${cloud.endpoints.api}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item: 'book' }) });
    const { orderId } = (await response.json()) as { orderId: string };

    const done = await eventually(async () => {
      const e = await execution(orderId);
      return e && e.status !== 'RUNNING' ? e : undefined;
    }, 'the execution to end');
    const item = await new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }).send(
      new GetItemCommand({ TableName: 'FixtureOrders-OrdersTable', Key: { id: { S: orderId } } }),
    );
    const receipt = await new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }).send(
      new GetObjectCommand({ Bucket: 'fixtureorders-receipts', Key: `receipts/${orderId}.json` }),
    );
    const store = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: { subject: string }[] };
    const messages = (await (await fetch(`${cloud.endpoints.webhook}/messages`)).json()) as { orderId: string }[];
    const fulfilled = await eventually(() => cloud.eventbridge.events().find((e) => e['detail-type'] === 'OrderFulfilled' && (e.detail as { orderId?: string }).orderId === orderId), 'OrderFulfilled');
    const history = await cloud.stepfunctions.history(done.executionArn);

    expect(response.status).toBe(202);
    expect(done.status).toBe('SUCCEEDED');
    expect(item.Item).toMatchObject({ id: { S: orderId }, status: { S: 'FULFILLED' }, item: { S: 'book' } });
    expect(JSON.parse((await receipt.Body?.transformToString()) ?? 'null')).toMatchObject({ orderId, item: 'book' });
    expect(store.emails.map((e) => e.subject)).toContain(`Order ${orderId}`);
    expect(messages).toContainEqual({ text: `Order ${orderId} fulfilled`, orderId });
    expect(fulfilled.matchedRules).toEqual(['FixtureFlow-AuditRule']);
    expect(history.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ExecutionStarted', 'TaskStateEntered', 'ExecutionSucceeded']));
  });

  it('refuses bad input with a 4xx JSON error and starts nothing', async () => {
    const eventsBefore = cloud.eventbridge.events().length;

    const response = await fetch(`${cloud.endpoints.api}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nothing: true }) });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'ValidationError', message: 'item is required' });
    expect(cloud.eventbridge.events()).toHaveLength(eventsBefore);
  });

  it('keeps an event whose asynchronous invocation kept failing on the function’s on-failure queue, after its retries', async () => {
    const response = await fetch(`${cloud.endpoints.api}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item: 'pen', failAudit: true }) });
    const { orderId } = (await response.json()) as { orderId: string };

    const letter = await eventually(
      () => cloud.deadLetters.list('arn:aws:sqs:us-east-1:000000000000:FixtureFlow-AuditFailures').find((l) => JSON.stringify(l.body).includes(orderId)),
      'the dead letter',
    );

    expect(letter.source).toBe('lambda:FixtureFlow-Audit');
    expect(letter.body).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 2, functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:FixtureFlow-Audit:$LATEST' },
      requestPayload: { 'detail-type': 'OrderPlaced', detail: { orderId } },
      responsePayload: { errorType: 'AuditRefusedError', errorMessage: 'audit refused this order' },
    });
  });

  it('serves the Lambda Invoke API: RequestResponse, Event, and ResourceNotFoundException', async () => {
    const invocations = `${cloud.endpoints.lambda}/2015-03-31/functions`;

    const sync = await fetch(`${invocations}/FixtureFlow-Audit/invocations`, { method: 'POST', body: JSON.stringify({ 'detail-type': 'Manual', detail: { orderId: 'manual' } }) });
    const failed = await fetch(`${invocations}/FixtureFlow-Audit/invocations`, { method: 'POST', body: JSON.stringify({ detail: { failAudit: true } }) });
    const queued = await fetch(`${invocations}/FixtureFlow-Audit/invocations`, { method: 'POST', headers: { 'x-amz-invocation-type': 'Event' }, body: '{}' });
    const missing = await fetch(`${invocations}/Nope/invocations`, { method: 'POST', body: '{}' });

    expect(sync.status).toBe(200);
    expect(await sync.json()).toEqual({ audited: true });
    expect(failed.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await failed.json()).toMatchObject({ errorType: 'AuditRefusedError' });
    expect(queued.status).toBe(202);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it('shows functions, logs and dead letters on the console', async () => {
    const functions = (await (await fetch(`${cloud.endpoints.console}/api/functions`)).json()) as { functionName: string; invocations: number }[];
    const logs = (await (await fetch(`${cloud.endpoints.console}/api/logs?function=FixtureFlow-Audit`)).json()) as { functionName: string }[];
    const page = await (await fetch(cloud.endpoints.console)).text();

    expect(functions.find((f) => f.functionName === 'FixtureOrders-PlaceOrder')?.invocations).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);
    expect(new Set(logs.map((l) => l.functionName))).toEqual(new Set(['FixtureFlow-Audit']));
    expect(page).toContain('FixtureOrders-FulfilOrder');
  });

  it('signs up from the signup CLI and follows the execution step by step', async () => {
    const out: string[] = [];
    const err: string[] = [];

    const code = await runSignupCommand(['--email', 'ada@example.com', '--name', 'Ada', '--wait', '--endpoints-file', endpointsFile], workDir, { out: (l) => out.push(l), err: (l) => err.push(l) });

    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Signup accepted: [0-9a-f-]{36}$/);
    expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}✓ FulfilOrder \(\d+ ms\)$/), expect.stringMatching(/^ {2}✓ Announce/), 'Onboarding succeeded.']));
  });

  it('stops every server, removes the endpoints file, and is safe to call twice', async () => {
    const { api, console: consoleUrl, dynamodb, s3, sesv2 } = cloud.endpoints;

    await Promise.all([cloud.stop(), cloud.stop()]);

    expect(existsSync(endpointsFile)).toBe(false);
    for (const url of [api, consoleUrl, dynamodb, s3, sesv2]) await expect(fetch(url)).rejects.toThrow();
  });
});

describe('startLocalCloud with a data directory', () => {
  it('keeps tables, objects and dead letters across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lc-data-'));
    const options = { ports: 'free' as const, assemblies, synth: false, dataDir, asyncRetryDelayMs: () => 10 };
    try {
      const first = await startLocalCloud(options);
      let orderId: string;
      try {
        const response = await fetch(`${first.endpoints.api}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item: 'lamp', failAudit: true }) });
        ({ orderId } = (await response.json()) as { orderId: string });
        await eventually(() => first.webhook.messages().some((m) => JSON.stringify(m).includes(orderId)), 'the order to be fulfilled');
        await eventually(() => first.deadLetters.list().some((l) => JSON.stringify(l.body).includes(orderId)), 'the audit dead letter');
      } finally {
        await first.stop();
      }

      const second = await startLocalCloud(options);
      try {
        const item = await new DynamoDBClient({ endpoint: second.endpoints.dynamodb, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }).send(
          new GetItemCommand({ TableName: 'FixtureOrders-OrdersTable', Key: { id: { S: orderId } } }),
        );
        const receipt = await new S3Client({ endpoint: second.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }).send(
          new GetObjectCommand({ Bucket: 'fixtureorders-receipts', Key: `receipts/${orderId}.json` }),
        );

        expect(item.Item?.status).toEqual({ S: 'FULFILLED' });
        expect(JSON.parse((await receipt.Body?.transformToString()) ?? 'null')).toMatchObject({ orderId });
        expect(second.deadLetters.list().some((l) => JSON.stringify(l.body).includes(orderId))).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('startLocalCloud refusals', () => {
  it('refuses a state machine the runner cannot run faithfully, naming the machine and the state, before starting anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lc-jsonata-'));
    try {
      await cp(join(FIXTURES, 'flow'), join(dir, 'flow'), { recursive: true });
      const templateFile = join(dir, 'flow/FixtureFlow.template.json');
      const template = JSON.parse(await readFile(templateFile, 'utf8'));
      template.Resources.Flow7D0F9C21.Properties.DefinitionString = JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'Shape',
        States: { Shape: { Type: 'Pass', Output: '{% $states.input %}', End: true } },
      });
      await writeFile(templateFile, JSON.stringify(template));

      const start = startLocalCloud({ ports: 'free', synth: false, assemblies: [...assemblies.filter((a) => a.app !== 'flow'), { app: 'flow', dir: join(dir, 'flow') }] });

      await expect(start).rejects.toThrow(/FixtureFlow-Flow.*JSONata/s);
      await expect(start).rejects.toMatchObject({ name: 'UnsupportedDefinitionError' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says which assembly is missing instead of starting half a system', async () => {
    await expect(startLocalCloud({ ports: 'free', synth: false, assemblies: [{ app: 'ghost', dir: join(FIXTURES, 'ghost') }] })).rejects.toThrow(/ghost/);
  });
});
