/**
 * The cost report `npm run cost` prints: the happy path's bill line by line for a Standard and an
 * Express workflow, every failure path's total for both, and what choosing Express gives up, with
 * the facts of this definition that matter for the choice (callbacks, job runs, worst-case
 * durations against Express's five minutes, the execution name the onboarding relies on).
 */
import type { CostAssembly, StateMachineResource } from '../assembly/read-assemblies';
import type { MeasuredProfile } from '../profile/function-profile';
import type { Assumptions, LineItem, OnboardingBill } from './onboarding-cost';
import type { PriceBook } from './price-book';

const MILLION = 1_000_000;

/** `$1,234.56`, with more digits for small amounts. */
export function usd(amount: number): string {
  if (amount === 0) return '$0.00';
  if (Math.abs(amount) < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function quantity(n: number): string {
  if (n === 0) return '0';
  if (Math.abs(n) >= 100) return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (Math.abs(n) >= 1) return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return n.toPrecision(3);
}

/** A unit price in a readable scale: per unit when it is a cent or more, else per million. */
function unitPrice(line: LineItem, prices: PriceBook): string {
  const price = prices.prices[line.price];
  const figure = (n: number) => `$${Number(n.toPrecision(4)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
  if (price.usd >= 0.01) return `${figure(price.usd)} / ${singular(line.unit)}`;
  return `${figure(price.usd * MILLION)} / 1M ${line.unit}`;
}

function singular(unit: string): string {
  return unit.replace(/^(\w+?)s\b/, '$1');
}

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number))).join('  ').trimEnd()).join('\n');
}

function billTable(bill: OnboardingBill, prices: PriceBook): string {
  const rows = [['service', 'item', 'per onboarding', 'unit price', 'per 1M onboardings']];
  for (const l of bill.lines) rows.push([l.service, l.item, `${quantity(l.quantity)} ${l.quantity === 1 ? singular(l.unit) : l.unit}`, unitPrice(l, prices), usd(l.cost * MILLION)]);
  rows.push(['total', '', '', '', usd(bill.total * MILLION)]);
  const details = bill.lines.filter((l) => l.detail).map((l) => `  ${l.service} ${l.item}: ${l.detail}`);
  return `${table(rows, ['l', 'l', 'r', 'r', 'r'])}${details.length > 0 ? `\n${details.join('\n')}` : ''}`;
}

const seconds = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

/** What a team gives up with Express, and what this definition needs that Express lacks. */
export function expressTradeOffs(machine: StateMachineResource, bills: { standard: OnboardingBill; express: OnboardingBill }[], profile: MeasuredProfile): string[] {
  const patterns = new Set(bills.flatMap((b) => [...(b.standard.walk?.patterns ?? [])]));
  const worst = bills.reduce((w, b) => ((b.standard.walk?.worstCaseDurationMs ?? 0) > (w.standard.walk?.worstCaseDurationMs ?? 0) ? b : w), bills[0] as (typeof bills)[number]);
  const worstMs = worst.standard.walk?.worstCaseDurationMs ?? 0;
  const overFive = bills.filter((b) => (b.standard.walk?.worstCaseDurationMs ?? 0) > 300_000);
  const names = Object.values(profile.functions).flatMap((f) => (f.startsExecutions ?? []).filter((s) => s.stateMachine === `${machine.stackName}/${machine.logicalId}` && s.name));
  const lines = [
    'What Express gives up (AWS Step Functions developer guide, "Choosing workflow type" and "Execution guarantees"):',
    '- Exactly-once execution: Standard runs an execution exactly once; asynchronous Express runs it at least once (a start may run twice), synchronous Express at most once.',
    '- Execution names: Standard refuses a second start with the name of a running execution (and keeps names 90 days); Express starts concurrent executions with the same name.',
    '- Callbacks (.waitForTaskToken) and job runs (.sync): Standard only; Express supports request-response integrations only.',
    '- Execution history: Standard keeps 90 days of history (GetExecutionHistory, the console, redrive of failed executions); Express records none, only what its CloudWatch Logs log group receives.',
    '- Duration: Standard up to one year; Express at most five minutes.',
    '',
    'This definition:',
    `- ${patterns.size > 0 ? `uses ${[...patterns].join(', ')}: Express cannot run it as written.` : 'uses only request-response integrations: Express can run it as written.'}`,
    `- ${overFive.length > 0 ? `${overFive.length} path(s) can take longer than five minutes at worst (every retry waiting its full delay, failing attempts running to their task time-out); the longest: "${worst.standard.scenario.description}", ${seconds(worstMs)}. Express would stop those executions at five minutes, before their compensation finishes.` : `no path takes longer than five minutes even at worst (longest: ${seconds(worstMs)}).`}`,
    names.length > 0
      ? `- The onboarding is started with an execution name (${names[0]?.name}): with Standard that name is the duplicate protection; with Express a duplicate delivery starts a second execution, and only the steps' own idempotency (Powertools, keyed by signupId) keeps it from acting twice.`
      : '- The onboarding is started without an execution name: Standard gives it no duplicate protection either.',
    `- Execution log: ${machine.logging.level === 'OFF' ? 'logging is OFF, so with Express no record of an execution would remain.' : `level ${machine.logging.level}${machine.logging.includeExecutionData ? ' with' : ' without'} execution data: with Express this log is the only history there is.`}`,
  ];
  return lines;
}

/** Options of {@link renderReport}. */
export interface ReportInput {
  assembly: CostAssembly;
  machine: StateMachineResource;
  profile: MeasuredProfile;
  prices: PriceBook;
  pricesFile: string;
  profileFile: string;
  assumptions: Assumptions;
  /** Each path priced both ways, the happy path first. */
  bills: { standard: OnboardingBill; express: OnboardingBill }[];
  /** Print every path's lines, not only the happy path's. */
  allLines?: boolean;
}

/** The whole report, as text. */
export function renderReport(input: ReportInput): string {
  const { machine, prices, profile, assumptions, bills } = input;
  const happy = bills[0] as (typeof bills)[number];
  const language = (machine.definition['QueryLanguage'] as string | undefined) ?? 'JSONPath';
  const out: string[] = [];
  out.push(`What an onboarding costs on AWS, per 1,000,000 onboardings (${prices.region} list prices read on ${prices.retrievedOn}: ${input.pricesFile})`);
  out.push(`State machine ${machine.stackName}/${machine.name}: ${language}, deployed as ${machine.type}, execution log ${machine.logging.level}${machine.logging.includeExecutionData ? ' with data' : ''}.`);
  out.push(`Counts and durations per function: ${input.profileFile} (measured ${profile.measuredOn} with \`${profile.command}\`, Node ${profile.environment.node}, ${profile.environment.cpus} cores; local emulators, so durations are not AWS's).`);
  out.push(`Assumptions: ${(assumptions.coldStartRate * 100).toFixed(1)}% of invocations are cold starts (--cold-start-rate); X-Ray records ${(assumptions.xraySampleRate * 100).toFixed(0)}% of onboardings (--xray-sample-rate); free tiers, storage and monthly charges (alarms, dashboards, KMS keys, secrets) are not included.`);
  for (const [label, bill] of [
    ['Standard workflow', happy.standard],
    ['Express workflow, same definition', happy.express],
  ] as const) {
    out.push('', `== Happy path (every step succeeds at once), ${label}: ${usd(bill.total * MILLION)} per 1M onboardings`, billTable(bill, prices));
  }
  if (input.allLines) {
    for (const b of bills.slice(1)) {
      out.push('', `== ${b.standard.scenario.description}, Standard: ${usd(b.standard.total * MILLION)}`, billTable(b.standard, prices));
      out.push('', `== ${b.express.scenario.description}, Express: ${usd(b.express.total * MILLION)}`, billTable(b.express, prices));
    }
  }
  const rows = [['path (what goes wrong)', 'outcome', 'transitions', 'Lambda calls', 'Standard /1M', 'Express /1M', 'duration expected / worst']];
  for (const b of bills) {
    const w = b.standard.walk;
    const calls = Object.values(b.standard.invocations).reduce((n, i) => n + i.requests, 0);
    rows.push([b.standard.scenario.description, w?.status === 'SUCCEEDED' ? 'succeeded' : `failed (${w?.error})`, String(w?.transitions ?? 0), String(calls), usd(b.standard.total * MILLION), usd(b.express.total * MILLION), `${seconds(w?.expectedDurationMs ?? 0)} / ${seconds(w?.worstCaseDurationMs ?? 0)}`]);
  }
  out.push('', `== Every path, priced as if every onboarding took it (${bills.length} paths; \`npm run cost -- --all\` prints each one's lines)`, table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r']));
  const saving = happy.standard.total - happy.express.total;
  out.push('', '== Standard or Express?');
  out.push(
    saving > 0
      ? `On the happy path Express costs ${usd(saving * MILLION)} less per 1M onboardings (${((saving / happy.standard.total) * 100).toFixed(0)}% of the Standard bill); Step Functions itself is ${usd((happy.standard.lines.find((l) => l.price === 'stepFunctions.standard.stateTransition')?.cost ?? 0) * MILLION)} of the Standard bill and ${usd(happy.express.lines.filter((l) => l.price.startsWith('stepFunctions.express')).reduce((s, l) => s + l.cost, 0) * MILLION)} of the Express one.`
      : `On the happy path Express costs ${usd(-saving * MILLION)} more per 1M onboardings.`,
  );
  out.push(...expressTradeOffs(machine, bills, profile));
  out.push('- Express duration above is the measured function durations plus the retry waits; the integrations\' own latency (tens of ms per task) is not in it.');
  const notes = [...new Set(bills.flatMap((b) => [...b.standard.notes, ...b.express.notes]))];
  if (notes.length > 0 || (profile.warnings ?? []).length > 0) out.push('', 'Notes:', ...notes.map((n) => `- ${n}`), ...(profile.warnings ?? []).map((w) => `- measurement: ${w}`));
  return `${out.join('\n')}\n`;
}
