/**
 * The local Lambda service: each function runs in `worker_threads` Workers (sandboxes) with its own
 * environment and module cache, started on first use (a measured cold start) or ahead of time
 * (`prewarm`, like provisioned concurrency). It enforces the function's timeout, reports errors as
 * Lambda does (`{ errorType, errorMessage, trace }`, `FunctionError: Unhandled`), and keeps each
 * function's log lines.
 *
 * Concurrency: a Lambda sandbox serves one invocation at a time. Running one Worker per concurrent
 * invocation would cost a cold start and ~40 MB each, more than two cores can afford at hundreds
 * of signups per second, so a sandbox here accepts up to `invocationsPerSandbox` interleaved
 * invocations (as Lambda Managed Instances do) and a function scales out to
 * `maxSandboxesPerFunction`. Measured on 2 cores, one busy sandbox per function beats several:
 * every extra thread costs context switches. Set `invocationsPerSandbox: 1` and more sandboxes
 * for strict Lambda isolation.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CloudModel, FunctionModel, InvokeFunction, InvokeResult } from '../model';
import { InvalidRequestContentError, InvalidRuntimeError, RequestTooLargeError, ResourceNotFoundError, ServiceUnavailableError } from './errors';
import { functionEnvironment, type AwsEndpoints } from './function-environment';

/** Lambda's limit on a synchronous request or response payload. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** The request id in a JSON log line: Lambda's `requestId` or Powertools' `function_request_id`. */
const REQUEST_ID_IN_LINE = /"(?:requestId|function_request_id)":"([^"]+)"/;

/** The worker entry: plain JS next to this file (see its header for why). */
const BOOTSTRAP = join(__dirname, 'worker-bootstrap.mjs');

/** One log line of a function (or a platform record the runtime adds, like Lambda's REPORT line). */
export interface LogEntry {
  time: string;
  functionName: string;
  stream: 'stdout' | 'stderr' | 'platform';
  requestId?: string;
  message: string;
}

/** Counters of one function, for the console and benchmarks. */
export interface FunctionStats {
  functionName: string;
  invocations: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  sandboxes: number;
  inFlight: number;
  lastInitDurationMs?: number;
}

/** The error payload of a failed invocation. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export interface LambdaRuntimeOptions {
  model: CloudModel;
  /** Where the functions' AWS SDK calls go. */
  endpoints: AwsEndpoints;
  /** Invocations one sandbox interleaves. @default 256 */
  invocationsPerSandbox?: number;
  /** Sandboxes a function scales out to when its sandboxes are full. @default 1 */
  maxSandboxesPerFunction?: number;
  /** Log lines kept per function. @default 2000 */
  logLinesPerFunction?: number;
  /** Called with every log line as it arrives. */
  onLog?: (entry: LogEntry) => void;
  /**
   * Called before the handler runs (fault injection, src/faults): an outcome fails the invocation
   * with that error instead of running the handler; undefined runs it. Added for resilience drills.
   */
  beforeInvoke?: (fn: FunctionModel, requestId: string) => Promise<{ error: LambdaErrorPayload; timedOut: boolean } | undefined> | undefined;
  /** Milliseconds added to the functions' clock (`Date`), e.g. to let idempotency records expire. @default 0 */
  clockOffsetMs?: number;
}

type WorkerMessage = { lines?: ['stdout' | 'stderr', string][] } & (
  | { type: 'ready'; initDurationMs: number }
  | { type: 'init-error'; error: LambdaErrorPayload; initDurationMs: number }
  | { type: 'result'; id: number; payload: string }
  | { type: 'error'; id: number; error: LambdaErrorPayload }
  | { type: 'crash'; error: LambdaErrorPayload }
  | { type: 'logs' }
);

interface Pending {
  requestId: string;
  timedOut: boolean;
  settle: (outcome: { payload?: string; error?: LambdaErrorPayload }) => void;
}

/** One Worker running one function: a Lambda sandbox. */
class Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  initError?: LambdaErrorPayload;
  initDurationMs?: number;
  /** True until an invocation has reported the cold start (on-demand sandboxes only). */
  coldStartUnreported: boolean;
  retired = false;
  exited = false;
  /** Invocations that hold a slot (timed-out ones no longer do). */
  live = 0;
  readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    readonly fn: FunctionModel,
    env: Record<string, string>,
    provisioned: boolean,
    private readonly onLine: (stream: 'stdout' | 'stderr', line: string) => void,
    private readonly onGone: (sandbox: Sandbox) => void,
    clockOffsetMs = 0,
  ) {
    this.coldStartUnreported = !provisioned;
    this.worker = new Worker(BOOTSTRAP, {
      workerData: { codeDir: fn.codeDir, handler: fn.handler, functionName: fn.functionName, clockOffsetMs },
      env,
      execArgv: [],
      // The function's memory size bounds its heap; a larger young generation than V8's default
      // halves the scavenges of the SDK's many short-lived objects.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(fn.memorySize, 64), maxYoungGenerationSizeMb: 48 },
      name: `lambda:${fn.functionName}`,
    });
    this.ready = new Promise((resolve) => {
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.lines) for (const [stream, line] of message.lines) this.onLine(stream, line);
        if (message.type === 'ready' || message.type === 'init-error') {
          this.initDurationMs = message.initDurationMs;
          if (message.type === 'init-error') this.initError = message.error;
          resolve();
        } else if (message.type === 'result' || message.type === 'error') {
          const p = this.pending.get(message.id);
          if (!p) return;
          this.pending.delete(message.id);
          p.settle(message.type === 'result' ? { payload: message.payload } : { error: message.error });
        } else if (message.type === 'crash') {
          this.failAll(message.error);
        }
      });
      this.worker.on('error', (error: Error & { code?: string }) => {
        const errorType = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : error.name || 'Runtime.ExitError';
        this.failAll({ errorType, errorMessage: error.message, trace: error.stack?.split('\n') });
        resolve();
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        this.failAll({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` });
        resolve();
        this.onGone(this);
      });
    });
  }

  private failAll(error: LambdaErrorPayload): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.settle({ error: { ...error, errorMessage: `RequestId: ${p.requestId} Error: ${error.errorMessage}` } });
    }
    this.retired = true;
  }

  invoke(eventText: string, context: Record<string, unknown>, requestId: string, settle: Pending['settle']): Pending {
    const id = this.nextId++;
    const pending: Pending = { requestId, timedOut: false, settle };
    if (this.exited) {
      // The sandbox died before this invocation reached it (a crash during init).
      settle({ error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited before the invocation` } });
      return pending;
    }
    this.pending.set(id, pending);
    this.worker.postMessage({ type: 'invoke', id, event: eventText, context });
    return pending;
  }

  async terminate(): Promise<void> {
    if (!this.exited) await this.worker.terminate();
  }
}

/** The sandboxes of one function and the invocations waiting for a free one. */
interface Pool {
  fn: FunctionModel;
  sandboxes: Sandbox[];
  waiting: (() => void)[];
  stats: FunctionStats;
  logs: LogEntry[];
}

/** Runs the model's functions in worker threads; `invoke` implements the model's `InvokeFunction`. */
export class LambdaRuntime {
  private readonly pools = new Map<string, Pool>();
  private readonly byArn = new Map<string, Pool>();
  private readonly perSandbox: number;
  private readonly maxSandboxes: number;
  private readonly logLimit: number;
  private closed = false;
  private clockOffsetMs: number;

  constructor(private readonly options: LambdaRuntimeOptions) {
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.perSandbox = options.invocationsPerSandbox ?? 256;
    this.maxSandboxes = options.maxSandboxesPerFunction ?? 1;
    this.logLimit = options.logLinesPerFunction ?? 2000;
    for (const fn of options.model.functions) {
      const pool: Pool = {
        fn,
        sandboxes: [],
        waiting: [],
        logs: [],
        stats: { functionName: fn.functionName, invocations: 0, errors: 0, timeouts: 0, coldStarts: 0, sandboxes: 0, inFlight: 0 },
      };
      this.pools.set(fn.functionName, pool);
      this.byArn.set(fn.arn, pool);
    }
  }

  /** Invokes a function by name or ARN (a qualifier is ignored): the model's `InvokeFunction`. */
  readonly invoke: InvokeFunction = (functionArnOrName, payload) => {
    const text = payload === undefined ? 'null' : JSON.stringify(payload);
    return this.invokeWithText(functionArnOrName, text);
  };

  /**
   * Invokes with the payload as JSON text (the HTTP Invoke endpoint passes the body through).
   * @throws ResourceNotFoundError, RequestTooLargeError, InvalidRequestContentError, InvalidRuntimeError
   */
  async invokeWithText(functionArnOrName: string, eventText: string): Promise<InvokeResult> {
    if (this.closed) throw new ServiceUnavailableError('The local Lambda service is stopping');
    const pool = this.poolOf(functionArnOrName);
    if (Buffer.byteLength(eventText) > MAX_PAYLOAD_BYTES) {
      throw new RequestTooLargeError(`Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`);
    }
    try {
      JSON.parse(eventText);
    } catch {
      throw new InvalidRequestContentError('Could not parse request body into json: the payload is not valid JSON');
    }
    if (pool.fn.unavailableReason) throw new InvalidRuntimeError(`Function ${pool.fn.functionName} cannot run locally: ${pool.fn.unavailableReason}`);

    const started = performance.now();
    const sandbox = await this.acquire(pool);
    pool.stats.invocations += 1;
    pool.stats.inFlight += 1;
    const requestId = randomUUID();
    try {
      await sandbox.ready;
      const coldStart = sandbox.coldStartUnreported;
      sandbox.coldStartUnreported = false;
      if (coldStart) pool.stats.coldStarts += 1;
      if (sandbox.initDurationMs !== undefined) pool.stats.lastInitDurationMs = sandbox.initDurationMs;
      if (sandbox.initError) {
        // Lambda discards a sandbox whose init failed and tries a fresh one on the next invocation.
        sandbox.retired = true;
        this.release(pool, sandbox);
        return this.finish(pool, sandbox, requestId, started, coldStart, { error: sandbox.initError });
      }
      const injected = this.options.beforeInvoke ? await this.options.beforeInvoke(pool.fn, requestId) : undefined;
      if (injected) {
        if (injected.timedOut) pool.stats.timeouts += 1;
        this.release(pool, sandbox);
        return this.finish(pool, sandbox, requestId, started, coldStart, { error: injected.error });
      }
      const outcome = await this.run(pool, sandbox, eventText, requestId);
      return this.finish(pool, sandbox, requestId, started, coldStart, outcome);
    } finally {
      pool.stats.inFlight -= 1;
    }
  }

  /** Starts one sandbox per function ahead of use (their first invocation is then warm). */
  async prewarm(functionNames?: string[]): Promise<void> {
    const pools = functionNames ? functionNames.map((n) => this.poolOf(n)) : [...this.pools.values()];
    await Promise.all(
      pools
        .filter((p) => !p.fn.unavailableReason && p.sandboxes.length === 0)
        .map((p) => {
          const sandbox = this.spawn(p, true);
          return sandbox.ready;
        }),
    );
  }

  /**
   * Moves the functions' clock (`Date` in their sandboxes) `offsetMs` ahead of real time: "an hour
   * later" for idempotency records, without waiting an hour. 0 restores real time. The current
   * sandboxes finish what they run and are replaced, as an hour later they would be: their SDK
   * clients have learned the old clock's skew from the servers, and keeping it would break signing.
   */
  setClockOffset(offsetMs: number): void {
    this.clockOffsetMs = offsetMs;
    for (const pool of this.pools.values()) for (const sandbox of [...pool.sandboxes]) this.retire(pool, sandbox);
  }

  /** Log lines of one function (oldest first), or of all functions merged by time. */
  logs(functionName?: string): LogEntry[] {
    if (functionName) return [...(this.pools.get(functionName)?.logs ?? [])];
    return [...this.pools.values()].flatMap((p) => p.logs).sort((a, b) => a.time.localeCompare(b.time));
  }

  /** Counters of every function. */
  stats(): FunctionStats[] {
    return [...this.pools.values()].map((p) => ({ ...p.stats, sandboxes: p.sandboxes.length }));
  }

  /** The function a name or ARN designates, or undefined. */
  find(functionArnOrName: string): FunctionModel | undefined {
    return this.lookup(functionArnOrName)?.fn;
  }

  /** Stops every sandbox; pending invocations fail with `Runtime.ExitError`. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()].flatMap((p) => {
      for (const wake of p.waiting.splice(0)) wake();
      return p.sandboxes.splice(0);
    });
    await Promise.all(all.map((s) => s.terminate()));
  }

  private lookup(functionArnOrName: string): Pool | undefined {
    const direct = this.pools.get(functionArnOrName) ?? this.byArn.get(functionArnOrName);
    if (direct) return direct;
    // arn:aws:lambda:region:account:function:name[:qualifier], account:function:name, name:qualifier
    const match = /^(?:arn:aws:lambda:[^:]*:[^:]*:function:|[0-9]{12}:function:)?([A-Za-z0-9_-]+)(?::[$A-Za-z0-9_-]+)?$/.exec(functionArnOrName);
    return match?.[1] ? this.pools.get(match[1]) : undefined;
  }

  private poolOf(functionArnOrName: string): Pool {
    const pool = this.lookup(functionArnOrName);
    if (!pool) throw new ResourceNotFoundError(`Function not found: ${functionArnOrName}`);
    return pool;
  }

  private spawn(pool: Pool, provisioned: boolean): Sandbox {
    const env = functionEnvironment(pool.fn, this.options.endpoints, provisioned ? 'provisioned-concurrency' : 'on-demand');
    const sandbox = new Sandbox(
      pool.fn,
      env,
      provisioned,
      (stream, line) => this.record(pool, stream, line),
      (gone) => this.retire(pool, gone),
      this.clockOffsetMs,
    );
    pool.sandboxes.push(sandbox);
    return sandbox;
  }

  /** A sandbox with a free slot: the least busy one, a new one, or the next one freed. */
  private async acquire(pool: Pool): Promise<Sandbox> {
    for (;;) {
      if (this.closed) throw new ServiceUnavailableError('The local Lambda service is stopping');
      let best: Sandbox | undefined;
      let active = 0;
      for (const s of pool.sandboxes) {
        if (s.retired) continue;
        active += 1;
        if (s.live < this.perSandbox && (!best || s.live < best.live)) best = s;
      }
      if (best && (best.live === 0 || active >= this.maxSandboxes)) {
        best.live += 1;
        return best;
      }
      if (active < this.maxSandboxes) {
        const fresh = this.spawn(pool, false);
        fresh.live += 1;
        return fresh;
      }
      if (best) {
        best.live += 1;
        return best;
      }
      await new Promise<void>((wake) => pool.waiting.push(wake));
    }
  }

  private release(pool: Pool, sandbox: Sandbox): void {
    sandbox.live -= 1;
    if (sandbox.retired && sandbox.live <= 0) void this.dispose(pool, sandbox);
    pool.waiting.shift()?.();
  }

  /** No new invocations go to this sandbox; it ends once its live invocations have. */
  private retire(pool: Pool, sandbox: Sandbox): void {
    sandbox.retired = true;
    if (sandbox.live <= 0 || sandbox.exited) void this.dispose(pool, sandbox);
    pool.waiting.shift()?.();
  }

  private async dispose(pool: Pool, sandbox: Sandbox): Promise<void> {
    const index = pool.sandboxes.indexOf(sandbox);
    if (index >= 0) pool.sandboxes.splice(index, 1);
    await sandbox.terminate();
  }

  private run(pool: Pool, sandbox: Sandbox, eventText: string, requestId: string): Promise<{ payload?: string; error?: LambdaErrorPayload }> {
    const fn = pool.fn;
    const timeoutMs = fn.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      let done = false;
      // Settled synchronously when the sandbox is already gone, so the timer may never be set.
      const deadline: { timer?: NodeJS.Timeout } = {};
      const pending = sandbox.invoke(
        eventText,
        {
          awsRequestId: requestId,
          functionName: fn.functionName,
          invokedFunctionArn: fn.arn,
          memoryLimitInMB: fn.memorySize,
          logGroupName: `/aws/lambda/${fn.functionName}`,
          logStreamName: `local/[$LATEST]${fn.logicalId}`,
          deadlineMs: Date.now() + timeoutMs,
        },
        requestId,
        (outcome) => {
          clearTimeout(deadline.timer);
          if (!done) {
            done = true;
            this.release(pool, sandbox);
            resolve(outcome);
          }
        },
      );
      if (done) return;
      deadline.timer = setTimeout(() => {
        if (done) return;
        done = true;
        pending.timedOut = true;
        pool.stats.timeouts += 1;
        // Lambda resets a sandbox after a timeout: retire this one (its other invocations finish).
        sandbox.live -= 1;
        this.retire(pool, sandbox);
        resolve({
          error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` },
        });
      }, timeoutMs);
    });
  }

  private finish(
    pool: Pool,
    sandbox: Sandbox,
    requestId: string,
    started: number,
    coldStart: boolean,
    outcome: { payload?: string; error?: LambdaErrorPayload },
  ): InvokeResult {
    const durationMs = performance.now() - started;
    let result: InvokeResult;
    if (outcome.error) {
      result = { StatusCode: 200, Payload: outcome.error, FunctionError: 'Unhandled', durationMs, coldStart };
    } else if (Buffer.byteLength(outcome.payload ?? '') > MAX_PAYLOAD_BYTES) {
      result = {
        StatusCode: 200,
        Payload: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).` },
        FunctionError: 'Unhandled',
        durationMs,
        coldStart,
      };
    } else {
      result = { StatusCode: 200, Payload: JSON.parse(outcome.payload ?? 'null'), durationMs, coldStart };
    }
    if (result.FunctionError) pool.stats.errors += 1;
    const init = coldStart && sandbox.initDurationMs !== undefined ? `\tInit Duration: ${sandbox.initDurationMs.toFixed(2)} ms` : '';
    const status = result.FunctionError ? `\tStatus: error\tError Type: ${(result.Payload as LambdaErrorPayload).errorType}` : '';
    this.push(pool, {
      time: new Date().toISOString(),
      functionName: pool.fn.functionName,
      stream: 'platform',
      requestId,
      message: `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tMemory Size: ${pool.fn.memorySize} MB${init}${status}`,
    });
    return result;
  }

  private record(pool: Pool, stream: 'stdout' | 'stderr', line: string): void {
    // A regex, not JSON.parse: this runs for every line of every function on the main thread.
    const requestId = REQUEST_ID_IN_LINE.exec(line)?.[1];
    this.push(pool, { time: new Date().toISOString(), functionName: pool.fn.functionName, stream, requestId, message: line });
  }

  private push(pool: Pool, entry: LogEntry): void {
    pool.logs.push(entry);
    if (pool.logs.length > this.logLimit * 1.25) pool.logs.splice(0, pool.logs.length - this.logLimit);
    this.options.onLog?.(entry);
  }
}
