/**
 * The differential test: every scenario of tests/differential/scenarios runs against this engine
 * and against AWS's DynamoDB Local (started here on a free port, Java required), request by
 * request; answers and final tables must agree (see harness.ts for what is normalized).
 */
import { startLocalDynamoDb, type LocalDynamoDb } from '../src';
import { startDynamoDbLocal, type DynamoDbLocal } from '../src/testing';
import { allPages, call, isPaginate, isStep, normalizeAnswer, tableContents, type Action, type Answer, type Endpoint, type Scenario } from './differential/harness';
import { itemScenarios } from './differential/scenarios/items';
import { readScenarios } from './differential/scenarios/reads';
import { tableAndErrorScenarios, ttlScenario } from './differential/scenarios/tables-and-errors';
import { writeScenarios } from './differential/scenarios/writes';

// A busy two-core machine: the JVM alone can take most of a minute to start.
jest.setTimeout(180_000);

let oracleServer: DynamoDbLocal;
let oursServer: LocalDynamoDb;
let oracle: Endpoint;
let ours: Endpoint;

beforeAll(async () => {
  [oracleServer, oursServer] = await Promise.all([
    // Quick to start, enough for a test: C1 only, a serial collector, a small heap.
    startDynamoDbLocal({ jvmOptions: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx384m'] }),
    startLocalDynamoDb({ port: 0, ttlSweepIntervalMs: 200 }),
  ]);
  oracle = { name: 'DynamoDB Local', url: oracleServer.url };
  ours = { name: 'local-dynamodb', url: oursServer.url };
});

afterAll(async () => {
  await Promise.all([oracleServer?.stop(), oursServer?.close()]);
});

/** What a step answered on each side, for the failure message. */
function describe_(action: Action, index: number): string {
  if (isStep(action)) return `step ${index + 1}: ${action.op} ${JSON.stringify(action.input).slice(0, 300)}`;
  if (isPaginate(action)) return `step ${index + 1}: all pages of ${action.paginate} ${JSON.stringify(action.input).slice(0, 300)}`;
  return `step ${index + 1}: eventually ${action.eventually.op}`;
}

async function both(op: string, input: Record<string, unknown>): Promise<[Answer, Answer]> {
  // One after the other, the oracle first: the engines see the same sequence of requests.
  const a = await call(oracle, op, input);
  const b = await call(ours, op, input);
  return [a, b];
}

async function run(action: Action, label: string): Promise<void> {
  if (isStep(action)) {
    const [a, b] = await both(action.op, action.input);
    if (action.divergence) {
      action.divergence.oracle(a);
      action.divergence.ours(b);
      return;
    }
    if (b.status >= 500) throw new Error(`${label}: local-dynamodb answered ${b.status} ${JSON.stringify(b.body)}`);
    // Every refusal says why, even where DynamoDB Local's message is waived.
    if (b.status >= 400 && String(b.body.message ?? b.body.Message ?? '') === '') throw new Error(`${label}: local-dynamodb refused without a message`);
    expect({ label, answer: normalizeAnswer(action.op, b, false, action.compare, action.input) }).toEqual({ label, answer: normalizeAnswer(action.op, a, true, action.compare, action.input) });
    return;
  }
  if (isPaginate(action)) {
    const segments = action.segments ?? 0;
    const collect = async (endpoint: Endpoint, isOracle: boolean) => {
      if (segments === 0) return allPages(endpoint, action.paginate, action.input, isOracle);
      const parts = [];
      for (let segment = 0; segment < segments; segment++) parts.push(await allPages(endpoint, 'Scan', { ...action.input, Segment: segment, TotalSegments: segments }, isOracle));
      return { pages: -1, count: parts.reduce((n, p) => n + p.count, 0), scanned: parts.reduce((n, p) => n + p.scanned, 0), items: parts.flatMap((p) => p.items), error: parts.find((p) => p.error)?.error };
    };
    const [a, b] = [await collect(oracle, true), await collect(ours, false)];
    const shape = (r: Awaited<ReturnType<typeof collect>>) => ({
      // Scan pages hold different items on each side, so only their totals compare.
      ...(action.paginate === 'Query' && segments === 0 ? { pages: r.pages } : {}),
      count: r.count,
      scanned: r.scanned,
      items: action.paginate === 'Scan' || action.unordered ? [...r.items].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)) : r.items,
      error: r.error,
    });
    expect({ label, result: shape(b) }).toEqual({ label, result: shape(a) });
    return;
  }
  // Eventually: poll both until the condition holds on both, within the deadline.
  const deadline = Date.now() + action.timeoutMs;
  for (;;) {
    const [a, b] = await both(action.eventually.op, action.eventually.input);
    if (action.until(a) && action.until(b)) {
      expect({ label, answer: normalizeAnswer(action.eventually.op, b, false) }).toEqual({ label, answer: normalizeAnswer(action.eventually.op, a, true) });
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${label}: the condition did not hold on both within ${action.timeoutMs} ms: DynamoDB Local ${action.until(a)}, local-dynamodb ${action.until(b)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function tablesWithPrefix(endpoint: Endpoint): Promise<string[]> {
  const answer = await call(endpoint, 'ListTables', {});
  return ((answer.body.TableNames as string[]) ?? []).filter((n) => n.startsWith('diff-')).sort();
}

async function runScenario(scenario: Scenario): Promise<void> {
  for (const table of scenario.tables) {
    const [a, b] = await both('CreateTable', table);
    expect({ table: table.TableName, answer: normalizeAnswer('CreateTable', b, false) }).toEqual({ table: table.TableName, answer: normalizeAnswer('CreateTable', a, true) });
  }
  try {
    for (const [index, action] of scenario.actions.entries()) await run(action, `${scenario.name}, ${describe_(action, index)}`);
    const names = await tablesWithPrefix(oracle);
    expect(await tablesWithPrefix(ours)).toEqual(names);
    for (const name of names) {
      const expected = await tableContents(oracle, name, true);
      expect({ table: name, items: await tableContents(ours, name, false) }).toEqual({ table: name, items: expected });
    }
  } finally {
    for (const endpoint of [oracle, ours]) for (const name of await tablesWithPrefix(endpoint)) await call(endpoint, 'DeleteTable', { TableName: name });
  }
}

describe('local-dynamodb answers as AWS DynamoDB Local does', () => {
  for (const scenario of [...itemScenarios, ...readScenarios, ...writeScenarios, ...tableAndErrorScenarios]) {
    it(scenario.name, () => runScenario(scenario));
  }
  it('TTL: UpdateTimeToLive rules, expired items deleted, others kept', () => runScenario(ttlScenario()));
});
