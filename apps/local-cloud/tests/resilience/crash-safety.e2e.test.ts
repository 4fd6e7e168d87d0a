/**
 * Crash safety with `--data-dir`: `npm start` runs as a child process on the real apps, signups are
 * answered 202, the process is killed with SIGKILL while their onboardings are in flight, and a new
 * process on the same data directory completes every one of them, exactly once.
 *
 * Where the kill lands is chosen, not left to chance: an injected `slow` fault (ONBOARDING_FAULTS
 * at boot, then the console endpoint) holds CreateUser before its handler runs, so the in-flight
 * onboardings are killed between "accepted" and "first effect" (the executions are RUNNING, some
 * events may still be on the bus or in StartOnboarding). A kill inside a handler, between an
 * external effect and its idempotency record, is the one case a re-run can repeat (see the README).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import type { CloudModel } from '../../src/model';
import { effectsOf, eventually, newPerson, signUp } from './support';

const PROJECT = join(__dirname, '../..');
const credentials = { accessKeyId: 'resilience-test', secretAccessKey: 'resilience-test' };

interface Child {
  process: ChildProcess;
  endpoints: Record<string, string>;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start --data-dir <dir> --port-base free --no-synth`, as a child process; resolves once it is ready. */
async function startCloud(dataDir: string, endpointsFile: string, env: Record<string, string> = {}): Promise<Child> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', '--data-dir', dataDir, '--port-base', 'free', '--no-synth', '--endpoints-file', endpointsFile], {
    cwd: PROJECT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await eventually(() => existsSync(endpointsFile) || child.exitCode !== null, `the local cloud to start (output: ${output})`, 60_000);
  if (child.exitCode !== null) throw new Error(`The local cloud exited: ${output}`);
  const endpoints = JSON.parse(await readFile(endpointsFile, 'utf8')) as Record<string, string>;
  return { process: child, endpoints, output: () => output, exited };
}

describe('a signup answered 202 survives SIGKILL (--data-dir)', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lc-crash-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('completes every accepted signup exactly once after the process is killed mid-flight and started again', async () => {
    const dataDir = join(dir, 'data');
    // Before the kill: the fault from the environment holds every CreateUser for a minute.
    const first = await startCloud(dataDir, join(dir, 'first.json'), { ONBOARDING_FAULTS: 'user-service/CreateUser:slow:60s' });
    children.push(first.process);
    const consoleUrl = first.endpoints['console'] as string;
    const model = (await (await fetch(`${consoleUrl}/api/model`)).json()) as CloudModel;
    const stateMachineArn = model.stateMachines.find((sm) => sm.app === 'orchestration')?.arn as string;
    const faultsAtBoot = (await (await fetch(`${consoleUrl}/api/faults`)).json()) as { faults: { fault: string }[] };
    const listOn = async (endpoint: string): Promise<ExecutionListItem[]> => {
      const sfn = new SFNClient({ endpoint, region: 'us-east-1', credentials });
      try {
        return (await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }))).executions ?? [];
      } finally {
        sfn.destroy();
      }
    };

    // Three signups complete before the crash (the fault cleared), ...
    await fetch(`${consoleUrl}/api/faults`, { method: 'DELETE' });
    const done = await Promise.all([1, 2, 3].map(async () => {
      const person = newPerson('crash-done');
      return { person, signupId: await signUp(first.endpoints['api'] as string, person) };
    }));
    await eventually(async () => {
      const executions = await listOn(first.endpoints['stepfunctions'] as string);
      return done.every((s) => executions.some((e) => e.name?.includes(s.signupId) && e.status === 'SUCCEEDED'));
    }, 'the first signups to complete', 30_000);
    // ... five are held in CreateUser, ...
    await fetch(`${consoleUrl}/api/faults`, { method: 'PUT', body: 'user-service/CreateUser:slow:60s' });
    const held = await Promise.all([1, 2, 3, 4, 5].map(async () => {
      const person = newPerson('crash-held');
      return { person, signupId: await signUp(first.endpoints['api'] as string, person) };
    }));
    await eventually(async () => {
      const executions = await listOn(first.endpoints['stepfunctions'] as string);
      return held.every((s) => executions.some((e) => e.name?.includes(s.signupId) && e.status === 'RUNNING'));
    }, 'the held signups to be running', 30_000);
    // ... and three are killed right after their 202.
    const justAccepted = await Promise.all([1, 2, 3].map(async () => {
      const person = newPerson('crash-new');
      return { person, signupId: await signUp(first.endpoints['api'] as string, person) };
    }));
    first.process.kill('SIGKILL');
    await first.exited;

    const second = await startCloud(dataDir, join(dir, 'second.json'));
    children.push(second.process);
    const all = [...done, ...held, ...justAccepted];
    const executions = await eventually(async () => {
      const list = await listOn(second.endpoints['stepfunctions'] as string);
      return all.every((s) => list.some((e) => e.name?.includes(s.signupId) && e.status !== 'RUNNING')) && list;
    }, 'every accepted signup to finish after the restart', 60_000);
    const resilience = (await (await fetch(`${second.endpoints['console']}/api/resilience`)).json()) as { recovery: { executionsResumed: string[] } };
    const effects = await Promise.all(all.map((s) => effectsOf(second.endpoints as never, model, s.person, s.signupId)));
    second.process.kill('SIGTERM');
    const exitCode = await second.exited;

    expect(faultsAtBoot.faults.map((f) => f.fault)).toEqual(['user-service/CreateUser:slow:60s']);
    for (const s of all) {
      const mine = executions.filter((e) => e.name?.includes(s.signupId));
      expect(mine.map((e) => [e.name, e.status])).toEqual([[`signup-${s.signupId}`, 'SUCCEEDED']]);
    }
    expect(resilience.recovery.executionsResumed.length).toBeGreaterThanOrEqual(held.length);
    expect(effects).toEqual(all.map(() => ({ users: 1, emails: 1, objects: 1, messages: 1 })));
    expect(exitCode).toBe(0);
  }, 180_000);
});
