/**
 * Boots the whole local cloud from the apps' cloud assemblies: reads the model, refuses state
 * machines the runner cannot run faithfully, starts the emulators (DynamoDB, S3, SES v2, SSM,
 * Secrets Manager, the webhook sink), the Lambda runtime, EventBridge, Step Functions, the HTTP API
 * and the console, all on 127.0.0.1, and returns handles to everything plus `stop()`. Used by
 * `npm start` (bin/start.ts), by tests and by benchmarks.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { loadCloudModel, type AssemblyLocation } from '../assembly';
import { startDynamoDb } from '../emulators/dynamodb';
import { closeServer, listen } from '../emulators/listen';
import { startS3 } from '../emulators/s3';
import { createSecretsManager } from '../emulators/secrets-manager';
import { startSes } from '../emulators/ses';
import { createSsm } from '../emulators/ssm';
import { createWebhookSink } from '../emulators/webhook-sink';
import { createEventBridgeService, type EventBridgeService } from '../eventbridge';
import { FaultInjector } from '../faults';
import { createHttpApi } from '../http-api/http-api';
import { createLocalIam, type LocalIam } from '../iam';
import { AsyncInvoker } from '../lambda/async-invoker';
import { FUNCTION_SECRET_ACCESS_KEY, functionAccessKeyId } from '../lambda/function-environment';
import { createInvokeEndpoint } from '../lambda/invoke-endpoint';
import { LambdaRuntime, type LambdaRuntimeOptions, type LogEntry } from '../lambda/lambda-runtime';
import type { CloudModel, RuleTargetModel } from '../model';
import { describeRecovery, openPersistence, recover, type RecoveryReport } from '../persistence';
import { ReplayLedger, replaySignup, withAdminRoutes } from '../replay';
import { checkDefinition, createStepFunctionsService, type StepFunctionsService } from '../stepfunctions';
import { ConsoleFeed } from '../console';
import { contractsOverview, readCatalog } from '../console/contracts';
import { createConsole } from './console-server';
import { DeadLetterStore } from './dead-letter-store';
import { DEFAULT_PORT_BASE, portsFor, type PortChoice, type ServerName } from './ports';
import { webhookPresets } from './webhook-presets';
import { findWorkspaceRoot } from './workspace-root';
import { writeFileAtomically } from '../persistence/write-file-atomically';

export { findWorkspaceRoot };

/** The public endpoints (`.local/endpoints.json`): exactly these keys, base URLs. */
export interface PublicEndpoints {
  api: string;
  console: string;
  eventbridge: string;
  stepfunctions: string;
  dynamodb: string;
  s3: string;
  sesv2: string;
  webhook: string;
}

/** Every endpoint, the public ones and those only the functions use. */
export interface Endpoints extends PublicEndpoints {
  ssm: string;
  secretsmanager: string;
  lambda: string;
}

export interface StartLocalCloudOptions {
  /** The monorepo root. @default found by walking up to nx.json */
  workspaceRoot?: string;
  /** Read exactly these assemblies instead of `apps/<app>/cdk.out`. */
  assemblies?: AssemblyLocation[];
  /** Synthesize first: always, never, or only when an assembly is missing. @default 'auto' */
  synth?: boolean | 'auto';
  /** `'free'` for free ports (tests), or the port base of the fixed layout. @default 4700 */
  ports?: PortChoice;
  /** Keep data (tables, objects, secrets, dead letters) on disk here. @default in memory / temporary */
  dataDir?: string;
  /** Write the public endpoints here when ready (and remove the file at stop). @default not written */
  endpointsFile?: string;
  /** Start every function's sandbox right after boot, in the background. @default false */
  prewarm?: boolean;
  /** Sandbox concurrency of the Lambda runtime. */
  lambda?: Pick<LambdaRuntimeOptions, 'invocationsPerSandbox' | 'maxSandboxesPerFunction'>;
  /** Delay before async-invocation retry n (Lambda: 1 and 2 minutes). @default 200 ms × n */
  asyncRetryDelayMs?: (retry: number) => number;
  /** Scales the state machines' Retry delays (1: as in AWS; 0.01: a 2 s retry waits 20 ms). @default 1 */
  stepFunctionsRetryDelayScale?: number;
  /** Progress lines while booting. */
  onProgress?: (line: string) => void;
  /** Every function log line as it arrives. */
  onLog?: (entry: LogEntry) => void;
  /** Check every AWS call of a function against its role's policy, as AWS would (src/iam). @default true */
  iam?: boolean;
  /** Faults injected from the start, in the `ONBOARDING_FAULTS` syntax (src/faults). @default none */
  faults?: string;
}

/** Fault injection, replay and crash recovery (src/faults, src/replay, src/persistence). */
export interface Resilience {
  faults: FaultInjector;
  /** What the replay command has re-sent, so it is not re-sent twice. */
  ledger: ReplayLedger;
  /** What was resumed at boot from the data directory (undefined without one). */
  recovery?: RecoveryReport;
  /** Bus deliveries and async invocations accepted and not yet done (undefined without a data directory). */
  owed(): { events: number; invocations: number } | undefined;
}

/** A running local cloud. */
export interface LocalCloud {
  endpoints: Endpoints;
  model: CloudModel;
  /** What the assembly reader noticed (TTL not applied, ...). */
  notes: string[];
  runtime: LambdaRuntime;
  asyncInvoker: AsyncInvoker;
  eventbridge: EventBridgeService;
  stepfunctions: StepFunctionsService;
  webhook: ReturnType<typeof createWebhookSink>;
  deadLetters: DeadLetterStore;
  secrets: ReturnType<typeof createSecretsManager>;
  ssm: ReturnType<typeof createSsm>;
  /** The local IAM check (refused calls: `iam.denials()`); undefined with `iam: false`. */
  iam?: LocalIam;
  resilience: Resilience;
  /** Stops every server and worker; safe to call more than once. */
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Boots the local cloud. On failure everything already started is stopped before the error is thrown. */
export async function startLocalCloud(options: StartLocalCloudOptions = {}): Promise<LocalCloud> {
  const progress = options.onProgress ?? (() => undefined);
  const workspaceRoot = options.workspaceRoot ?? findWorkspaceRoot();
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // keep stopping the rest
      }
    }
  };

  try {
    progress('Reading cloud assemblies...');
    const { model, notes } = await loadCloudModel({ workspaceRoot, assemblies: options.assemblies, synth: options.synth ?? 'auto', onProgress: progress });
    for (const sm of model.stateMachines) checkDefinition(sm.definition, sm.name);
    const iam = options.iam === false ? undefined : createLocalIam({ model });
    notes.push(...(iam?.notes ?? []));
    progress(
      `Model: ${model.functions.length} functions, ${model.tables.length} tables, ${model.buckets.length} buckets, ${model.rules.length} rules, ${model.stateMachines.length} state machines, ${model.httpRoutes.length} routes`,
    );
    if (dataDir) await mkdir(dataDir, { recursive: true });

    // Our own servers listen first (requests wait for their handler), so every URL is known
    // before the services that need them are built.
    const ports = portsFor(options.ports ?? DEFAULT_PORT_BASE);
    const handlers = new Map<ServerName, Handler>();
    const servers = new Map<ServerName, Server>();
    const own = ['api', 'console', 'eventbridge', 'stepfunctions', 'webhook', 'ssm', 'secretsmanager', 'lambda'] as const satisfies readonly ServerName[];
    for (const name of own) {
      const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
        const handler = handlers.get(name);
        if (handler) return handler(req, res);
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ message: 'The local cloud is starting' }));
      });
      servers.set(name, server);
      cleanups.push(() => closeServer(server));
    }
    progress('Starting emulators...');
    const accessKeys = Object.fromEntries(model.functions.map((f) => [functionAccessKeyId(f), FUNCTION_SECRET_ACCESS_KEY]));
    const [urls, dynamodb, s3, ses] = await Promise.all([
      Promise.all(own.map(async (name) => [name, await listen(servers.get(name) as Server, ports[name], name)] as const)).then(
        (pairs) => Object.fromEntries(pairs) as Record<(typeof own)[number], string>,
      ),
      startDynamoDb({ port: iam ? 0 : ports.dynamodb, dataDir: dataDir && join(dataDir, 'dynamodb'), tables: model.tables }).then((e) => (cleanups.push(() => e.close()), e)),
      startS3({ port: iam ? 0 : ports.s3, dataDir: dataDir && join(dataDir, 's3'), buckets: model.buckets, accessKeys }).then((e) => (cleanups.push(() => e.close()), e)),
      startSes({ port: iam ? 0 : ports.sesv2 }).then((e) => (cleanups.push(() => e.close()), e)),
    ]);
    // With local IAM the third-party emulators listen on internal ports, behind an authorizing proxy on the public one.
    const proxied = async (name: 'dynamodb' | 's3' | 'sesv2', port: number, emulator: { url: string; handler: Handler }) => {
      if (!iam) return emulator.url;
      const proxy = await iam.startProxy(name, port, emulator);
      cleanups.push(() => proxy.close());
      return proxy.url;
    };
    const [dynamodbUrl, s3Url, sesUrl] = await Promise.all([proxied('dynamodb', ports.dynamodb, dynamodb), proxied('s3', ports.s3, s3), proxied('sesv2', ports.sesv2, ses)]);
    const endpoints: Endpoints = {
      api: urls.api,
      console: urls.console,
      eventbridge: urls.eventbridge,
      stepfunctions: urls.stepfunctions,
      dynamodb: dynamodbUrl,
      s3: s3Url,
      sesv2: sesUrl,
      webhook: urls.webhook,
      ssm: urls.ssm,
      secretsmanager: urls.secretsmanager,
      lambda: urls.lambda,
    };

    // With a data directory, accepted work, executions and what was sent are journaled (src/persistence).
    const persistence = dataDir ? await openPersistence(dataDir, { deadLettersSaved: () => deadLetters.flush() }) : undefined;
    if (persistence) cleanups.push(() => persistence.close());
    await persistence?.keepSentMail();
    const faults = new FaultInjector({ model });
    if (options.faults) faults.set(options.faults);
    cleanups.push(() => faults.close());
    const ledger = new ReplayLedger(dataDir && join(dataDir, 'replays.json'));
    cleanups.push(() => ledger.flush());
    let recovery: RecoveryReport | undefined;

    const webhook = createWebhookSink(persistence ? { restore: persistence.webhook.restored, onReceived: persistence.webhook.received, onCleared: persistence.webhook.cleared } : {});
    const presets = webhookPresets(model, `${endpoints.webhook}/webhook`);
    for (const line of presets.notes) progress(line);
    const secrets = createSecretsManager({ secrets: model.secrets, presets: presets.secrets, file: dataDir && join(dataDir, 'secrets.json') });
    const ssm = createSsm({ parameters: model.ssmParameters, presets: presets.parameters, file: dataDir && join(dataDir, 'ssm-parameters.json') });
    const deadLetters = new DeadLetterStore(dataDir && join(dataDir, 'dead-letters.json'));
    cleanups.push(() => secrets.close(), () => ssm.close(), () => deadLetters.flush());

    const runtime = new LambdaRuntime({
      model,
      endpoints: { ...endpoints, stepfunctions: endpoints.stepfunctions },
      onLog: options.onLog,
      beforeInvoke: faults.beforeInvoke,
      ...options.lambda,
    });
    cleanups.push(() => runtime.close());
    const asyncInvoker = new AsyncInvoker({
      runtime,
      deadLetters,
      retryDelayMs: options.asyncRetryDelayMs,
      ...(persistence ? { journal: { accepted: (i) => persistence.work.invocationAccepted(i), settled: (id, dl) => persistence.work.invocationSettled(id, dl) } } : {}),
    });
    cleanups.push(() => asyncInvoker.stop());

    // Filled in after EventBridge, which needs it to deliver to state machines.
    const late: { stepfunctions?: StepFunctionsService } = {};
    const deliver = async (target: RuleTargetModel, event: unknown, rule: { name: string }): Promise<void> => {
      if (target.arn.startsWith('arn:aws:lambda:')) {
        // EventBridge invokes functions asynchronously: delivered once Lambda has accepted it
        // (with --data-dir, once that acceptance is on disk).
        await asyncInvoker.invokeAsync(target.arn, event).durable;
        return;
      }
      if (target.arn.startsWith('arn:aws:states:')) {
        if (!late.stepfunctions) throw new Error('Step Functions is not running');
        await late.stepfunctions.startExecution(target.arn, randomUUID(), JSON.stringify(event));
        return;
      }
      if (target.arn.startsWith('arn:aws:sqs:')) {
        deadLetters.add(target.arn, `events:${rule.name}/${target.id}`, event);
        return;
      }
      throw Object.assign(new Error(`Rule ${rule.name} target ${target.id}: ${target.arn} is not a target type the local cloud delivers to`), { statusCode: 400 });
    };
    const eventbridge = createEventBridgeService({
      model,
      deliver,
      onDeadLetter: (letter) => deadLetters.add(letter.deadLetterArn ?? `events:${letter.ruleName}/${letter.targetId}`, `events:${letter.ruleName}/${letter.targetId}`, letter),
      ...(persistence ? { journal: { accepted: (events) => persistence.work.eventsAccepted(events), settled: (id, target, dl) => persistence.work.eventSettled(id, target, dl) } } : {}),
    });
    // Change notes for the console's live view (src/console).
    const consoleFeed = new ConsoleFeed();
    cleanups.push(() => consoleFeed.close());
    const sfn = createStepFunctionsService({
      model,
      invokeFunction: runtime.invoke,
      putEvents: eventbridge.putEvents,
      retryDelayScale: options.stepFunctionsRetryDelayScale,
      onHistoryEvent: (executionArn) => consoleFeed.publish({ topic: 'executions', executionArn }),
      ...(iam ? { taskCalls: iam.taskCalls } : {}),
      ...(persistence ? { store: persistence.executions, suspendOnClose: true } : {}),
    });
    late.stepfunctions = sfn;
    cleanups.push(() => sfn.close());

    const requests: { requestId: string; method: string; path: string; statusCode: number; durationMs: number }[] = [];
    handlers.set('api', (req, res) => {
      void api(req, res);
    });
    const api = createHttpApi({
      routes: model.httpRoutes,
      invoke: runtime.invoke,
      onRequest: (record) => {
        requests.push(record);
        if (requests.length > 1000) requests.splice(0, requests.length - 1000);
      },
    });
    const invokeEndpoint = createInvokeEndpoint(runtime, asyncInvoker);
    handlers.set('lambda', (req, res) => void invokeEndpoint(req, res));
    handlers.set('eventbridge', eventbridge.handle);
    handlers.set('stepfunctions', sfn.handle);
    handlers.set('webhook', webhook.handle);
    handlers.set('ssm', ssm.handle);
    handlers.set('secretsmanager', secrets.handle);
    if (iam) for (const name of ['eventbridge', 'stepfunctions', 'ssm', 'secretsmanager', 'lambda'] as const) handlers.set(name, iam.gate(name, handlers.get(name) as Handler));
    const publicEndpoints = (): PublicEndpoints => ({
      api: endpoints.api,
      console: endpoints.console,
      eventbridge: endpoints.eventbridge,
      stepfunctions: endpoints.stepfunctions,
      dynamodb: endpoints.dynamodb,
      s3: endpoints.s3,
      sesv2: endpoints.sesv2,
      webhook: endpoints.webhook,
    });
    handlers.set(
      'console',
      createConsole({
        model,
        endpoints: () => ({ ...endpoints }),
        functions: () => runtime.stats(),
        logs: (name) => runtime.logs(name),
        deadLetters: () => deadLetters.list(),
        events: () => eventbridge.events(),
        executions: async () =>
          (await Promise.all(model.stateMachines.map((sm) => sfn.listExecutions({ stateMachineArn: sm.arn, maxResults: 100 })))).flatMap((page) => page.executions),
        requests: () => [...requests],
        stepfunctions: sfn,
        webhook: () => webhook.requests(),
        feed: consoleFeed,
        contracts: () => {
          const catalog = readCatalog(workspaceRoot);
          return { contracts: contractsOverview(catalog.contracts, model), ...(catalog.note ? { note: catalog.note } : {}) };
        },
        replaySignup: (signupId) => (self.cloud ? replaySignup(self.cloud, signupId) : Promise.reject(new Error('The local cloud is starting'))),
      }),
    );
    // Faults, replay and recovery status, in front of the read-only console (src/replay/admin-routes.ts).
    const self: { cloud?: LocalCloud } = {};
    handlers.set(
      'console',
      withAdminRoutes(handlers.get('console') as Handler, { faults, cloud: () => self.cloud, recovery: () => recovery, owed: () => persistence?.work.owed() }),
    );
    if (persistence) {
      recovery = await recover({ executions: persistence.executions, work: persistence.work, stepfunctions: sfn, eventbridge, asyncInvoker, deadLetters });
      const line = describeRecovery(recovery);
      if (line) progress(line);
    }

    if (options.endpointsFile) {
      const file = resolve(options.endpointsFile);
      await mkdir(dirname(file), { recursive: true });
      // Renamed into place, so a reader polling for it never reads it half-written.
      await writeFileAtomically(file, `${JSON.stringify(publicEndpoints(), null, 2)}\n`);
      cleanups.push(() => rm(file, { force: true }));
    }
    if (options.prewarm) {
      runtime.prewarm().catch((error: Error) => progress(`Prewarming failed: ${error.message}`));
    }

    let stopping: Promise<void> | undefined;
    self.cloud = {
      endpoints,
      model,
      notes,
      runtime,
      asyncInvoker,
      eventbridge,
      stepfunctions: sfn,
      webhook,
      deadLetters,
      secrets,
      ssm,
      ...(iam ? { iam } : {}),
      resilience: { faults, ledger, ...(recovery ? { recovery } : {}), owed: () => persistence?.work.owed() },
      stop: () => (stopping ??= cleanup()),
    };
    return self.cloud;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
