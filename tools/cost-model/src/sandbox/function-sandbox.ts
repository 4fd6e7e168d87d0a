/**
 * A Lambda sandbox as a fresh Node.js process (sandbox-bootstrap.mjs): the function's bundle with
 * the environment Lambda gives it (its template variables as the local cloud resolved them, the
 * variables Lambda sets, `AWS_ENDPOINT_URL_<SERVICE>` pointing the AWS SDK at the local endpoints),
 * on the Node.js major its runtime names. Nothing of the parent's environment leaks in: no
 * credentials, no profile, no TypeScript loader.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What the sandbox needs to know about the function (the local cloud's model of it). */
export interface SandboxFunction {
  functionName: string;
  codeDir: string;
  handler: string;
  runtime: string;
  memorySize: number;
  timeoutSeconds: number;
  /** Template `Environment.Variables`, resolved. */
  environment: Record<string, string>;
  /** `JSON` or `Text`. @default 'JSON' */
  logFormat?: string;
}

/** Base URLs the function's SDK clients call, per service. */
export interface SandboxEndpoints {
  dynamodb: string;
  s3: string;
  sesv2: string;
  eventbridge: string;
  stepfunctions: string;
  ssm: string;
  secretsmanager: string;
  lambda: string;
}

/** One invocation's answer and what it cost. */
export interface SandboxInvocation {
  ok: boolean;
  payload?: unknown;
  error?: { errorType: string; errorMessage: string };
  durationMs: number;
  cpuMs: number;
  logBytes: number;
  logEvents: number;
  /** The last log lines of a failed invocation, for messages. */
  lastLines: string[];
}

/** The bundle could not be loaded. */
export class SandboxInitError extends Error {
  override readonly name = 'SandboxInitError';
}

/** The keys the local cloud's S3 emulator accepts from a caller that is not a function (an administrator). */
const ADMIN_KEYS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/** The complete environment of a sandbox process. */
export function sandboxEnvironment(fn: SandboxFunction, endpoints: SandboxEndpoints): Record<string, string> {
  const noConfig = join(tmpdir(), 'cost-model-no-aws-config');
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...fn.environment,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...ADMIN_KEYS,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `sandbox/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    _HANDLER: fn.handler,
    LAMBDA_TASK_ROOT: fn.codeDir,
    AWS_CONFIG_FILE: noConfig,
    AWS_SHARED_CREDENTIALS_FILE: noConfig,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.sesv2,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_SSM: endpoints.ssm,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsmanager,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** A running sandbox process. */
export class FunctionSandbox {
  /** Module load of the bundle, measured inside the fresh process. */
  readonly initMs: number;
  private pending = new Map<string, (answer: SandboxInvocation) => void>();
  private exited?: Error;

  private constructor(
    private readonly child: ChildProcess,
    initMs: number,
    readonly fn: SandboxFunction,
  ) {
    this.initMs = initMs;
    child.on('message', (message: { type?: string; id?: string } & SandboxInvocation) => {
      if (message.type !== 'result' || !message.id) return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message);
    });
    child.once('exit', (code, signal) => {
      this.exited = new Error(`the sandbox of ${fn.functionName} exited (${signal ?? code})`);
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: this.exited.message }, durationMs: 0, cpuMs: 0, logBytes: 0, logEvents: 0, lastLines: [] });
      this.pending.clear();
    });
  }

  /** Starts a fresh process with the given Node.js binary and loads the bundle; resolves once it is loaded. */
  static async start(fn: SandboxFunction, endpoints: SandboxEndpoints, nodeBinary: string): Promise<FunctionSandbox> {
    const child = fork(join(__dirname, 'sandbox-bootstrap.mjs'), [fn.codeDir, fn.handler, fn.logFormat ?? 'JSON', String(fn.timeoutSeconds)], {
      execPath: resolve(nodeBinary) === nodeBinary || !nodeBinary.includes('/') ? nodeBinary : resolve(nodeBinary),
      execArgv: [],
      env: sandboxEnvironment(fn, endpoints),
      cwd: fn.codeDir,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const initMs = await new Promise<number>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new SandboxInitError(`the sandbox of ${fn.functionName} exited (${code}) before loading its bundle: ${stderr.trim()}`));
      child.once('exit', onExit);
      child.once('error', (error) => reject(new SandboxInitError(`cannot start ${nodeBinary} for ${fn.functionName}: ${error.message}`)));
      child.once('message', (message: { type: string; initMs: number; error?: { errorMessage: string }; lastLines?: string[] }) => {
        child.off('exit', onExit);
        if (message.type === 'loaded') resolve(message.initMs);
        else reject(new SandboxInitError(`${fn.functionName} failed to load: ${message.error?.errorMessage ?? 'unknown error'} ${(message.lastLines ?? []).join('\n')}`));
      });
    });
    return new FunctionSandbox(child, initMs, fn);
  }

  /** Invokes the handler with an event; resolves with its answer (a thrown error is an answer too). */
  invoke(event: unknown): Promise<SandboxInvocation> {
    if (this.exited) return Promise.reject(this.exited);
    const id = randomUUID();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ type: 'invoke', id, event });
    });
  }

  /** Stops the process; resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}
