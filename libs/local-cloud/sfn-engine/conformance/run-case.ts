/**
 * Runs one conformance case against the library and reports every difference from what the case
 * expects, as a list of sentences (empty when the case passes). The endpoint runner will produce
 * the same kind of list from GetExecutionHistory and DescribeExecution.
 */
import { VirtualClock } from '../src/clock';
import { deepEqual } from '../src/json';
import { compilePath, evaluatePath, NOT_FOUND } from '../src/jsonpath/path';
import type { HistoryEvent } from '../src/history';
import { StateMachine } from '../src/state-machine';
import { TaskFailure } from '../src/errors';
import type { TaskInvoker, TaskRequest } from '../src/task-invoker';
import { validateDefinition } from '../src/validation/validate';
import type { ConformanceCase, ExecutionExpectation, MockedAttempts, MockedResponse, OutputCheck } from './types';

/** The response of attempt `n` (0-based) from mocked attempts keyed `"0"` or `"1-3"`. */
export function mockedResponse(attempts: MockedAttempts, n: number): MockedResponse | undefined {
  for (const [key, response] of Object.entries(attempts)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (!range) continue;
    const low = Number(range[1]);
    const high = range[2] !== undefined ? Number(range[2]) : low;
    if (n >= low && n <= high) return response;
  }
  return undefined;
}

/** A TaskInvoker answering from a case's mocks; records the arguments of each attempt. */
export function mockInvoker(mocks: Record<string, MockedAttempts>, calls: Record<string, unknown[]>): TaskInvoker {
  const counts = new Map<string, number>();
  return {
    invoke(request: TaskRequest) {
      const n = counts.get(request.stateName) ?? 0;
      counts.set(request.stateName, n + 1);
      (calls[request.stateName] ??= []).push(request.arguments);
      const attempts = mocks[request.stateName];
      if (!attempts) throw new TaskFailure('MockNotFound', `No mocked response for the state ${request.stateName}`);
      const response = mockedResponse(attempts, n);
      if (!response) throw new TaskFailure('MockNotFound', `No mocked response for attempt ${n} of the state ${request.stateName}`);
      if ('Hang' in response) return new Promise(() => undefined);
      if ('Throw' in response) throw new TaskFailure(response.Throw.Error, response.Throw.Cause ?? '');
      return response.Return;
    },
  };
}

function detailsOf(event: HistoryEvent): Record<string, unknown> {
  const { timestamp: _t, type: _y, id: _i, previousEventId: _p, ...rest } = event;
  const values = Object.values(rest);
  return (values[0] as Record<string, unknown> | undefined) ?? {};
}

function contains(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return deepEqual(actual, expected);
}

function check(output: unknown, c: OutputCheck): string | undefined {
  const value = evaluatePath(compilePath(c.path), { input: output, context: {}, variable: () => NOT_FOUND });
  if (value === NOT_FOUND) return `output ${c.path} is missing`;
  if (c.equals !== undefined && !deepEqual(value, c.equals)) return `output ${c.path} is ${JSON.stringify(value)}, expected ${JSON.stringify(c.equals)}`;
  if (c.between && (typeof value !== 'number' || value < c.between[0] || value > c.between[1])) return `output ${c.path} is ${JSON.stringify(value)}, expected a number in [${c.between.join(', ')}]`;
  if (c.matches && (typeof value !== 'string' || !new RegExp(c.matches).test(value))) return `output ${c.path} is ${JSON.stringify(value)}, expected to match /${c.matches}/`;
  if (c.type) {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (type !== c.type) return `output ${c.path} is ${type}, expected ${c.type}`;
  }
  return undefined;
}

/** Differences between an execution's end and the expectation. */
export function compareExecution(expect: ExecutionExpectation, actual: { status: string; output?: unknown; error?: string; cause?: string; history: readonly HistoryEvent[]; elapsedSeconds?: number; taskArguments?: Record<string, unknown[]> }): string[] {
  const problems: string[] = [];
  const where = actual.status === 'SUCCEEDED' ? '' : ` (${actual.error}: ${actual.cause})`;
  if (actual.status !== expect.status) problems.push(`status is ${actual.status}${where}, expected ${expect.status}`);
  if (expect.output !== undefined && !deepEqual(actual.output, expect.output)) problems.push(`output is ${JSON.stringify(actual.output)}, expected ${JSON.stringify(expect.output)}`);
  for (const c of expect.checks ?? []) {
    const problem = check(actual.output, c);
    if (problem) problems.push(problem);
  }
  if (expect.error !== undefined && actual.error !== expect.error) problems.push(`error is ${JSON.stringify(actual.error)}, expected ${JSON.stringify(expect.error)}`);
  if (expect.cause !== undefined && actual.cause !== expect.cause) problems.push(`cause is ${JSON.stringify(actual.cause)}, expected ${JSON.stringify(expect.cause)}`);
  if (expect.causeIncludes !== undefined && !(actual.cause ?? '').includes(expect.causeIncludes)) problems.push(`cause ${JSON.stringify(actual.cause)} does not include ${JSON.stringify(expect.causeIncludes)}`);
  if (expect.elapsedSeconds !== undefined && actual.elapsedSeconds !== undefined && Math.abs(actual.elapsedSeconds - expect.elapsedSeconds) > 0.001) {
    problems.push(`took ${actual.elapsedSeconds} s, expected ${expect.elapsedSeconds} s`);
  }
  if (expect.taskArguments && actual.taskArguments) {
    for (const [state, args] of Object.entries(expect.taskArguments)) {
      if (!deepEqual(actual.taskArguments[state] ?? [], args)) problems.push(`task ${state} got ${JSON.stringify(actual.taskArguments[state] ?? [])}, expected ${JSON.stringify(args)}`);
    }
  }
  const history = expect.history;
  if (history) {
    const types = actual.history.map((e) => e.type as string);
    if (history.types && !deepEqual(types, history.types)) problems.push(`history is ${types.join(', ')}, expected ${history.types.join(', ')}`);
    if (history.includes) {
      let at = 0;
      for (const type of history.includes) {
        const found = types.indexOf(type, at);
        if (found < 0) {
          problems.push(`history lacks ${type} (in order) in ${types.join(', ')}`);
          break;
        }
        at = found + 1;
      }
    }
    for (const type of history.excludes ?? []) if (types.includes(type)) problems.push(`history has ${type}, which it must not`);
    let from = 0;
    for (const expected of history.events ?? []) {
      const index = actual.history.findIndex((e, i) => i >= from && e.type === expected.type && contains(detailsOf(e), expected.details));
      if (index < 0) {
        const candidates = actual.history.filter((e) => e.type === expected.type).map((e) => JSON.stringify(detailsOf(e)));
        problems.push(`no ${expected.type} event with ${JSON.stringify(expected.details)}; found ${candidates.join(' | ') || 'none'}`);
      } else from = index + 1;
    }
  }
  return problems;
}

/** Runs a case on the library; returns its problems (empty when it passes). */
export async function runCaseOnLibrary(c: ConformanceCase): Promise<string[]> {
  const problems: string[] = [];
  if (c.validation) {
    const report = validateDefinition(c.definition);
    if (report.result !== c.validation.result) problems.push(`validation is ${report.result} (${report.diagnostics.map((d) => d.message).join('; ')}), expected ${c.validation.result}`);
    for (const code of c.validation.codes ?? []) if (!report.diagnostics.some((d) => d.code === code)) problems.push(`no diagnostic with code ${code}: ${JSON.stringify(report.diagnostics)}`);
    for (const location of c.validation.locations ?? []) if (!report.diagnostics.some((d) => d.location === location)) problems.push(`no diagnostic at ${location}: ${JSON.stringify(report.diagnostics)}`);
    for (const text of c.validation.messageIncludes ?? []) if (!report.diagnostics.some((d) => d.message.includes(text))) problems.push(`no diagnostic message includes ${JSON.stringify(text)}: ${JSON.stringify(report.diagnostics)}`);
  }
  if (!c.expect) return problems;
  const clock = new VirtualClock({ start: Date.UTC(2024, 0, 1) });
  const calls: Record<string, unknown[]> = {};
  const machine = new StateMachine(c.definition as never, { name: 'ConformanceMachine' });
  const start = clock.now();
  const result = await machine.run(c.input ?? {}, {
    name: 'conformance-execution',
    clock,
    taskInvoker: mockInvoker(c.mocks ?? {}, calls),
    ...(c.random !== undefined ? { random: () => c.random as number } : {}),
  });
  return [
    ...problems,
    ...compareExecution(c.expect, {
      status: result.status,
      output: result.output,
      ...(result.error !== undefined ? { error: result.error } : {}),
      ...(result.cause !== undefined ? { cause: result.cause } : {}),
      history: result.history,
      elapsedSeconds: (result.stopDate.getTime() - start) / 1000,
      taskArguments: calls,
    }),
  ];
}
