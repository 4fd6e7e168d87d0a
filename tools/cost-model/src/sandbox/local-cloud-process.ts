/**
 * The local cloud as a black box: `npm start -- --port-base free` in its own process group, ready
 * once it has written its endpoints file; its model (every function with its resolved environment)
 * and its full endpoint list read from the console API. Stopped with SIGINT, as Ctrl-C would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { SandboxEndpoints } from './function-sandbox';

/** A function as the local cloud models it (the fields the sandboxes need). */
export interface LocalFunction {
  app: string;
  stackName: string;
  logicalId: string;
  functionName: string;
  arn: string;
  codeDir: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  environment: Record<string, string>;
}

/** The local cloud's model, as much as the sandboxes and the measurement read. */
export interface LocalModel {
  functions: LocalFunction[];
  stateMachines: { app: string; stackName: string; logicalId: string; name: string; arn: string }[];
  buses: { stackName: string; logicalId: string; name: string; arn: string }[];
}

/** Every endpoint of the running local cloud. */
export interface LocalEndpoints extends SandboxEndpoints {
  api: string;
  console: string;
  webhook: string;
}

/** A running local cloud process. */
export interface LocalCloudProcess {
  endpoints: LocalEndpoints;
  model: LocalModel;
  /** Resolves once no execution of any state machine is running (background work has settled). */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The local cloud did not get ready. */
export class LocalCloudStartError extends Error {
  override readonly name = 'LocalCloudStartError';
}

/** Options of {@link startLocalCloudProcess}. */
export interface StartLocalCloudProcessOptions {
  workspaceRoot: string;
  /** Run the assemblies in the subfolders of this folder instead of `apps/<app>/cdk.out`. */
  assembliesDir?: string;
  /** @default 120000 */
  readyTimeoutMs?: number;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new LocalCloudStartError(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Starts the local cloud on free ports and resolves once it is ready. */
export async function startLocalCloudProcess(options: StartLocalCloudProcessOptions): Promise<LocalCloudProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cost-model-cloud-'));
  const endpointsFile = join(dir, 'endpoints.json');
  const args = ['start', '--', '--port-base', 'free', '--no-synth', '--quiet', '--no-prewarm', '--endpoints-file', endpointsFile];
  if (options.assembliesDir) args.push('--assemblies-dir', options.assembliesDir);
  const child: ChildProcess = spawn('npm', args, { cwd: options.workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ONBOARDING_FAULTS: '' } });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process dies without stopping it, the local cloud must not outlive it.
  const killOnExit = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-(child.pid as number), 'SIGINT');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-(child.pid as number), 'SIGKILL');
          } catch {
            // already gone
          }
        }, 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    while (!existsSync(endpointsFile)) {
      if (child.exitCode !== null) throw new LocalCloudStartError(`npm start exited with ${child.exitCode} before it was ready:\n${output.trim()}`);
      if (Date.now() > deadline) throw new LocalCloudStartError(`npm start was not ready within ${options.readyTimeoutMs ?? 120_000} ms:\n${output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const consoleUrl = (JSON.parse(readFileSync(endpointsFile, 'utf8')) as { console: string }).console;
    const endpoints = await getJson<LocalEndpoints>(`${consoleUrl}/api/endpoints`);
    const model = await getJson<LocalModel>(`${consoleUrl}/api/model`);
    const sfn = new SFNClient({ region: 'us-east-1', endpoint: endpoints.stepfunctions, credentials: { accessKeyId: 'cost-model', secretAccessKey: 'cost-model' } });
    return {
      endpoints,
      model,
      async waitUntilIdle(timeoutMs = 60_000) {
        const until = Date.now() + timeoutMs;
        for (;;) {
          let running = 0;
          for (const machine of model.stateMachines) {
            const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.arn, statusFilter: 'RUNNING', maxResults: 1 }));
            running += page.executions?.length ?? 0;
          }
          if (running === 0) return;
          if (Date.now() > until) throw new Error(`executions still running after ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
