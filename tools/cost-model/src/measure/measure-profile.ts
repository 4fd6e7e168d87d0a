/**
 * Measures what every function asks of AWS per invocation, by running an onboarding for real: the
 * local cloud (`npm start`, a black box) provides the endpoints and the resolved environments; each
 * function's bundle runs in a fresh Node.js process of its runtime's major (src/sandbox), its SDK
 * calls going through counting proxies to the local endpoints.
 *
 * The onboarding is driven the way AWS drives it: the HTTP route's function first, then the
 * targets of the rules its events match, then the state machine the StartExecution it made names,
 * walked by src/workflow with every Lambda task run for real. Besides the happy path, the failure
 * paths that exercise each task's failure (and reach the compensation steps) run too, their
 * failures made real by the proxies (the function's dependencies answer 503).
 *
 * Why a measurement and not a declaration: how many DynamoDB writes CreateUser makes depends on
 * Powertools' idempotency records, conditional writes and the code of the day; counted on the wire
 * it cannot drift from the code, and the honesty test re-counts it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpus } from 'node:os';
import { findFunction, loadStacks, readCostAssembly, type CostAssembly, type FunctionResource, type StateMachineResource } from '../assembly/read-assemblies';
import { envelopeOf, routeEvent, type BusEvent } from '../assembly/event-routing';
import { profileKey, type FunctionProfile, type MeasuredProfile, type OutcomeProfile, type RequestCounts } from '../profile/function-profile';
import { startCountingProxy, type CountingProxy, type FailurePredicate, type ProxiedService, type PublishedEvent, type RecordedRequest, type Recording } from '../sandbox/counting-proxy';
import { FunctionSandbox, type SandboxEndpoints, type SandboxInvocation } from '../sandbox/function-sandbox';
import { startLocalCloudProcess, type LocalCloudProcess, type LocalFunction } from '../sandbox/local-cloud-process';
import { nodeForRuntime } from '../sandbox/node-for-runtime';
import { enumerateScenarios, faultRunner, HAPPY, type Scenario } from '../workflow/scenarios';
import { walkExecution, type TaskAttempt, type TaskOutcome } from '../workflow/walker';
import { mean, percentile, round } from '../stats';
import { withFreshIds } from './fresh-ids';

const SERVICES: ProxiedService[] = ['dynamodb', 's3', 'sesv2', 'eventbridge', 'stepfunctions', 'ssm', 'secretsmanager', 'lambda'];

/** How an onboarding starts (profile/entry.json). */
export interface EntryRequest {
  route: string;
  body: unknown;
}

/** Options of {@link measureProfile}. */
export interface MeasureOptions {
  workspaceRoot: string;
  /** Fresh-process repetitions (each one measures a cold start of every function). @default 3 */
  repeat?: number;
  /** @default tools/cost-model/profile/entry.json */
  entry?: EntryRequest;
  onProgress?: (line: string) => void;
  /** Called with the running local cloud once the measurement is done, before it is stopped (tests look at what it ran). */
  beforeStop?: (cloud: LocalCloudProcess) => Promise<void>;
}

/** Something the measurement could not do; the message says what and where. */
export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
}

interface InvocationSample {
  outcome: 'success' | 'failure';
  cold: boolean;
  durationMs: number;
  cpuMs: number;
  logBytes: number;
  logEvents: number;
  requests: RecordedRequest[];
}

interface Samples {
  fn: FunctionResource;
  local: LocalFunction;
  init: number[];
  firstInvoke: number[];
  invocations: InvocationSample[];
  sampleOutput?: unknown;
  publishes?: PublishedEvent[];
  startsExecutions?: { stateMachine: string; name?: string; input: unknown }[];
}

/** The API Gateway HTTP API (payload format 2.0) event of one request. */
export function httpApiEvent(routeKey: string, body: unknown): Record<string, unknown> {
  const [method, path] = routeKey.split(' ') as [string, string];
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.com', 'user-agent': 'cost-model' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'costmodel',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'cost-model' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

function countsOfRequests(requests: RecordedRequest[]): RequestCounts {
  const counts: RequestCounts = { requests: {}, dynamodbReadUnits: 0, dynamodbWriteUnits: 0, s3Tier1: 0, s3Tier2: 0, sesRecipients: 0, secretsManagerCalls: 0, eventsPublished: 0, eventChunks: 0 };
  for (const r of requests) {
    const key = `${r.service}:${r.operation}`;
    counts.requests[key] = (counts.requests[key] ?? 0) + 1;
    counts.dynamodbReadUnits += r.readUnits ?? 0;
    counts.dynamodbWriteUnits += r.writeUnits ?? 0;
    // A 503 the proxy injected never reached AWS: nothing to bill.
    if (r.s3Tier === 1 && !r.injected) counts.s3Tier1 += 1;
    if (r.s3Tier === 2 && !r.injected) counts.s3Tier2 += 1;
    counts.sesRecipients += r.injected ? 0 : (r.sesRecipients ?? 0);
    if (r.service === 'secretsmanager' && !r.injected) counts.secretsManagerCalls += 1;
    for (const event of r.injected ? [] : (r.events ?? [])) {
      counts.eventsPublished += 1;
      counts.eventChunks += Math.max(1, Math.ceil(event.bytes / 65_536));
    }
  }
  return counts;
}

function meanCounts(all: RequestCounts[]): RequestCounts {
  const keys = new Set(all.flatMap((c) => Object.keys(c.requests)));
  const avg = (pick: (c: RequestCounts) => number) => round(mean(all.map(pick)), 3);
  return {
    requests: Object.fromEntries([...keys].sort().map((k) => [k, avg((c) => c.requests[k] ?? 0)])),
    dynamodbReadUnits: avg((c) => c.dynamodbReadUnits),
    dynamodbWriteUnits: avg((c) => c.dynamodbWriteUnits),
    s3Tier1: avg((c) => c.s3Tier1),
    s3Tier2: avg((c) => c.s3Tier2),
    sesRecipients: avg((c) => c.sesRecipients),
    secretsManagerCalls: avg((c) => c.secretsManagerCalls),
    eventsPublished: avg((c) => c.eventsPublished),
    eventChunks: avg((c) => c.eventChunks),
  };
}

function outcomeProfile(samples: InvocationSample[]): OutcomeProfile | undefined {
  if (samples.length === 0) return undefined;
  const warm = samples.filter((s) => !s.cold);
  const basis = warm.length > 0 ? warm : samples;
  return {
    invocations: samples.length,
    durationMs: { p50: round(percentile(basis.map((s) => s.durationMs), 0.5)), p95: round(percentile(basis.map((s) => s.durationMs), 0.95)) },
    cpuMs: round(percentile(basis.map((s) => s.cpuMs), 0.5)),
    logBytes: round(mean(basis.map((s) => s.logBytes)), 1),
    logEvents: round(mean(basis.map((s) => s.logEvents)), 2),
    ...meanCounts(basis.map((s) => countsOfRequests(s.requests))),
  };
}

function coldStartExtra(samples: InvocationSample[]): FunctionProfile['coldStartExtra'] {
  const cold = samples.filter((s) => s.cold && s.outcome === 'success');
  const warm = samples.filter((s) => !s.cold && s.outcome === 'success');
  if (cold.length === 0 || warm.length === 0) return undefined;
  const c = meanCounts(cold.map((s) => countsOfRequests(s.requests)));
  const w = meanCounts(warm.map((s) => countsOfRequests(s.requests)));
  const requests: Record<string, number> = {};
  for (const key of new Set([...Object.keys(c.requests), ...Object.keys(w.requests)])) {
    const extra = round((c.requests[key] ?? 0) - (w.requests[key] ?? 0), 3);
    if (extra > 0) requests[key] = extra;
  }
  const extra: NonNullable<FunctionProfile['coldStartExtra']> = {};
  if (Object.keys(requests).length > 0) extra.requests = requests;
  for (const metric of ['dynamodbReadUnits', 'dynamodbWriteUnits', 's3Tier1', 's3Tier2', 'secretsManagerCalls'] as const) {
    const delta = round(c[metric] - w[metric], 3);
    if (delta > 0) extra[metric] = delta;
  }
  return Object.keys(extra).length > 0 ? extra : undefined;
}

/** Runs the measurement and returns the profile (not written: the caller decides). */
export async function measureProfile(options: MeasureOptions): Promise<MeasuredProfile> {
  const root = options.workspaceRoot;
  const progress = options.onProgress ?? (() => undefined);
  const repeat = options.repeat ?? 3;
  const entry = options.entry ?? (JSON.parse(readFileSync(join(__dirname, '../../profile/entry.json'), 'utf8')) as EntryRequest);
  const assembly = readCostAssembly(loadStacks(join(root, 'apps')));
  const route = assembly.httpRoutes.find((r) => r.routeKey === entry.route);
  if (!route) throw new MeasurementError(`no HTTP API route ${entry.route} in the assemblies (routes: ${assembly.httpRoutes.map((r) => r.routeKey).join(', ') || 'none'})`);

  progress('Starting the local cloud...');
  const cloud: LocalCloudProcess = await startLocalCloudProcess({ workspaceRoot: root });
  let recording: Recording | undefined;
  const proxies: CountingProxy[] = [];
  const sandboxes = new Map<string, FunctionSandbox>();
  const samples = new Map<string, Samples>();
  const scenarioKeys = new Set<string>();
  const warnings = new Set<string>();
  try {
    // The webhook is reached through a proxy of its own: the secret holding its URL is answered with the proxy's.
    const webhookProxy = await startCountingProxy('webhook', cloud.endpoints.webhook, () => recording);
    proxies.push(webhookProxy);
    const viaWebhookProxy = (body: string) => body.split(cloud.endpoints.webhook).join(webhookProxy.url);
    for (const service of SERVICES) {
      proxies.push(await startCountingProxy(service, cloud.endpoints[service], () => recording, service === 'secretsmanager' || service === 'ssm' ? { rewriteAnswer: viaWebhookProxy } : {}));
    }
    const proxied = Object.fromEntries(SERVICES.map((s, i) => [s, (proxies[i + 1] as CountingProxy).url])) as unknown as SandboxEndpoints;

    const samplesOf = (fn: FunctionResource): Samples => {
      const key = profileKey(fn);
      let s = samples.get(key);
      if (!s) {
        const local = cloud.model.functions.find((f) => f.stackName === fn.stackName && f.logicalId === fn.logicalId);
        if (!local) throw new MeasurementError(`the local cloud has no function ${key}`);
        s = { fn, local, init: [], firstInvoke: [], invocations: [] };
        samples.set(key, s);
      }
      return s;
    };

    /** Invokes a function in its sandbox (starting a fresh one if there is none), the failure injected if asked. */
    const invoke = async (fn: FunctionResource, event: unknown, inject: boolean): Promise<SandboxInvocation & { requests: RecordedRequest[] }> => {
      const s = samplesOf(fn);
      const key = profileKey(fn);
      let sandbox = sandboxes.get(key);
      let cold = false;
      if (!sandbox) {
        const node = nodeForRuntime(s.local.runtime, root);
        sandbox = await FunctionSandbox.start({ ...s.local, logFormat: fn.logFormat }, proxied, node.binary);
        sandboxes.set(key, sandbox);
        s.init.push(sandbox.initMs);
        cold = true;
      }
      const idempotencyTable = s.local.environment['IDEMPOTENCY_TABLE_NAME'];
      const fail: FailurePredicate | undefined = inject ? (r) => !(r.service === 'dynamodb' && r.table === idempotencyTable) : undefined;
      recording = { requests: [], ...(fail ? { fail } : {}) };
      const answer = await sandbox.invoke(event);
      const requests = recording.requests;
      recording = undefined;
      if (cold) s.firstInvoke.push(answer.durationMs);
      if (inject && answer.ok) warnings.add(`${fn.name} succeeded although every dependency but its idempotency table failed: its failure outcome is measured on a successful attempt`);
      s.invocations.push({ outcome: answer.ok && !inject ? 'success' : 'failure', cold, durationMs: answer.durationMs, cpuMs: answer.cpuMs, logBytes: answer.logBytes, logEvents: answer.logEvents, requests });
      return { ...answer, requests };
    };

    const executions: { machine: StateMachineResource; input: unknown }[] = [];
    const machineByArn = (arn: string) => {
      const local = cloud.model.stateMachines.find((m) => m.arn === arn);
      return local && assembly.stateMachines.find((m) => m.stackName === local.stackName && m.logicalId === local.logicalId);
    };

    /** Follows what an invocation did: its events to the rules' targets, its StartExecution calls to their state machine. */
    const follow = async (from: FunctionResource | undefined, requests: RecordedRequest[], depth: number): Promise<void> => {
      if (depth > 5) throw new MeasurementError('events keep triggering functions that publish events (more than 5 hops): a loop?');
      for (const r of requests) {
        for (const event of r.events ?? []) {
          if (from) (samplesOf(from).publishes ??= []).push(event);
          await deliver(event, depth);
        }
        if (r.startExecution) {
          const machine = machineByArn(r.startExecution.stateMachineArn);
          if (!machine) throw new MeasurementError(`StartExecution of ${r.startExecution.stateMachineArn}, which is in no assembly`);
          if (from) (samplesOf(from).startsExecutions ??= []).push({ stateMachine: `${machine.stackName}/${machine.logicalId}`, ...(r.startExecution.name ? { name: r.startExecution.name } : {}), input: r.startExecution.input });
          executions.push({ machine, input: r.startExecution.input });
        }
      }
    };
    const deliver = async (event: BusEvent, depth: number) => {
      for (const target of routeEvent(assembly, event)) {
        if (target.kind === 'function') {
          const answer = await invoke(target.fn, envelopeOf(event, randomUUID()), false);
          if (!answer.ok) throw new MeasurementError(`${target.fn.name} (target of ${target.rule}) failed: ${answer.error?.errorType}: ${answer.error?.errorMessage}\n${answer.lastLines.join('\n')}`);
          await follow(target.fn, answer.requests, depth + 1);
        } else if (target.kind === 'state-machine') {
          executions.push({ machine: target.machine, input: envelopeOf(event, randomUUID()) });
        }
      }
    };

    /** One signup through the HTTP route; returns the executions it started. */
    const signUp = async () => {
      const fn = findFunction(assembly, route.functionArn);
      if (!fn) throw new MeasurementError(`route ${route.routeKey} integrates ${route.functionArn}, which is in no assembly`);
      const body = JSON.parse(JSON.stringify(entry.body).split('{unique}').join(randomUUID().slice(0, 8))) as unknown;
      executions.length = 0;
      const answer = await invoke(fn, httpApiEvent(route.routeKey, body), false);
      const status = (answer.payload as { statusCode?: number } | undefined)?.statusCode;
      if (!answer.ok || (status !== undefined && status >= 300)) {
        throw new MeasurementError(`${route.routeKey} answered ${answer.ok ? status : `${answer.error?.errorType}: ${answer.error?.errorMessage}`}: ${JSON.stringify(answer.payload)}`);
      }
      await follow(fn, answer.requests, 0);
      return [...executions];
    };

    const resultsByState = new Map<string, unknown>();
    /** Walks one scenario of an execution with every Lambda task run for real. */
    const runScenario = async (machine: StateMachineResource, input: unknown, scenario: Scenario) => {
      scenarioKeys.add(scenario.key);
      const fresh = withFreshIds(input);
      const run = async (attempt: TaskAttempt, inject: boolean, error?: string): Promise<TaskOutcome> => {
        const args = (attempt.args ?? {}) as Record<string, unknown>;
        if (/:states:::lambda:invoke/.test(attempt.resource) || /:lambda:.*:function:/.test(attempt.resource)) {
          const optimized = /:states:::lambda:invoke/.test(attempt.resource);
          const fnArn = optimized ? String(args['FunctionName']) : attempt.resource;
          const fn = findFunction(assembly, fnArn);
          if (!fn) throw new MeasurementError(`${machine.name}/${attempt.stateName} invokes ${fnArn}, which is in no assembly`);
          const answer = await invoke(fn, optimized ? args['Payload'] : args, inject);
          if (inject) return { ok: false, error: error as string, cause: answer.error?.errorMessage ?? '', durationMs: answer.durationMs };
          if (!answer.ok) {
            throw new MeasurementError(`${fn.name} failed with ${answer.error?.errorType} in the scenario "${scenario.description}" although nothing was injected: ${answer.error?.errorMessage}\n${answer.lastLines.join('\n')}`);
          }
          if (!samplesOf(fn).sampleOutput) samplesOf(fn).sampleOutput = answer.payload;
          await follow(fn, answer.requests, 1);
          const result = optimized ? { ExecutedVersion: '$LATEST', Payload: answer.payload, StatusCode: 200 } : answer.payload;
          resultsByState.set(attempt.stateName, result);
          return { ok: true, result, durationMs: answer.durationMs };
        }
        if (inject) return { ok: false, error: error as string, durationMs: 0 };
        if (/:states:::events:putEvents/.test(attempt.resource)) {
          const entries = (Array.isArray(args['Entries']) ? args['Entries'] : []) as Record<string, unknown>[];
          for (const e of entries) {
            const detail = typeof e['Detail'] === 'string' ? (JSON.parse(e['Detail']) as unknown) : e['Detail'];
            await deliver({ busName: String(e['EventBusName'] ?? 'default').split('event-bus/').pop() as string, source: String(e['Source']), detailType: String(e['DetailType']), detail }, 1);
          }
          const result = { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 };
          resultsByState.set(attempt.stateName, result);
          return { ok: true, result, durationMs: 0 };
        }
        // Another integration: nothing of a function's to measure; the cost walk prices it from the definition.
        return { ok: true, result: resultsByState.get(attempt.stateName) ?? {}, durationMs: 0 };
      };
      return walkExecution({
        definition: machine.definition,
        input: fresh,
        context: { Execution: { Name: `measure-${randomUUID()}` }, StateMachine: { Name: machine.name } },
        runTask: faultRunner(scenario.faults, (attempt) => run(attempt, false), (attempt, fault) => run(attempt, true, fault.error)),
      });
    };

    let selected: Scenario[] | undefined;
    for (let round_ = 1; round_ <= repeat; round_++) {
      progress(`Round ${round_} of ${repeat}: fresh sandboxes, three signups, then the workflow's paths...`);
      await Promise.all([...sandboxes.values()].map((s) => s.stop()));
      sandboxes.clear();
      // Three signups: the first pays the cold starts of the entry functions, the others are warm.
      let started: { machine: StateMachineResource; input: unknown }[] = [];
      for (let n = 0; n < 3; n++) {
        started = await signUp();
        await cloud.waitUntilIdle();
      }
      for (const { machine, input } of started) {
        await runScenario(machine, input, HAPPY);
        if (!selected) {
          const enumerated = await enumerateScenarios({
            definition: machine.definition,
            input,
            succeed: (attempt) => ({ ok: true, result: resultsByState.get(attempt.stateName) ?? {}, durationMs: 0 }),
          });
          selected = selectForMeasurement(enumerated, assembly);
          progress(`  ${selected.length} of ${enumerated.length} paths cover every task's success and failure: ${selected.map((s) => s.key).join(', ')}`);
        }
        for (const scenario of selected) if (scenario.key !== HAPPY.key) await runScenario(machine, input, scenario);
      }
      await cloud.waitUntilIdle();
    }

    await options.beforeStop?.(cloud);
    const functions: Record<string, FunctionProfile> = {};
    for (const [key, s] of [...samples.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const success = outcomeProfile(s.invocations.filter((i) => i.outcome === 'success'));
      const failure = outcomeProfile(s.invocations.filter((i) => i.outcome === 'failure'));
      const extra = coldStartExtra(s.invocations);
      functions[key] = {
        app: s.fn.app,
        name: s.fn.name,
        stackName: s.fn.stackName,
        logicalId: s.fn.logicalId,
        runtime: s.fn.runtime,
        memoryMb: s.fn.memoryMb,
        ...(s.fn.assetDir ? { asset: basename(s.fn.assetDir) } : {}),
        coldStart: {
          samples: s.init.length,
          initMs: { p50: round(percentile(s.init, 0.5)), p95: round(percentile(s.init, 0.95)) },
          firstInvokeMs: { p50: round(percentile(s.firstInvoke, 0.5)), p95: round(percentile(s.firstInvoke, 0.95)) },
        },
        ...(success ? { success } : {}),
        ...(failure ? { failure } : {}),
        ...(extra ? { coldStartExtra: extra } : {}),
        ...(s.sampleOutput !== undefined ? { sampleOutput: s.sampleOutput } : {}),
        ...(s.publishes ? { publishes: dedupeEvents(s.publishes) } : {}),
        ...(s.startsExecutions ? { startsExecutions: s.startsExecutions.slice(0, 1) } : {}),
      };
    }
    const node = nodeForRuntime(assembly.functions[0]?.runtime ?? 'nodejs24.x', root);
    return {
      measuredOn: new Date().toISOString().slice(0, 10),
      command: `npm run cost:measure -- --repeat ${repeat}`,
      environment: {
        node: node.version,
        platform: `${process.platform}/${process.arch}`,
        cpus: cpus().length,
        note: 'Counts are exact for this code. Durations are local wall-clock times against emulators on a shared machine, not AWS figures: replace them with your own (npm run cost -- --durations <file>).',
      },
      repeat,
      scenarios: [...scenarioKeys],
      ...(warnings.size > 0 ? { warnings: [...warnings] } : {}),
      functions,
    };
  } finally {
    recording = undefined;
    await Promise.all([...sandboxes.values()].map((s) => s.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    await cloud.stop();
  }
}

/** One event per (bus, source, detail-type): the profile keeps a sample, not every signup's. */
function dedupeEvents(events: PublishedEvent[]): PublishedEvent[] {
  const seen = new Map<string, PublishedEvent>();
  for (const e of events) if (!seen.has(`${e.busName}|${e.source}|${e.detailType}`)) seen.set(`${e.busName}|${e.source}|${e.detailType}`, e);
  return [...seen.values()];
}

/** The fewest scenarios (in enumeration order) that make every Lambda task state both succeed and fail at least once. */
export function selectForMeasurement(enumerated: { scenario: Scenario; walk: { tasks: { stateName: string; resource: string; outcome: { ok: boolean } }[] } }[], assembly: CostAssembly): Scenario[] {
  const covered = new Set<string>();
  const chosen: Scenario[] = [];
  const isLambda = (resource: string) => /:states:::lambda:invoke/.test(resource) || (/:lambda:/.test(resource) && !!findFunction(assembly, resource));
  for (const { scenario, walk } of enumerated) {
    const pairs = walk.tasks.filter((t) => isLambda(t.resource)).map((t) => `${t.stateName}:${t.outcome.ok ? 'ok' : 'failed'}`);
    if (pairs.some((p) => !covered.has(p)) || scenario.key === HAPPY.key) {
      chosen.push(scenario);
      for (const p of pairs) covered.add(p);
    }
  }
  return chosen;
}
