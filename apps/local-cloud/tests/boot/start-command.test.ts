import { eventually } from '@onboarding/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStartArgs } from '../../src/cli/start-command';
import { parseSignupArgs, describeHistoryEvent } from '../../src/cli/signup';

const PROJECT = join(__dirname, '../..');

/** True when something accepts connections on the URL's port. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}


describe('npm start (bin/start.ts)', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lc-cli-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('boots, writes the endpoints when ready, and on SIGINT stops every server and exits 0', async () => {
    const endpointsFile = join(dir, 'endpoints.json');
    let output = '';
    const started = spawn(
      process.execPath,
      ['--import', 'tsx', 'bin/start.ts', '--port-base', 'free', '--no-synth', '--no-prewarm', '--assemblies-dir', 'tests/fixtures/assemblies', '--endpoints-file', endpointsFile],
      { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    );
    child = started;
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));

    // A cold `tsx` start compiles the local cloud: seconds when idle, tens of seconds on a loaded
    // machine. The wait ends as soon as the file exists, or the process exits (and fails then).
    await eventually(() => existsSync(endpointsFile) || started.exitCode !== null, `${endpointsFile} (output so far: ${output})`, 90_000);
    expect({ exitCode: started.exitCode, output: started.exitCode === null ? '' : output }).toEqual({ exitCode: null, output: '' });
    const endpoints = JSON.parse(await readFile(endpointsFile, 'utf8')) as Record<string, string>;
    const before = await Promise.all(Object.values(endpoints).map(accepts));
    started.kill('SIGINT');
    const code = await exited;
    const after = await Promise.all(Object.values(endpoints).map(accepts));

    expect(before.every(Boolean)).toBe(true);
    expect(output).toContain('Local cloud ready');
    expect(output).toContain(`API            ${endpoints.api}`);
    expect(code).toBe(0);
    expect(output).toContain('Stopped.');
    expect(after.some(Boolean)).toBe(false);
    expect(existsSync(endpointsFile)).toBe(false);
    // Bounded by the wait above: a cold tsx start on a loaded machine, not the suite's 30 s.
  }, 120_000);

  it('exits 1 with a message naming the problem when the assemblies cannot be run', async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', '--port-base', 'free', '--no-synth', '--assemblies-dir', dir, '--endpoints-file', join(dir, 'e.json')], {
      cwd: PROJECT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let errors = '';
    started.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));

    const code = await new Promise<number | null>((resolve) => started.once('exit', (c) => resolve(c)));

    expect(code).toBe(1);
    expect(errors).toContain('The local cloud cannot start: No cloud assembly found');
  }, 120_000);
});

describe('command-line arguments', () => {
  it('parses the start options with their defaults', () => {
    expect(parseStartArgs([], '/repo')).toEqual({ portBase: 4700, synth: 'auto', quiet: false, logs: false, prewarm: true, endpointsFile: '/repo/.local/endpoints.json', dataDir: undefined, assembliesDir: undefined });
    expect(parseStartArgs(['--data-dir', 'd', '--port-base', '5000', '--no-synth', '--quiet'], '/repo')).toMatchObject({ dataDir: 'd', portBase: 5000, synth: false, quiet: true });
  });

  it('refuses contradictory or invalid start options with a clear message', () => {
    expect(() => parseStartArgs(['--synth', '--no-synth'], '/repo')).toThrow('--synth and --no-synth exclude each other');
    expect(() => parseStartArgs(['--port-base', '80'], '/repo')).toThrow('--port-base must be "free" or a port from 1024 to 65525');
    expect(() => parseStartArgs(['--colour'], '/repo')).toThrow(/Unknown option '--colour'/);
  });

  it('requires an email and a name to sign up', () => {
    expect(() => parseSignupArgs(['--name', 'Ada'], '/repo')).toThrow('--email is required');
    expect(() => parseSignupArgs(['--email', 'a@example.com'], '/repo')).toThrow('--name is required');
    expect(parseSignupArgs(['--email', 'a@example.com', '--name', 'Ada', '--tenant', 't1', '--plan', 'pro', '--wait'], '/repo')).toMatchObject({ tenantId: 't1', plan: 'pro', wait: true, timeoutMs: 60_000 });
  });

  it('describes a step when its state exits, with how long it took', () => {
    const entered = new Map<string, Date>();

    const silent = describeHistoryEvent({ type: 'TaskStateEntered', id: 2, timestamp: new Date(1000), stateEnteredEventDetails: { name: 'CreateUser' } }, entered);
    const line = describeHistoryEvent({ type: 'TaskStateExited', id: 5, timestamp: new Date(1042), stateExitedEventDetails: { name: 'CreateUser' } }, entered);
    const failure = describeHistoryEvent({ type: 'ExecutionFailed', id: 9, timestamp: new Date(1100), executionFailedEventDetails: { error: 'DuplicateUserError', cause: 'exists' } }, entered);

    expect(silent).toBeUndefined();
    expect(line).toBe('  ✓ CreateUser (42 ms)');
    expect(failure).toBe('Onboarding failed: DuplicateUserError exists');
  });
});
