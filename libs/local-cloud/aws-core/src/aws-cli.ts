/**
 * Runs Debian's AWS CLI v2 (`/usr/bin/aws`, 2.9.19 on Debian 12) against a local endpoint, with
 * throwaway credentials and no user configuration. Never the pip v1 shim that may come first on
 * PATH: the path is absolute. `.ci/run` installs the `awscli` package.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's package puts the CLI. */
export const AWS_CLI_PATH = '/usr/bin/aws';

/** Whether the CLI is installed. In CI its absence is an error, not a reason to skip. */
export function awsCliAvailable(): boolean {
  const present = existsSync(AWS_CLI_PATH);
  if (!present && process.env['CI']) throw new Error(`${AWS_CLI_PATH} is missing: .ci/run installs Debian's awscli package`);
  return present;
}

/** What one CLI run printed. */
export interface AwsCliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (`--output json`), undefined when empty or not JSON. */
  json: unknown;
}

/** Options of {@link runAwsCli}. */
export interface AwsCliOptions {
  /** Passed as `--endpoint-url` (Debian's 2.9.19 predates `AWS_ENDPOINT_URL`). */
  endpoint: string;
  /** @default 'local' */
  accessKeyId?: string;
  /** @default 60_000 */
  timeoutMs?: number;
  /** More environment variables. */
  env?: Record<string, string>;
}

function cliEnvironment(options: AwsCliOptions): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...options.env,
  };
}

/** Runs `aws <args> --endpoint-url <endpoint> --output json`; resolves whatever the exit code. */
export function runAwsCli(args: readonly string[], options: AwsCliOptions): Promise<AwsCliResult> {
  return new Promise((resolve) => {
    execFile(
      AWS_CLI_PATH,
      [...args, '--endpoint-url', options.endpoint, '--output', 'json', '--no-cli-pager'],
      { env: cliEnvironment(options), timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, stdout, stderr, json });
      },
    );
  });
}

/**
 * Starts a long-running CLI command (`aws logs tail --follow`) with the same environment; the
 * caller reads its output and must kill it. `--output` is not added: such commands print text.
 */
export function spawnAwsCli(args: readonly string[], options: AwsCliOptions): ChildProcessWithoutNullStreams {
  // Python buffers a pipe's output: unbuffered, each line arrives as the CLI prints it.
  return spawn(AWS_CLI_PATH, [...args, '--endpoint-url', options.endpoint, '--no-cli-pager'], { env: { ...cliEnvironment(options), PYTHONUNBUFFERED: '1' } });
}
