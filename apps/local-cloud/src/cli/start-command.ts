/**
 * `npm start`: boots the local cloud in the foreground, prints progress and a banner with the URLs,
 * writes `.local/endpoints.json` when ready, and stops every server and worker on Ctrl-C/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AssemblyError } from '../assembly';
import { DEFAULT_PORT_BASE } from '../boot/ports';
import { findWorkspaceRoot, startLocalCloud, type LocalCloud } from '../boot/start-local-cloud';
import { InvalidFaultSpecError, UnknownFaultTargetError } from '../faults';
import { UnsupportedDefinitionError } from '../stepfunctions';

/** Options of `npm start`, parsed. */
export interface StartCommandOptions {
  dataDir?: string;
  portBase: number | 'free';
  synth: boolean | 'auto';
  quiet: boolean;
  logs: boolean;
  prewarm: boolean;
  endpointsFile: string;
  /** Read the assemblies in the subfolders of this folder instead of apps/<app>/cdk.out. */
  assembliesDir?: string;
  /** `false` with --no-iam: function calls are not checked against their role policies. @default on */
  iam?: false;
}

export const START_USAGE = `Usage: npm start -- [options]

Boots the onboarding system locally from the apps' cloud assemblies (apps/<app>/cdk.out).

Options:
  --data-dir <dir>     keep tables, objects, secrets and dead letters in <dir> across restarts
                       (default: in memory, gone at stop)
  --port-base <port>   first port of the fixed layout (default ${DEFAULT_PORT_BASE}: api ${DEFAULT_PORT_BASE},
                       console +1, eventbridge +2, stepfunctions +3, dynamodb +4, s3 +5, sesv2 +6,
                       webhook +7, ssm +8, secretsmanager +9, lambda +10); "free" picks free ports
  --synth              synthesize every app first (nx cache makes it quick when nothing changed)
  --no-synth           never synthesize; fail if an assembly is missing
                       (default: synthesize only when an app has no cdk.out)
  --logs               print every function log line
  --no-prewarm         start function sandboxes on first use instead of right after boot
  --quiet              print only the banner and errors
  --endpoints-file <f> where to write the endpoints (default .local/endpoints.json at the repo root)
  --assemblies-dir <d> run the cloud assemblies in the subfolders of <d> (one app each) instead
  --no-iam             do not check the functions' AWS calls against their role policies
                       (default: a call the role does not allow is refused with AccessDenied)
  --help               show this help

Environment:
  ONBOARDING_FAULTS    faults to inject from the start, e.g. "email-service:fail:2,notifier:timeout:always"
                       (change them while running with PUT/GET/DELETE <console>/api/faults)`;

/** Parses the arguments of `npm start`. @throws Error naming a bad option */
export function parseStartArgs(argv: string[], workspaceRoot: string): StartCommandOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      'port-base': { type: 'string' },
      synth: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      quiet: { type: 'boolean' },
      logs: { type: 'boolean' },
      'no-prewarm': { type: 'boolean' },
      'endpoints-file': { type: 'string' },
      'assemblies-dir': { type: 'string' },
      'no-iam': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  if (values.synth && values['no-synth']) throw new Error('--synth and --no-synth exclude each other');
  let portBase: number | 'free' = DEFAULT_PORT_BASE;
  if (values['port-base'] !== undefined) {
    if (values['port-base'] === 'free') portBase = 'free';
    else {
      portBase = Number(values['port-base']);
      if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65535 - 10) throw new Error(`--port-base must be "free" or a port from 1024 to 65525, got ${values['port-base']}`);
    }
  }
  return {
    dataDir: values['data-dir'],
    portBase,
    synth: values.synth ? true : values['no-synth'] ? false : 'auto',
    quiet: values.quiet === true,
    logs: values.logs === true,
    prewarm: values['no-prewarm'] !== true,
    endpointsFile: values['endpoints-file'] ?? join(workspaceRoot, '.local', 'endpoints.json'),
    assembliesDir: values['assemblies-dir'],
    iam: values['no-iam'] ? false : undefined,
  };
}

/** Every subfolder of `dir` holding a cloud assembly, as an app named after the folder. */
async function assembliesIn(dir: string): Promise<{ app: string; dir: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'manifest.json')))
    .map((e) => ({ app: e.name, dir: resolve(dir, e.name) }));
}

/** The banner printed once the cloud is ready. */
export function banner(cloud: LocalCloud, options: StartCommandOptions, bootMs: number): string {
  const e = cloud.endpoints;
  const routes = cloud.model.httpRoutes.map((r) => `    ${r.routeKey.padEnd(22)} ${e.api}${r.routeKey.replace(/^\S+\s/, '')}`).join('\n');
  return [
    '',
    `Local cloud ready in ${(bootMs / 1000).toFixed(1)} s: ${cloud.model.functions.length} functions, ${cloud.model.stateMachines.length} state machines, ${cloud.model.rules.length} rules.`,
    '',
    `  API            ${e.api}`,
    routes,
    `  Console        ${e.console}   (signups live, execution graphs, events, mail)`,
    `  EventBridge    ${e.eventbridge}`,
    `  Step Functions ${e.stepfunctions}`,
    `  DynamoDB       ${e.dynamodb}`,
    `  S3             ${e.s3}`,
    `  SES v2         ${e.sesv2}   (sent mail: ${e.sesv2}/store)`,
    `  Webhook sink   ${e.webhook}   (received: ${e.webhook}/messages)`,
    `  SSM / Secrets  ${e.ssm} / ${e.secretsmanager}`,
    `  Lambda Invoke  ${e.lambda}`,
    '',
    `  Endpoints written to ${options.endpointsFile}`,
    `  Data: ${options.dataDir ? `kept in ${options.dataDir}` : 'in memory (use --data-dir to keep it)'}`,
    `  Try: npm run signup -- --email ada@example.com --name Ada --wait`,
    '  Ctrl-C stops everything.',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Runs `npm start`; resolves with the exit code once the cloud has stopped (or failed to start). */
export async function runStartCommand(argv: string[], io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> {
  const workspaceRoot = findWorkspaceRoot();
  let options: StartCommandOptions;
  try {
    const parsed = parseStartArgs(argv, workspaceRoot);
    if (parsed === 'help') {
      io.out(START_USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${START_USAGE}`);
    return 2;
  }

  // Signals are caught from the start: one that arrives while booting stops the cloud as soon as
  // it is up (a half-started cloud would leave its temporary S3 folder behind).
  let signalled: string | undefined;
  let onSignal: (signal: string) => void = (signal) => {
    signalled = signal;
    io.out(`\n${signal}: stopping once started...`);
  };
  const handlers = { SIGINT: () => onSignal('SIGINT'), SIGTERM: () => onSignal('SIGTERM') };
  process.on('SIGINT', handlers.SIGINT);
  process.on('SIGTERM', handlers.SIGTERM);
  const detach = () => {
    process.off('SIGINT', handlers.SIGINT);
    process.off('SIGTERM', handlers.SIGTERM);
  };

  const started = performance.now();
  let cloud: LocalCloud;
  try {
    const assemblies = options.assembliesDir ? await assembliesIn(options.assembliesDir) : undefined;
    cloud = await startLocalCloud({
      workspaceRoot,
      assemblies,
      synth: options.synth,
      ports: options.portBase,
      dataDir: options.dataDir,
      endpointsFile: options.endpointsFile,
      prewarm: options.prewarm,
      iam: options.iam,
      onProgress: options.quiet ? undefined : (line) => io.out(line),
      onLog: options.logs ? (entry) => io.out(`[${entry.functionName}] ${entry.message}`) : undefined,
      faults: process.env['ONBOARDING_FAULTS'],
    });
  } catch (error) {
    detach();
    const known = error instanceof AssemblyError || error instanceof UnsupportedDefinitionError || error instanceof InvalidFaultSpecError || error instanceof UnknownFaultTargetError;
    io.err(`The local cloud cannot start: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
    return 1;
  }
  if (!signalled) {
    if (!options.quiet) for (const note of cloud.notes) io.out(`Note: ${note}`);
    io.out(banner(cloud, options, performance.now() - started));
  }

  const exitCode = await new Promise<number>((resolve) => {
    let stopping = false;
    onSignal = (signal: string) => {
      if (stopping) {
        io.err(`${signal} again: exiting now`);
        resolve(130);
        return;
      }
      stopping = true;
      io.out(`\n${signal}: stopping the local cloud...`);
      cloud.stop().then(
        () => {
          io.out('Stopped.');
          resolve(0);
        },
        (error: Error) => {
          io.err(`Stopping failed: ${error.message}`);
          resolve(1);
        },
      );
    };
    if (signalled) onSignal(signalled);
  });
  detach();
  return exitCode;
}
