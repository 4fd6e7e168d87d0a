/**
 * `npm run replay`: asks the running local cloud (found through `.local/endpoints.json`) to replay
 * failed executions, dead letters and missed notifications, and prints what it did. The work runs
 * inside the local cloud (`POST <console>/api/replay`), next to the services it drives.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReplayOptions, ReplayReport } from './replay';

export const REPLAY_USAGE = `Usage: npm run replay -- [options]

Replays, on the running local cloud, what did not finish. With none of --failed, --dead-letters,
--notifications: all three.

Options:
  --failed             re-drive failed, timed-out or aborted executions as signup-<id>-r<n>
                       (not those whose compensation ran: see the README, "Resilience")
  --dead-letters       re-deliver dead-lettered events and re-invoke failed async invocations
  --notifications      re-send the team notifications of signups onboarded with teamNotified false
  --tenant <id>        only this tenant's signups
  --signup <id>        only this signup
  --endpoints-file <f> the running cloud's endpoints (default .local/endpoints.json at the repo root)
  --json               print the report as JSON
  --help               show this help`;

/** Parsed arguments of `npm run replay`. */
export interface ReplayCommandOptions {
  replay: ReplayOptions;
  endpointsFile: string;
  json: boolean;
}

/** Parses the arguments. @throws Error naming a bad option */
export function parseReplayArgs(argv: string[], workspaceRoot: string): ReplayCommandOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      failed: { type: 'boolean' },
      'dead-letters': { type: 'boolean' },
      notifications: { type: 'boolean' },
      tenant: { type: 'string' },
      signup: { type: 'string' },
      'endpoints-file': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  for (const name of ['tenant', 'signup'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new Error(`--${name} must not be empty`);
  }
  const replay: ReplayOptions = {
    ...(values.tenant !== undefined ? { tenant: values.tenant } : {}),
    ...(values.signup !== undefined ? { signup: values.signup } : {}),
    ...(values.failed ? { failed: true } : {}),
    ...(values['dead-letters'] ? { deadLetters: true } : {}),
    ...(values.notifications ? { notifications: true } : {}),
  };
  return { replay, endpointsFile: values['endpoints-file'] ?? join(workspaceRoot, '.local', 'endpoints.json'), json: values.json === true };
}

/** The report as lines for a terminal. */
export function describeReport(report: ReplayReport): string[] {
  const lines: string[] = [];
  if (report.redriven.length > 0) {
    lines.push(`Re-drove ${report.redriven.length} failed execution(s):`);
    for (const r of report.redriven) lines.push(`  ${r.signupId}${r.tenantId ? ` (tenant ${r.tenantId})` : ''}: ${r.fromStatus} ${r.from.split(':').pop()} -> ${r.executionArn.split(':').pop()}`);
  }
  if (report.deadLetters.length > 0) {
    lines.push(`Replayed ${report.deadLetters.length} dead letter(s):`);
    for (const d of report.deadLetters) lines.push(`  ${d.signupId ?? '(no signup)'}: ${d.action} to ${d.target}`);
  }
  if (report.notifications.length > 0) {
    lines.push(`Re-sent ${report.notifications.filter((n) => n.outcome === 'delivered').length} of ${report.notifications.length} missed notification(s):`);
    for (const n of report.notifications) lines.push(`  ${n.signupId}: ${n.outcome}${n.error ? ` (${n.error})` : ''}`);
  }
  if (report.skipped.length > 0) {
    lines.push(`Skipped ${report.skipped.length}:`);
    for (const s of report.skipped) lines.push(`  ${s.signupId ?? s.what}: ${s.reason}`);
  }
  if (lines.length === 0) lines.push('Nothing to replay.');
  return lines;
}

/** Runs `npm run replay`; resolves with the exit code (0 done, 1 a replay failed, 2 bad arguments, 3 no cloud). */
export async function runReplayCommand(argv: string[], workspaceRoot: string, io: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error }): Promise<number> {
  let options: ReplayCommandOptions;
  try {
    const parsed = parseReplayArgs(argv, workspaceRoot);
    if (parsed === 'help') {
      io.out(REPLAY_USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${REPLAY_USAGE}`);
    return 2;
  }
  let consoleUrl: string;
  try {
    consoleUrl = (JSON.parse(await readFile(options.endpointsFile, 'utf8')) as { console: string }).console;
  } catch {
    io.err(`No running local cloud: ${options.endpointsFile} is missing or unreadable (start it with npm start).`);
    return 3;
  }
  let response: Response;
  try {
    response = await fetch(`${consoleUrl}/api/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.replay) });
  } catch (error) {
    io.err(`The local cloud at ${consoleUrl} does not answer (${(error as Error).message}); is it still running?`);
    return 3;
  }
  const body = (await response.json()) as ReplayReport | { error: string; message: string };
  if (!response.ok || 'error' in body) {
    io.err(`Replay refused: ${'message' in body ? body.message : response.statusText}`);
    return response.status >= 500 ? 1 : 2;
  }
  if (options.json) io.out(JSON.stringify(body, null, 2));
  else for (const line of describeReport(body)) io.out(line);
  return body.notifications.some((n) => n.outcome === 'failed') ? 1 : 0;
}
