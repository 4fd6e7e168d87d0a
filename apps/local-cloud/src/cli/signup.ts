/**
 * `npm run signup -- --email a@example.com --name Ada [--tenant t1] [--plan pro] [--locale de] [--wait]`: posts a
 * signup to the running local cloud (its URLs from `.local/endpoints.json`) and, with `--wait`,
 * follows the onboarding execution through the Step Functions endpoint with the AWS SDK, printing
 * each step as it completes, then the outcome.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';

export const SIGNUP_USAGE = `Usage: npm run signup -- --email <address> --name <name> [--tenant <id>] [--plan <plan>] [--locale <tag>] [--wait]

Signs a user up on the running local cloud (start it with npm start).

Options:
  --email <address>     the user's email address (required)
  --name <name>         the user's name (required)
  --tenant <id>         the tenant id
  --plan <plan>         the plan (e.g. free, pro)
  --locale <tag>        the user's language, a BCP 47 tag (e.g. en, de): the welcome email's language
  --idempotency-key <k> sent as the Idempotency-Key header: a retry returns the same signupId
  --wait                follow the onboarding execution step by step until it ends
  --timeout <seconds>   how long --wait waits (default 60)
  --endpoints-file <f>  the local cloud's endpoints (default .local/endpoints.json at the repo root)`;

export interface SignupCommandOptions {
  email: string;
  name: string;
  tenantId?: string;
  plan?: string;
  locale?: string;
  idempotencyKey?: string;
  wait: boolean;
  timeoutMs: number;
  endpointsFile: string;
}

/** Parses the arguments. @throws Error naming what is missing or wrong */
export function parseSignupArgs(argv: string[], workspaceRoot: string): SignupCommandOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      plan: { type: 'string' },
      locale: { type: 'string' },
      'idempotency-key': { type: 'string' },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      'endpoints-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  if (!values.email) throw new Error('--email is required');
  if (!values.name) throw new Error('--name is required');
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
  return {
    email: values.email,
    name: values.name,
    tenantId: values.tenant,
    plan: values.plan,
    locale: values.locale,
    idempotencyKey: values['idempotency-key'],
    wait: values.wait === true,
    timeoutMs: timeout * 1000,
    endpointsFile: values['endpoints-file'] ?? join(workspaceRoot, '.local', 'endpoints.json'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line per history event worth showing: a state that ended, a failed task, the outcome. */
export function describeHistoryEvent(event: HistoryEvent, enteredAt: Map<string, Date>): string | undefined {
  const entered = event.stateEnteredEventDetails;
  if (entered?.name && event.timestamp) {
    enteredAt.set(entered.name, event.timestamp);
    return undefined;
  }
  const exited = event.stateExitedEventDetails;
  if (exited?.name) {
    const start = enteredAt.get(exited.name);
    const took = start && event.timestamp ? ` (${event.timestamp.getTime() - start.getTime()} ms)` : '';
    return `  ✓ ${exited.name}${took}`;
  }
  const failed = event.taskFailedEventDetails ?? event.lambdaFunctionFailedEventDetails;
  if (failed) return `  ✗ ${failed.error ?? 'Error'}: ${failed.cause ?? ''}`.trimEnd();
  if (event.type === 'ExecutionSucceeded') return 'Onboarding succeeded.';
  if (event.type === 'ExecutionFailed') return `Onboarding failed: ${event.executionFailedEventDetails?.error ?? ''} ${event.executionFailedEventDetails?.cause ?? ''}`.trimEnd();
  if (event.type === 'ExecutionTimedOut') return 'Onboarding timed out.';
  if (event.type === 'ExecutionAborted') return 'Onboarding was aborted.';
  return undefined;
}

/** Finds the execution whose name contains the signupId, in any state machine. */
async function findExecution(sfn: SFNClient, signupId: string, deadline: number): Promise<string | undefined> {
  while (Date.now() < deadline) {
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    for (const machine of machines.stateMachines ?? []) {
      const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000 }));
      const found = executions.executions?.find((e) => e.name?.includes(signupId));
      if (found?.executionArn) return found.executionArn;
    }
    await sleep(100);
  }
  return undefined;
}

/** Runs the command; resolves with the exit code. */
export async function runSignupCommand(
  argv: string[],
  workspaceRoot: string,
  io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error },
): Promise<number> {
  let options: SignupCommandOptions;
  try {
    const parsed = parseSignupArgs(argv, workspaceRoot);
    if (parsed === 'help') {
      io.out(SIGNUP_USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${SIGNUP_USAGE}`);
    return 2;
  }

  let endpoints: { api: string; stepfunctions: string };
  try {
    endpoints = JSON.parse(await readFile(options.endpointsFile, 'utf8')) as typeof endpoints;
  } catch {
    io.err(`No running local cloud: ${options.endpointsFile} is missing. Start it with npm start.`);
    return 1;
  }

  const body = { email: options.email, name: options.name, ...(options.tenantId ? { tenantId: options.tenantId } : {}), ...(options.plan ? { plan: options.plan } : {}), ...(options.locale ? { locale: options.locale } : {}) };
  let response: Response;
  try {
    response = await fetch(`${endpoints.api}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}) },
      body: JSON.stringify(body),
    });
  } catch (error) {
    io.err(`The local cloud does not answer at ${endpoints.api} (${(error as Error).message}). Is npm start running?`);
    return 1;
  }
  const text = await response.text();
  if (response.status !== 202) {
    io.err(`Signup refused: ${response.status} ${text}`);
    return 1;
  }
  const { signupId } = JSON.parse(text) as { signupId: string };
  io.out(`Signup accepted: ${signupId}`);
  if (!options.wait) return 0;

  // The SDK's warning about this Node.js version says nothing about the signup: keep the output clean.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sfn = new SFNClient({
    endpoint: endpoints.stepfunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local-cloud-cli', secretAccessKey: 'local-cloud-cli' },
  });
  const deadline = Date.now() + options.timeoutMs;
  const executionArn = await findExecution(sfn, signupId, deadline);
  if (!executionArn) {
    io.err(`No execution for ${signupId} started within ${options.timeoutMs / 1000} s (see the console's events and dead letters).`);
    return 1;
  }
  io.out(`Execution: ${executionArn}`);
  const enteredAt = new Map<string, Date>();
  let seen = 0;
  while (Date.now() < deadline) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const events = history.events ?? [];
    for (const event of events.slice(seen)) {
      const line = describeHistoryEvent(event, enteredAt);
      if (line) io.out(line);
    }
    seen = events.length;
    if (described.status !== 'RUNNING' && events.some((e) => e.type?.startsWith('Execution') && e.type !== 'ExecutionStarted')) {
      return described.status === 'SUCCEEDED' ? 0 : 1;
    }
    await sleep(100);
  }
  io.err(`The execution was still running after ${options.timeoutMs / 1000} s.`);
  return 1;
}
