/**
 * Benchmark of the local cloud on the real cloud assemblies (run `npm run synth` first):
 *
 * 1. boot: wall time from spawning `npm start` to `.local/endpoints.json` being written, with the
 *    assemblies cached (median of --boots runs), and the in-process boot of startLocalCloud;
 * 2. latency: --sequential signups one after another, POST /signup to the end of its execution, p50/p95;
 * 3. throughput: a burst of --concurrent signups, each VERIFIED by its side effects (one user item,
 *    one email, one storage prefix, one webhook message), onboardings per second;
 * 4. the limit: how many requests per second each emulator serves on its own (a short closed-loop
 *    probe per emulator), next to how many of its requests one onboarding needs, so the slowest
 *    one is named by measurement.
 *
 * Usage: npm run bench:local -- [--boots 3] [--sequential 200] [--concurrent 500]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { findWorkspaceRoot, startLocalCloud, type LocalCloud } from '../src/boot/start-local-cloud';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const { values } = parseArgs({
  options: { boots: { type: 'string', default: '3' }, sequential: { type: 'string', default: '200' }, concurrent: { type: 'string', default: '500' } },
});
const region = 'us-east-1';
const admin = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Spawns `npm start` and resolves with the ms until the endpoints file exists; then stops it. */
async function timeNpmStart(root: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-boot-'));
  const endpointsFile = join(dir, 'endpoints.json');
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--port-base', 'free', '--no-synth', '--quiet', '--endpoints-file', endpointsFile], {
    cwd: root,
    stdio: 'ignore',
    // Its own process group, so that SIGINT reaches npm and the local cloud as Ctrl-C would.
    detached: true,
  });
  try {
    while (!existsSync(endpointsFile)) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('npm start did not get ready in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs up one user and resolves with its signupId once its onboarding execution has ended. */
async function signup(cloud: LocalCloud, email: string, tenantId: string): Promise<{ signupId: string; status: string }> {
  const response = await fetch(`${cloud.endpoints.api}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Bench User', tenantId, plan: 'pro' }),
  });
  const body = (await response.json()) as { signupId?: string };
  if (response.status !== 202 || !body.signupId) throw new Error(`signup answered ${response.status}`);
  const machine = cloud.model.stateMachines.find((m) => m.app === 'orchestration') ?? cloud.model.stateMachines[0];
  if (!machine) throw new Error('no state machine in the model');
  const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:signup-${body.signupId}`;
  // The execution starts asynchronously (bus, rule, StartOnboarding): wait for it to exist, then to end.
  for (let attempt = 0; attempt < 6000; attempt++) {
    const described = await cloud.stepfunctions.describeExecution(executionArn).catch(() => undefined);
    if (described) return { signupId: body.signupId, status: (await cloud.stepfunctions.waitForExecution(executionArn)).status };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no execution for signup ${body.signupId}`);
}

/** Counts, per signupId, each side effect of a tenant's onboardings. */
async function sideEffects(cloud: LocalCloud, tenantId: string, signupIds: string[]) {
  const table = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId));
  const bucket = cloud.model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId));
  const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials: admin });
  const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const users = new Map<string, number>();
  let startKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({ TableName: table?.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `TENANT#${tenantId}` } }, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) if (item['sk']?.S?.startsWith('USER#')) users.set(item['signupId']?.S ?? '', (users.get(item['signupId']?.S ?? '') ?? 0) + 1);
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  const prefixes = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket?.bucketName, Prefix: `tenants/${tenantId}/users/`, ContinuationToken: token }));
    for (const object of page.Contents ?? []) prefixes.add(object.Key ?? '');
    token = page.NextContinuationToken;
  } while (token);
  const mail = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: unknown[] };
  const mailText = mail.emails.map((m) => JSON.stringify(m));
  const hooks = ((await (await fetch(`${cloud.endpoints.webhook}/messages`)).json()) as unknown[]).map((m) => JSON.stringify(m));
  let verified = 0;
  const problems: string[] = [];
  for (const id of signupIds) {
    const userId = `u-${id.replaceAll('-', '')}`;
    const counts = {
      users: users.get(id) ?? 0,
      prefixes: prefixes.has(`tenants/${tenantId}/users/${userId}/`) ? 1 : 0,
      emails: mailText.filter((m) => m.includes(id)).length,
      webhooks: hooks.filter((m) => m.includes(id)).length,
    };
    if (Object.values(counts).every((n) => n === 1)) verified++;
    else if (problems.length < 5) problems.push(`${id}: ${JSON.stringify(counts)}`);
  }
  return { verified, problems };
}

/** Closed-loop probe: how many requests per second an emulator serves with `concurrency` callers. */
async function probe(name: string, call: (i: number) => Promise<unknown>, seconds = 2, concurrency = 16): Promise<{ name: string; perSecond: number }> {
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i += concurrency) {
        await call(i);
        done++;
      }
    }),
  );
  return { name, perSecond: done / ((performance.now() - started) / 1000) };
}

async function main(): Promise<void> {
  const root = findWorkspaceRoot();
  const boots: number[] = [];
  for (let i = 0; i < Number(values.boots); i++) boots.push(await timeNpmStart(root));
  boots.sort((a, b) => a - b);
  console.log(`npm start to ready (assemblies cached): median ${quantile(boots, 0.5).toFixed(0)} ms (runs: ${boots.map((b) => b.toFixed(0)).join(', ')} ms)`);

  const bootStarted = performance.now();
  const cloud = await startLocalCloud({ ports: 'free', synth: false, prewarm: true });
  console.log(`startLocalCloud in process: ${(performance.now() - bootStarted).toFixed(0)} ms`);
  try {
    await cloud.runtime.prewarm();
    await signup(cloud, `warmup-${Date.now()}@example.com`, 'bench-warmup');

    const latencies: number[] = [];
    for (let i = 0; i < Number(values.sequential); i++) {
      const started = performance.now();
      const { status } = await signup(cloud, `seq-${i}-${Date.now()}@example.com`, 'bench-seq');
      if (status !== 'SUCCEEDED') throw new Error(`sequential signup ${i} ended ${status}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(`one signup end to end (${latencies.length} sequential): p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms`);

    const n = Number(values.concurrent);
    const tenantId = `bench-burst-${Date.now()}`;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: n }, (_, i) => signup(cloud, `burst-${i}@example.com`, tenantId)));
    const seconds = (performance.now() - started) / 1000;
    const succeeded = results.filter((r) => r.status === 'SUCCEEDED');
    await cloud.eventbridge.idle();
    const { verified, problems } = await sideEffects(cloud, tenantId, succeeded.map((r) => r.signupId));
    console.log(`${n} concurrent signups: ${seconds.toFixed(2)} s, ${(n / seconds).toFixed(0)} onboardings/s; ${succeeded.length} succeeded, ${verified} verified by their side effects`);
    for (const p of problems) console.log(`  not verified: ${p}`);

    const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region, credentials: admin });
    const table = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId));
    const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const bucket = cloud.model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId));
    const ses = new SESv2Client({ endpoint: cloud.endpoints.sesv2, region, credentials: admin });
    const events = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region, credentials: admin });
    // Requests one onboarding makes to each emulator, counted from the code paths (idempotency
    // records included): DynamoDB 2 per idempotent step x 6 + 4 for the user = 16; S3 1; SES 1; bus 3.
    const perOnboarding: Record<string, number> = { dynamodb: 16, s3: 1, sesv2: 1, eventbridge: 3 };
    const probes = [
      await probe('dynamodb', (i) => dynamodb.send(new PutItemCommand({ TableName: table?.tableName, Item: { pk: { S: 'TENANT#probe' }, sk: { S: `PROBE#${i}` } } }))),
      await probe('s3', (i) => s3.send(new PutObjectCommand({ Bucket: bucket?.bucketName, Key: `probe/${i}`, Body: new Uint8Array(0) }))),
      await probe('sesv2', (i) =>
        ses.send(new SendEmailCommand({ FromEmailAddress: 'probe@example.com', Destination: { ToAddresses: [`p${i}@example.com`] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } })),
      ),
      await probe('eventbridge', (i) => events.send(new PutEventsCommand({ Entries: [{ Source: 'bench.probe', DetailType: 'Probe', Detail: JSON.stringify({ i }), EventBusName: 'onboarding' }] }))),
    ];
    console.log('emulator ceilings (closed loop, 16 callers, 2 s each):');
    const ceilings = probes.map((p) => ({ ...p, onboardings: p.perSecond / (perOnboarding[p.name] ?? 1) }));
    for (const c of ceilings) console.log(`  ${c.name}: ${c.perSecond.toFixed(0)} requests/s, ${perOnboarding[c.name]} per onboarding, so at most ${c.onboardings.toFixed(0)} onboardings/s`);
    const slowest = ceilings.sort((a, b) => a.onboardings - b.onboardings)[0];
    console.log(`slowest emulator: ${slowest?.name} (at most ${slowest?.onboardings.toFixed(0)} onboardings/s on its own)`);
  } finally {
    await cloud.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
