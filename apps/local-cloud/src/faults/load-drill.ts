/**
 * The load drill: a burst of signups on a local cloud whose step functions fail now and then with
 * their transient errors, then an audit of where every accepted signup ended and of every side
 * effect, counted per signupId where it landed (user items in DynamoDB, mail in the SES store,
 * objects in S3 by their `signup-id` metadata, messages at the webhook). The goal: nothing lost,
 * nothing done twice. Used by `bin/load-drill.ts`; see the README ("Resilience") for measured runs.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { LocalCloud } from '../boot/start-local-cloud';
import { replay, type ReplayReport } from '../replay';

/** Options of a drill. */
export interface LoadDrillOptions {
  signups: number;
  /** Percentage of invocations of every onboarding function that fail with a transient error. */
  faultRatePercent: number;
  /** After the audit: clear the faults, replay, and audit again. */
  replayAfter: boolean;
  /** How long to wait for every signup to settle. @default 300000 */
  settleTimeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** Where one accepted signup ended. */
export type SignupOutcome = 'completed' | 'completed-unnotified' | 'compensated' | 'failed-uncompensated' | 'dead-lettered' | 'lost';

/** The counts of one audit. */
export interface DrillAudit {
  outcomes: Record<SignupOutcome, number>;
  /** Signups with an effect counted more than once (or two SUCCEEDED executions). */
  duplicated: string[];
  /** Signups whose effects do not match their outcome (a completed one without its user, a compensated one with its prefix, ...). */
  inconsistent: string[];
  effects: { users: number; emails: number; objects: number; messages: number };
  /** Why the failed executions failed: their error, marked `(injected)` when the last failure of that error was an injected fault. */
  failureCauses: Record<string, number>;
}

/** What a drill measured. */
export interface LoadDrillReport {
  sent: number;
  accepted: number;
  refused: number;
  faults: string;
  injected: number;
  burstSeconds: number;
  settleSeconds: number;
  audit: DrillAudit;
  replay?: ReplayReport;
  afterReplay?: DrillAudit;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const credentials = { accessKeyId: 'load-drill', secretAccessKey: 'load-drill' };

interface Accepted {
  signupId: string;
  email: string;
}

/** The fault list of a drill: every app with a function the HTTP API does not front. */
export function drillFaults(cloud: Pick<LocalCloud, 'model'>, percent: number): string {
  const apiFunctions = new Set(cloud.model.httpRoutes.map((r) => r.functionArn));
  const apps = [...new Set(cloud.model.functions.filter((f) => !apiFunctions.has(f.arn)).map((f) => f.app))].sort();
  return apps.map((app) => `${app}:fail:${percent}%`).join(',');
}

async function sendBurst(cloud: LocalCloud, count: number): Promise<{ accepted: Accepted[]; refused: number }> {
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const email = `drill-${i}-${randomUUID().slice(0, 8)}@example.com`;
      try {
        const response = await fetch(`${cloud.endpoints.api}/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, name: 'Drill User', tenantId: `drill-${i % 10}`, plan: 'pro' }),
        });
        const body = (await response.json()) as { signupId?: string };
        return response.status === 202 && body.signupId ? { signupId: body.signupId, email } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const accepted = answers.filter((a): a is Accepted => a !== undefined);
  return { accepted, refused: count - accepted.length };
}

/** Latest execution per signupId (by input), described. */
interface LatestExecution {
  executionArn: string;
  status: string;
  error?: string;
  startMs: number;
  teamNotified?: boolean;
  /** Executions of the signup, and how many of them SUCCEEDED. */
  count: number;
  succeeded: number;
}

async function latestExecutions(cloud: LocalCloud): Promise<Map<string, LatestExecution>> {
  const latest = new Map<string, LatestExecution>();
  for (const machine of cloud.model.stateMachines) {
    let nextToken: string | undefined;
    do {
      const page = await cloud.stepfunctions.listExecutions({ stateMachineArn: machine.arn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
      for (const item of page.executions) {
        const described = await cloud.stepfunctions.describeExecution(item.executionArn);
        const input = JSON.parse(described.input) as { signupId?: unknown };
        if (typeof input.signupId !== 'string') continue;
        const output = described.output ? (JSON.parse(described.output) as { notification?: { delivered?: unknown } }) : undefined;
        const previous = latest.get(input.signupId);
        const entry: LatestExecution = {
          executionArn: described.executionArn,
          status: described.status,
          ...(described.error ? { error: described.error } : {}),
          startMs: described.startDate.getTime(),
          ...(output?.notification ? { teamNotified: output.notification.delivered === true } : {}),
          count: (previous?.count ?? 0) + 1,
          succeeded: (previous?.succeeded ?? 0) + (described.status === 'SUCCEEDED' ? 1 : 0),
        };
        if (!previous || previous.startMs <= entry.startMs) latest.set(input.signupId, entry);
        else latest.set(input.signupId, { ...previous, count: entry.count, succeeded: entry.succeeded });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return latest;
}

function signupsInLetters(cloud: LocalCloud, known: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const letter of cloud.deadLetters.list()) for (const id of JSON.stringify(letter.body).match(UUID) ?? []) if (known.has(id)) found.add(id);
  return found;
}

/** Waits until every accepted signup has ended (or is a dead letter) and nothing is in flight. */
async function settle(cloud: LocalCloud, accepted: Accepted[], timeoutMs: number): Promise<void> {
  const ids = new Set(accepted.map((a) => a.signupId));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await cloud.eventbridge.idle();
    await cloud.asyncInvoker.idle();
    const executions = await latestExecutions(cloud);
    const letters = signupsInLetters(cloud, ids);
    const pending = accepted.filter((a) => {
      const e = executions.get(a.signupId);
      return e ? e.status === 'RUNNING' : !letters.has(a.signupId);
    });
    if (pending.length === 0) return;
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Counts every side effect per signupId. */
async function countEffects(cloud: LocalCloud, accepted: Accepted[]): Promise<Map<string, { users: number; emails: number; objects: number; messages: number }>> {
  const counts = new Map(accepted.map((a) => [a.signupId, { users: 0, emails: 0, objects: 0, messages: 0 }]));
  const bySignup = (id: string | undefined) => (id ? counts.get(id) : undefined);

  const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials });
  const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const usersTable = cloud.model.tables.find((t) => t.app === 'user-service' && /users/i.test(t.logicalId));
    let startKey: Record<string, never> | undefined;
    do {
      const page = await dynamodb.send(new ScanCommand({ TableName: usersTable?.tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      for (const item of page.Items ?? []) {
        const c = item['sk']?.S?.startsWith('USER#') ? bySignup(item['signupId']?.S) : undefined;
        if (c) c.users += 1;
      }
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);

    const byEmail = new Map(accepted.map((a) => [a.email, a.signupId]));
    const store = (await (await fetch(`${cloud.endpoints.sesv2}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    for (const mail of store.emails) {
      for (const to of mail.destination.to) {
        const c = bySignup(byEmail.get(to));
        if (c) c.emails += 1;
      }
    }

    const bucket = cloud.model.buckets.find((b) => b.app === 'storage-service' && !/log/i.test(b.logicalId))?.bucketName;
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'tenants/', ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    for (let i = 0; i < keys.length; i += 50) {
      const heads = await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key }))));
      for (const head of heads) {
        const c = bySignup(head.Metadata?.['signup-id']);
        if (c) c.objects += 1;
      }
    }

    const messages = (await (await fetch(`${cloud.endpoints.webhook}/messages`)).json()) as unknown[];
    for (const message of messages) {
      for (const id of new Set(JSON.stringify(message).match(UUID) ?? [])) {
        const c = bySignup(id);
        if (c) c.messages += 1;
      }
    }
  } finally {
    dynamodb.destroy();
    s3.destroy();
  }
  return counts;
}

/** Where every accepted signup ended, and whether its effects match. */
export async function auditSignups(cloud: LocalCloud, accepted: Accepted[]): Promise<DrillAudit> {
  const executions = await latestExecutions(cloud);
  const letters = signupsInLetters(cloud, new Set(accepted.map((a) => a.signupId)));
  const effects = await countEffects(cloud, accepted);
  const audit: DrillAudit = {
    outcomes: { completed: 0, 'completed-unnotified': 0, compensated: 0, 'failed-uncompensated': 0, 'dead-lettered': 0, lost: 0 },
    duplicated: [],
    inconsistent: [],
    effects: { users: 0, emails: 0, objects: 0, messages: 0 },
    failureCauses: {},
  };
  for (const { signupId } of accepted) {
    const e = effects.get(signupId) ?? { users: 0, emails: 0, objects: 0, messages: 0 };
    for (const key of ['users', 'emails', 'objects', 'messages'] as const) audit.effects[key] += e[key];
    const execution = executions.get(signupId);
    let outcome: SignupOutcome;
    if (!execution) outcome = letters.has(signupId) ? 'dead-lettered' : 'lost';
    else if (execution.status === 'SUCCEEDED') outcome = execution.teamNotified === false ? 'completed-unnotified' : 'completed';
    else if (execution.status === 'RUNNING') outcome = 'lost';
    else outcome = e.users === 0 && e.objects === 0 ? 'compensated' : 'failed-uncompensated';
    audit.outcomes[outcome] += 1;
    if (e.users > 1 || e.emails > 1 || e.objects > 1 || e.messages > 1 || (execution?.succeeded ?? 0) > 1) audit.duplicated.push(signupId);
    const consistent =
      outcome === 'completed'
        ? e.users === 1 && e.emails === 1 && e.objects === 1 && e.messages === 1
        : outcome === 'completed-unnotified'
          ? e.users === 1 && e.emails === 1 && e.objects === 1 && e.messages === 0
          : outcome === 'compensated' || outcome === 'dead-lettered'
            ? e.users === 0 && e.objects === 0 && e.messages === 0
            : false;
    if (!consistent && outcome !== 'lost') audit.inconsistent.push(signupId);
    if (execution && execution.status !== 'SUCCEEDED' && execution.status !== 'RUNNING') {
      const cause = `${execution.error ?? execution.status}${(await lastFailureInjected(cloud, execution)) ? ' (injected)' : ''}`;
      audit.failureCauses[cause] = (audit.failureCauses[cause] ?? 0) + 1;
    }
  }
  return audit;
}

/** True when the last task failure with the execution's error was an injected fault. */
async function lastFailureInjected(cloud: LocalCloud, execution: LatestExecution): Promise<boolean> {
  const { events } = await cloud.stepfunctions.history(execution.executionArn, { reverseOrder: true });
  const failure = events.find((e) => e.type === 'TaskFailed' && e.taskFailedEventDetails?.['error'] === execution.error);
  return String(failure?.taskFailedEventDetails?.['cause'] ?? '').includes('Injected fault');
}

/** Runs a drill on a booted local cloud (its faults are replaced, then cleared). */
export async function runLoadDrill(cloud: LocalCloud, options: LoadDrillOptions): Promise<LoadDrillReport> {
  const log = options.log ?? (() => undefined);
  const settleTimeoutMs = options.settleTimeoutMs ?? 300_000;
  const faults = options.faultRatePercent > 0 ? drillFaults(cloud, options.faultRatePercent) : '';
  cloud.resilience.faults.set(faults);
  log(`Faults: ${faults || 'none'}`);

  const burstStarted = performance.now();
  const { accepted, refused } = await sendBurst(cloud, options.signups);
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  log(`Sent ${options.signups} signups in ${burstSeconds.toFixed(1)} s: ${accepted.length} accepted (202), ${refused} refused`);
  await settle(cloud, accepted, settleTimeoutMs);
  const settleSeconds = (performance.now() - burstStarted) / 1000;
  const injected = cloud.resilience.faults.list().reduce((sum, f) => sum + f.fired, 0);
  cloud.resilience.faults.clear();
  log(`Settled after ${settleSeconds.toFixed(1)} s; ${injected} invocations failed by injection`);
  const audit = await auditSignups(cloud, accepted);
  const report: LoadDrillReport = { sent: options.signups, accepted: accepted.length, refused, faults, injected, burstSeconds, settleSeconds, audit };

  if (options.replayAfter) {
    report.replay = await replay(cloud, {});
    await settle(cloud, accepted, settleTimeoutMs);
    report.afterReplay = await auditSignups(cloud, accepted);
  }
  return report;
}

/** The report as lines for a terminal. */
export function describeDrill(report: LoadDrillReport): string[] {
  const auditLines = (audit: DrillAudit) => [
    `  completed            ${audit.outcomes.completed}`,
    `  completed, team not notified (recorded for replay) ${audit.outcomes['completed-unnotified']}`,
    `  compensated          ${audit.outcomes.compensated}`,
    `  failed, not compensated ${audit.outcomes['failed-uncompensated']}`,
    `  dead-lettered        ${audit.outcomes['dead-lettered']}`,
    `  lost                 ${audit.outcomes.lost}`,
    `  duplicated effects   ${audit.duplicated.length}${audit.duplicated.length > 0 ? ` (${audit.duplicated.slice(0, 5).join(', ')}${audit.duplicated.length > 5 ? ', ...' : ''})` : ''}`,
    `  inconsistent effects ${audit.inconsistent.length}${audit.inconsistent.length > 0 ? ` (${audit.inconsistent.slice(0, 5).join(', ')}${audit.inconsistent.length > 5 ? ', ...' : ''})` : ''}`,
    `  effects counted: ${audit.effects.users} users, ${audit.effects.emails} emails, ${audit.effects.objects} prefixes, ${audit.effects.messages} team messages`,
    ...Object.entries(audit.failureCauses)
      .sort((a, b) => b[1] - a[1])
      .map(([cause, n]) => `  failed because of    ${cause}: ${n}`),
  ];
  const lines = [
    `${report.sent} signups in a burst (${report.burstSeconds.toFixed(1)} s), ${report.accepted} accepted, ${report.refused} refused; settled in ${report.settleSeconds.toFixed(1)} s`,
    `Injected: ${report.injected} failed invocations (${report.faults || 'no faults'})`,
    ...auditLines(report.audit),
  ];
  if (report.replay && report.afterReplay) {
    lines.push(
      `Replay: ${report.replay.redriven.length} executions re-driven, ${report.replay.deadLetters.length} dead letters replayed, ${report.replay.notifications.filter((n) => n.outcome === 'delivered').length} notifications re-sent, ${report.replay.skipped.length} skipped`,
      'After replay:',
      ...auditLines(report.afterReplay),
    );
  }
  return lines;
}
