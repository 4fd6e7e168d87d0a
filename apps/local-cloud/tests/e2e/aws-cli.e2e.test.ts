/**
 * The local endpoints speak the real AWS wire protocols: Debian's AWS CLI v2 (a client we did not
 * write) drives EventBridge and Step Functions with `--endpoint-url`, and a UserSignup put on the
 * bus by the CLI is onboarded like one from the API. `.ci/run` installs the CLI (`awscli`).
 */
import { eventually as poll, type Probe } from '@onboarding/testing';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const cliPresent = existsSync(AWS_CLI);
if (!cliPresent && process.env['CI']) throw new Error(`${AWS_CLI} is missing: .ci/run installs Debian's awscli package`);
if (!cliPresent) console.warn(`Skipping the AWS CLI tests: ${AWS_CLI} is missing (apt-get install awscli)`);

/** Runs the AWS CLI asynchronously (the local cloud runs in this process) and parses its JSON. */
async function aws(endpoint: string, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      AWS_ACCESS_KEY_ID: 'cli-user',
      AWS_SECRET_ACCESS_KEY: 'cli-user',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}

/** This file's bound on every wait. */
const eventually = <T>(probe: Probe<T>, what: string, timeoutMs = 30_000): Promise<T> => poll(probe, what, timeoutMs);
/**
 * Every `aws` call starts a Python process: about 1 s on an idle machine, 5 to 8 s on a loaded one
 * (measured with two cores busy). A test makes up to a dozen, so the budget follows that, not the
 * suite's default; it bounds the waits, it delays nothing.
 */
jest.setTimeout(180_000);

(cliPresent ? describe : describe.skip)('the local cloud driven by the AWS CLI', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.001 });
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('lists and describes the rules of the onboarding bus', async () => {
    const rules = (await aws(cloud.endpoints.eventbridge, 'events', 'list-rules', '--event-bus-name', 'onboarding')) as { Rules: { Name: string; EventPattern: string }[] };
    const rule = rules.Rules.find((r) => JSON.parse(r.EventPattern)['detail-type']?.includes('UserSignup'));

    expect(rule).toBeDefined();
    const described = await aws(cloud.endpoints.eventbridge, 'events', 'describe-rule', '--name', rule?.Name as string, '--event-bus-name', 'onboarding');
    expect(described).toMatchObject({ Name: rule?.Name, State: 'ENABLED', EventBusName: 'onboarding' });
  });

  it('tests an event pattern, and names the field of an invalid one', async () => {
    const event = JSON.stringify({
      id: '1', 'detail-type': 'UserSignup', source: 'onboarding.signup', account: '000000000000', time: '2026-11-24T10:00:00Z', region: 'us-east-1', resources: [], detail: { plan: 'pro' },
    });

    const match = await aws(cloud.endpoints.eventbridge, 'events', 'test-event-pattern', '--event-pattern', JSON.stringify({ detail: { plan: [{ prefix: 'pr' }] } }), '--event', event);
    const miss = await aws(cloud.endpoints.eventbridge, 'events', 'test-event-pattern', '--event-pattern', JSON.stringify({ detail: { plan: ['free'] } }), '--event', event);
    const invalid = aws(cloud.endpoints.eventbridge, 'events', 'test-event-pattern', '--event-pattern', JSON.stringify({ detail: { plan: 'pro' } }), '--event', event);

    expect(match).toEqual({ Result: true });
    expect(miss).toEqual({ Result: false });
    await expect(invalid).rejects.toThrow(/InvalidEventPatternException[\s\S]*plan/);
  });

  it('onboards a UserSignup put on the bus with the CLI, and shows the execution and its history', async () => {
    const signupId = randomUUID();
    const detail = { version: '1', signupId, tenantId: 'cli', email: `cli+${Date.now()}@example.com`, name: 'Cli User', plan: 'free', signedUpAt: new Date().toISOString() };

    const put = await aws(
      cloud.endpoints.eventbridge, 'events', 'put-events', '--entries',
      JSON.stringify([{ Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: JSON.stringify(detail), EventBusName: 'onboarding' }]),
    );

    expect(put).toMatchObject({ FailedEntryCount: 0 });
    const machines = (await aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'list-state-machines')) as { stateMachines: { stateMachineArn: string; name: string }[] };
    const onboarding = machines.stateMachines.find((sm) => cloud.model.stateMachines.some((m) => m.arn === sm.stateMachineArn && m.app === 'orchestration'));
    expect(onboarding).toBeDefined();
    const executionArn = await eventually(async () => {
      const list = (await aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'list-executions', '--state-machine-arn', onboarding?.stateMachineArn as string)) as {
        executions: { name: string; executionArn: string }[];
      };
      return list.executions.find((e) => e.name.includes(signupId))?.executionArn;
    }, 'the execution');
    const execution = await eventually(async () => {
      const described = (await aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'describe-execution', '--execution-arn', executionArn)) as { status: string };
      return described.status !== 'RUNNING' && described;
    }, 'the execution to finish');
    expect(execution.status).toBe('SUCCEEDED');
    const history = (await aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'get-execution-history', '--execution-arn', executionArn)) as { events: { type: string }[] };
    expect(history.events[0]?.type).toBe('ExecutionStarted');
    expect(history.events.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('refuses a second execution with the same name, as Step Functions does', async () => {
    const machine = cloud.model.stateMachines.find((m) => m.app === 'orchestration');
    const name = `cli-${randomUUID()}`;
    const input = JSON.stringify({ version: '1', signupId: randomUUID(), tenantId: 'cli', email: `dup+${Date.now()}@example.com`, name: 'Dup', plan: 'free', signedUpAt: new Date().toISOString() });
    await aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'start-execution', '--state-machine-arn', machine?.arn as string, '--name', name, '--input', input);

    const again = aws(cloud.endpoints.stepfunctions, 'stepfunctions', 'start-execution', '--state-machine-arn', machine?.arn as string, '--name', name, '--input', input.replace('Dup', 'Other'));

    await expect(again).rejects.toThrow(/ExecutionAlreadyExists/);
  });
});
