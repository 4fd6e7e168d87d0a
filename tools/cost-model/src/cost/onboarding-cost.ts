/**
 * What one onboarding costs, line by line, for one path through the workflow and one workflow
 * type. The onboarding is followed the way AWS runs it, from the synthesized templates: the HTTP
 * API request, its function, the events it publishes and the rules they match, the functions those
 * rules invoke, the execution they start, and that execution walked through the definition under
 * the scenario's faults, every task attempt priced from the measured profile of its function.
 *
 * Quantities are per onboarding; the report multiplies by a million. Cold starts are a share of
 * invocations (an assumption, stated in the report): a cold invocation bills its initialization
 * too (Lambda bills INIT for on-demand functions) and asks for what a sandbox fetches once.
 */
import { randomUUID } from 'node:crypto';
import { findFunction, type CostAssembly, type FunctionResource, type StateMachineResource } from '../assembly/read-assemblies';
import { archivesKeeping, envelopeOf, routeEvent, type BusEvent } from '../assembly/event-routing';
import { profileKey, type FunctionProfile, type MeasuredProfile, type OutcomeProfile } from '../profile/function-profile';
import { faultRunner, type Scenario } from '../workflow/scenarios';
import { walkExecution, type TaskAttempt, type TaskOutcome, type WalkResult } from '../workflow/walker';
import { eventEntryBytes } from '../sandbox/counting-proxy';
import { executionLogBytes, lambdaSystemLogBytes } from './log-records';
import type { PriceBook, PriceKey } from './price-book';

/** Assumptions about the workload, stated in every report. */
export interface Assumptions {
  /** Share of Lambda invocations that are cold starts. */
  coldStartRate: number;
  /** Share of onboardings X-Ray records a trace of (the default sampling rule's 5 %, its 1/s reservoir aside). */
  xraySampleRate: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = { coldStartRate: 0.01, xraySampleRate: 0.05 };

/** Options of {@link costOnboarding}. */
export interface CostOptions {
  assembly: CostAssembly;
  profile: MeasuredProfile;
  prices: PriceBook;
  scenario: Scenario;
  /** Price the onboarding's state machine as this type. @default its type in the template */
  workflowType?: 'STANDARD' | 'EXPRESS';
  assumptions?: Assumptions;
  /** The HTTP route an onboarding starts with. @default 'POST /signup' */
  entryRoute?: string;
  /** Warm durations (ms) to use instead of the measured ones, by function name or profile key. */
  durations?: Record<string, number>;
}

/** One line of a bill. */
export interface LineItem {
  service: string;
  item: string;
  /** Per onboarding. */
  quantity: number;
  unit: string;
  price: PriceKey;
  /** USD per onboarding. */
  cost: number;
  detail?: string;
}

/** The bill of one onboarding. */
export interface OnboardingBill {
  scenario: Scenario;
  workflowType: 'STANDARD' | 'EXPRESS';
  lines: LineItem[];
  /** USD per onboarding. */
  total: number;
  /** The walk of the onboarding's execution. */
  walk?: WalkResult;
  /** Express billing of that execution: billed duration and memory. */
  express?: { billedMs: number; memoryMb: number };
  /** Lambda invocations per function name. */
  invocations: Record<string, { requests: number; billedMs: number; outcome: Record<'success' | 'failure', number> }>;
  notes: string[];
}

/** The model cannot price what it was given; the message says what to do. */
export class CostModelError extends Error {
  override readonly name = 'CostModelError';
}

const MB = 1024 * 1024;

/** Express memory: 50 MB + definition + data × Parallel/Map steps, in 64 MB chunks (the pricing page's formula). */
export function expressBilledMemoryMb(definitionBytes: number, maxDataBytes: number, parallelOrMapSteps: number): number {
  const used = 50 * MB + definitionBytes + maxDataBytes * Math.max(1, parallelOrMapSteps);
  return Math.ceil(used / (64 * MB)) * 64;
}

/** Prices one onboarding. */
export async function costOnboarding(options: CostOptions): Promise<OnboardingBill> {
  const { assembly, profile, prices } = options;
  const assumptions = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const c = assumptions.coldStartRate;
  const notes = new Set<string>();
  const q = {
    apiRequests: 0,
    lambdaRequests: new Map<FunctionResource, { requests: number; billedMs: number; success: number; failure: number }>(),
    transitions: 0,
    expressRequests: 0,
    expressGbSeconds: 0,
    eventChunks: 0,
    archiveBytes: 0,
    wru: 0,
    rru: 0,
    sesRecipients: 0,
    s3Tier1: 0,
    s3Tier2: 0,
    secretsCalls: 0,
    lambdaLogBytes: 0,
    sfnLogBytes: 0,
    traces: 0,
  };
  let mainWalk: WalkResult | undefined;
  let express: OnboardingBill['express'];
  let workflowType: 'STANDARD' | 'EXPRESS' = options.workflowType ?? 'STANDARD';

  const profileOf = (fn: FunctionResource): FunctionProfile => {
    const p = profile.functions[profileKey(fn)];
    if (!p) throw new CostModelError(`the function profile has no measurement of ${fn.app}/${fn.name} (${profileKey(fn)}): run \`npm run cost:measure\``);
    if (fn.assetDir && p.asset && !fn.assetDir.endsWith(p.asset)) notes.add(`${fn.name} was measured on another build of its code (asset ${p.asset}): \`npm run cost:measure\` refreshes the profile`);
    return p;
  };

  /** Expected billed ms of one invocation, cold starts included. */
  const billedMs = (fn: FunctionResource, p: FunctionProfile, o: OutcomeProfile) => {
    const override = options.durations?.[fn.name] ?? options.durations?.[profileKey(fn)];
    const warm = Math.ceil(override ?? o.durationMs.p50);
    const cold = Math.ceil(p.coldStart.initMs.p50 + (override ?? p.coldStart.firstInvokeMs.p50));
    return (1 - c) * warm + c * cold;
  };

  /** Accounts one invocation of a function and follows what it does. */
  const invoke = async (fn: FunctionResource, outcome: 'success' | 'failure', depth: number): Promise<{ ms: number; output: unknown }> => {
    if (depth > 10) throw new CostModelError('an event loop: functions keep triggering each other (more than 10 hops)');
    const p = profileOf(fn);
    let o = p[outcome];
    if (!o && outcome === 'failure' && p.success) {
      o = p.success;
      notes.add(`${fn.name}: no failure was measured; a failed attempt is priced as a successful one`);
    }
    if (!o) throw new CostModelError(`the profile of ${fn.name} has no ${outcome} measurement: run \`npm run cost:measure\``);
    const ms = billedMs(fn, p, o);
    const entry = q.lambdaRequests.get(fn) ?? { requests: 0, billedMs: 0, success: 0, failure: 0 };
    entry.requests += 1;
    entry.billedMs += ms;
    entry[outcome] += 1;
    q.lambdaRequests.set(fn, entry);
    const extra = outcome === 'success' ? p.coldStartExtra : undefined;
    q.wru += o.dynamodbWriteUnits + c * (extra?.dynamodbWriteUnits ?? 0);
    q.rru += o.dynamodbReadUnits + c * (extra?.dynamodbReadUnits ?? 0);
    q.s3Tier1 += o.s3Tier1 + c * (extra?.s3Tier1 ?? 0);
    q.s3Tier2 += o.s3Tier2 + c * (extra?.s3Tier2 ?? 0);
    q.sesRecipients += o.sesRecipients;
    q.secretsCalls += o.secretsManagerCalls + c * (extra?.secretsManagerCalls ?? 0);
    const system = (cold: boolean) => lambdaSystemLogBytes({ logFormat: fn.logFormat, systemLogLevel: fn.systemLogLevel, cold, tracing: fn.tracing === 'Active', functionName: fn.name, memoryMb: fn.memoryMb });
    q.lambdaLogBytes += o.logBytes + (1 - c) * system(false) + c * system(true);
    if (outcome === 'success') {
      for (const event of p.publishes ?? []) await publish(event, event.bytes, depth + 1);
      for (const start of p.startsExecutions ?? []) {
        const machine = assembly.stateMachines.find((m) => `${m.stackName}/${m.logicalId}` === start.stateMachine);
        if (!machine) throw new CostModelError(`${fn.name} starts ${start.stateMachine}, which is in no assembly`);
        await execute(machine, start.input, depth + 1);
      }
    }
    return { ms, output: p.sampleOutput };
  };

  /** Accounts one event put on a bus and what its rules invoke. */
  const publish = async (event: BusEvent, bytes: number, depth: number) => {
    q.eventChunks += Math.max(1, Math.ceil(bytes / 65_536));
    q.archiveBytes += archivesKeeping(assembly, event) * bytes;
    for (const target of routeEvent(assembly, event)) {
      if (target.kind === 'function') await invoke(target.fn, 'success', depth);
      // A rule starts a state machine with the event as EventBridge delivers it.
      else if (target.kind === 'state-machine') await execute(target.machine, envelopeOf(event), depth);
      else notes.add(`rule ${target.rule} targets ${target.arn}: not priced`);
    }
  };

  /** Walks one execution (the first one is the onboarding's, under the scenario; others on their happy path). */
  const execute = async (machine: StateMachineResource, input: unknown, depth: number) => {
    const isMain = mainWalk === undefined;
    const type = isMain ? (options.workflowType ?? machine.type) : machine.type;
    if (isMain) workflowType = type;
    const runTask = async (attempt: TaskAttempt, fail: boolean, error = 'Error'): Promise<TaskOutcome> => {
      const args = (attempt.args ?? {}) as Record<string, unknown>;
      const optimized = /:states:::lambda:invoke/.test(attempt.resource);
      if (optimized || /:lambda:[^:]*:[^:]*:function:/.test(attempt.resource)) {
        const fnArn = optimized ? String(args['FunctionName']) : attempt.resource;
        const fn = findFunction(assembly, fnArn);
        if (!fn) throw new CostModelError(`${machine.name}/${attempt.stateName} invokes ${fnArn}, which is in no assembly`);
        const { ms, output } = await invoke(fn, fail ? 'failure' : 'success', depth + 1);
        if (fail) return { ok: false, error, durationMs: ms };
        return { ok: true, result: optimized ? { ExecutedVersion: '$LATEST', Payload: output, StatusCode: 200 } : output, durationMs: ms };
      }
      if (fail) return { ok: false, error, durationMs: 0 };
      if (/:states:::events:putEvents/.test(attempt.resource)) {
        const entries = (Array.isArray(args['Entries']) ? args['Entries'] : []) as Record<string, unknown>[];
        for (const e of entries) {
          const detail = typeof e['Detail'] === 'string' ? (JSON.parse(e['Detail']) as unknown) : e['Detail'];
          const sized = { ...e, Detail: typeof e['Detail'] === 'string' ? e['Detail'] : JSON.stringify(e['Detail'] ?? {}) };
          await publish({ busName: String(e['EventBusName'] ?? 'default').split('event-bus/').pop() as string, source: String(e['Source']), detailType: String(e['DetailType']), detail }, eventEntryBytes(sized), depth + 1);
        }
        return { ok: true, result: { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 }, durationMs: 0 };
      }
      const dynamo = /:states:::(?:aws-sdk:)?dynamodb:(putItem|updateItem|deleteItem|getItem)$/i.exec(attempt.resource);
      if (dynamo) {
        const size = Buffer.byteLength(JSON.stringify(args['Item'] ?? args['Key'] ?? {}));
        if (/get/i.test(dynamo[1] as string)) q.rru += (args['ConsistentRead'] === true ? 1 : 0.5) * Math.max(1, Math.ceil(size / 4096));
        else q.wru += Math.max(1, Math.ceil(size / 1024));
        notes.add(`${attempt.stateName} calls DynamoDB from the state machine: priced from the request's size in the definition`);
        return { ok: true, result: {}, durationMs: 0 };
      }
      notes.add(`${machine.name}/${attempt.stateName} calls ${attempt.resource}: not priced`);
      return { ok: true, result: {}, durationMs: 0 };
    };
    const walk = await walkExecution({
      definition: machine.definition,
      input,
      context: { Execution: { Name: `signup-${randomUUID()}` }, StateMachine: { Name: machine.name } },
      runTask: isMain ? faultRunner(options.scenario.faults, (a) => runTask(a, false), (a, fault) => runTask(a, true, fault.error)) : (a) => runTask(a, false),
    });
    if (isMain) mainWalk = walk;
    if (type === 'STANDARD') q.transitions += walk.transitions;
    else {
      const steps = walk.history.filter((e) => e.type === 'ParallelStateStarted' || e.type === 'MapIterationStarted').length;
      const memoryMb = expressBilledMemoryMb(machine.definitionBytes, walk.maxDataBytes, steps);
      const ms = Math.max(100, Math.ceil(walk.expectedDurationMs / 100) * 100);
      q.expressRequests += 1;
      q.expressGbSeconds += (memoryMb / 1024) * (ms / 1000);
      if (isMain) express = { billedMs: ms, memoryMb };
    }
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:${machine.logicalId}-AbCdEfGhIjKl:signup-${randomUUID()}`;
    q.sfnLogBytes += executionLogBytes(walk.history, { level: machine.logging.level, includeExecutionData: machine.logging.includeExecutionData, executionArn });
    if (machine.tracing) q.traces = Math.max(q.traces, assumptions.xraySampleRate);
  };

  // The onboarding starts with one request to the entry route.
  const routeKey = options.entryRoute ?? 'POST /signup';
  const route = assembly.httpRoutes.find((r) => r.routeKey === routeKey);
  if (!route) throw new CostModelError(`no HTTP API route ${routeKey} in the assemblies`);
  const entryFn = findFunction(assembly, route.functionArn);
  if (!entryFn) throw new CostModelError(`route ${routeKey} integrates ${route.functionArn}, which is in no assembly`);
  q.apiRequests += 1;
  if (entryFn.tracing === 'Active') q.traces = Math.max(q.traces, assumptions.xraySampleRate);
  await invoke(entryFn, 'success', 0);
  if (!mainWalk) notes.add('no state machine execution was reached from the entry route');

  // ---- the bill ----------------------------------------------------------------------------------
  const lines: LineItem[] = [];
  const line = (service: string, item: string, quantity: number, unit: string, price: PriceKey, detail?: string) => {
    if (quantity === 0) return;
    lines.push({ service, item, quantity, unit, price, cost: quantity * prices.prices[price].usd, ...(detail ? { detail } : {}) });
  };
  line('API Gateway', 'HTTP API requests', q.apiRequests, 'requests', 'apiGateway.http.request');
  const invocations: OnboardingBill['invocations'] = {};
  let requests = 0;
  const gbSeconds: Record<'arm64' | 'x86_64', number> = { arm64: 0, x86_64: 0 };
  const perArch: Record<'arm64' | 'x86_64', string[]> = { arm64: [], x86_64: [] };
  for (const [fn, entry] of q.lambdaRequests) {
    requests += entry.requests;
    gbSeconds[fn.architecture] += (fn.memoryMb / 1024) * (entry.billedMs / 1000);
    perArch[fn.architecture].push(`${fn.name} ${entry.requests}x ${(entry.billedMs / entry.requests).toFixed(1)} ms @ ${fn.memoryMb} MB`);
    invocations[fn.name] = { requests: entry.requests, billedMs: entry.billedMs, outcome: { success: entry.success, failure: entry.failure } };
  }
  line('Lambda', 'requests', requests, 'invocations', 'lambda.request', Object.entries(invocations).map(([n, i]) => `${n} ${i.requests}`).join(', '));
  line('Lambda', 'duration, arm64', gbSeconds.arm64, 'GB-seconds', 'lambda.arm64.gbSecond', perArch.arm64.join('; '));
  line('Lambda', 'duration, x86_64', gbSeconds.x86_64, 'GB-seconds', 'lambda.x86_64.gbSecond', perArch.x86_64.join('; '));
  line('Step Functions', 'state transitions (Standard)', q.transitions, 'transitions', 'stepFunctions.standard.stateTransition');
  line('Step Functions', 'requests (Express)', q.expressRequests, 'executions', 'stepFunctions.express.request');
  line('Step Functions', 'duration (Express)', q.expressGbSeconds, 'GB-seconds', 'stepFunctions.express.gbSecond', express ? `${express.billedMs} ms billed at ${express.memoryMb} MB` : undefined);
  line('EventBridge', 'custom events published', q.eventChunks, 'events (64 KB chunks)', 'eventBridge.customEvent');
  line('EventBridge', 'archive', q.archiveBytes / 1024 ** 3, 'GB archived', 'eventBridge.archive.gbProcessed', `${Math.round(q.archiveBytes)} bytes`);
  line('DynamoDB', 'on-demand writes', q.wru, 'write request units', 'dynamodb.onDemand.writeRequestUnit');
  line('DynamoDB', 'on-demand reads', q.rru, 'read request units', 'dynamodb.onDemand.readRequestUnit');
  line('SES', 'emails sent', q.sesRecipients, 'recipients', 'ses.outboundRecipient');
  line('S3', 'PUT, COPY, POST, LIST requests', q.s3Tier1, 'requests', 's3.standard.tier1Request');
  line('S3', 'GET and other requests', q.s3Tier2, 'requests', 's3.standard.tier2Request');
  line('Secrets Manager', 'API calls', q.secretsCalls, 'calls', 'secretsManager.apiCall');
  line('CloudWatch Logs', 'ingestion, Lambda logs', q.lambdaLogBytes / 1024 ** 3, 'GB', 'cloudWatchLogs.vendedIngestion.gb', `${Math.round(q.lambdaLogBytes)} bytes`);
  line('CloudWatch Logs', 'ingestion, execution log', q.sfnLogBytes / 1024 ** 3, 'GB', 'cloudWatchLogs.vendedIngestion.gb', `${Math.round(q.sfnLogBytes)} bytes`);
  line('X-Ray', 'traces recorded', q.traces, 'traces', 'xRay.traceRecorded');
  return {
    scenario: options.scenario,
    workflowType,
    lines,
    total: lines.reduce((sum, l) => sum + l.cost, 0),
    ...(mainWalk ? { walk: mainWalk } : {}),
    ...(express ? { express } : {}),
    invocations,
    notes: [...notes],
  };
}

/** The execution an onboarding starts: followed from the entry route through events and rules, as measured. */
export function findOnboardingExecution(assembly: CostAssembly, profile: MeasuredProfile, entryRoute = 'POST /signup'): { machine: StateMachineResource; input: unknown } {
  const route = assembly.httpRoutes.find((r) => r.routeKey === entryRoute);
  if (!route) throw new CostModelError(`no HTTP API route ${entryRoute} in the assemblies (routes: ${assembly.httpRoutes.map((r) => r.routeKey).join(', ') || 'none'})`);
  const queue: FunctionResource[] = [];
  const first = findFunction(assembly, route.functionArn);
  if (first) queue.push(first);
  const seen = new Set<FunctionResource>();
  while (queue.length > 0) {
    const fn = queue.shift() as FunctionResource;
    if (seen.has(fn)) continue;
    seen.add(fn);
    const p = profile.functions[profileKey(fn)];
    if (!p) throw new CostModelError(`the function profile has no measurement of ${fn.app}/${fn.name}: run \`npm run cost:measure\``);
    for (const start of p.startsExecutions ?? []) {
      const machine = assembly.stateMachines.find((m) => `${m.stackName}/${m.logicalId}` === start.stateMachine);
      if (machine) return { machine, input: start.input };
    }
    for (const event of p.publishes ?? []) {
      for (const target of routeEvent(assembly, event)) {
        if (target.kind === 'function') queue.push(target.fn);
        if (target.kind === 'state-machine') return { machine: target.machine, input: envelopeOf(event) };
      }
    }
  }
  throw new CostModelError(`no state machine execution is reached from ${entryRoute}`);
}

/** Task answers from the profile's sample outputs (for enumerating paths; nothing is priced). */
export function sampleTaskRunner(assembly: CostAssembly, profile: MeasuredProfile): (attempt: TaskAttempt) => TaskOutcome {
  return (attempt) => {
    const args = (attempt.args ?? {}) as Record<string, unknown>;
    const optimized = /:states:::lambda:invoke/.test(attempt.resource);
    if (optimized || /:lambda:[^:]*:[^:]*:function:/.test(attempt.resource)) {
      const fn = findFunction(assembly, optimized ? String(args['FunctionName']) : attempt.resource);
      const output = fn ? profile.functions[profileKey(fn)]?.sampleOutput : undefined;
      return { ok: true, result: optimized ? { ExecutedVersion: '$LATEST', Payload: output, StatusCode: 200 } : output, durationMs: 0 };
    }
    if (/:states:::events:putEvents/.test(attempt.resource)) {
      const entries = Array.isArray(args['Entries']) ? args['Entries'] : [];
      return { ok: true, result: { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 }, durationMs: 0 };
    }
    return { ok: true, result: {}, durationMs: 0 };
  };
}
