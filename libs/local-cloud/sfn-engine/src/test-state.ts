/**
 * TestState: runs one state once, outside any state machine, and reports its output, the state it
 * would go to next, and (at DEBUG and TRACE) each data-flow stage, as the TestState API does
 * (TestStateInput/TestStateOutput/InspectionData in the API model). A Task is called through the
 * given invoker; an error a Retrier matches is reported as RETRIABLE instead of being retried; an
 * error a Catcher handles is CAUGHT_ERROR with the Catcher's output and Next. A Wait state does
 * not wait.
 */
import { randomUUID } from 'node:crypto';
import { VirtualClock } from './clock';
import { compileGraph, type Services } from './compile';
import type { StateDefinition, StateMachineDefinition } from './definition';
import { InvalidDefinitionError, StatesError } from './errors';
import { HistoryRecorder } from './history';
import { RetriableError, runState, type InspectionStage, type Run } from './interpreter';
import { isObject, toJson } from './json';
import { noTaskInvoker, type TaskInvoker } from './task-invoker';
import { TaskTokenRegistry } from './task-tokens';
import { validateDefinition } from './validation/validate';
import { VariableScope } from './variables';

/** TestState's inspection levels. */
export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

/** What TestState is given. */
export interface TestStateRequest {
  /** The state's definition (one state, as in a States map), as an object or JSON text. */
  definition: StateDefinition | string;
  /** The state's input. @default {} */
  input?: unknown;
  /** Workflow variables visible to the state, by name. */
  variables?: Record<string, unknown>;
  /** @default 'INFO' */
  inspectionLevel?: InspectionLevel;
  taskInvoker?: TaskInvoker;
  roleArn?: string;
}

/** TestState's answer. */
export interface TestStateResult {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  /** The state's output, as JSON text (also for CAUGHT_ERROR: the Catcher's output). */
  output?: string;
  error?: string;
  cause?: string;
  /** The state it would transition to; absent for terminal states and failures. */
  nextState?: string;
  /** DEBUG and TRACE: each stage as JSON text, and the variables after the state. */
  inspectionData?: Partial<Record<InspectionStage, string>> & { input?: string; variables?: string };
}

const NAME = 'TestState';

/** Names a state transitions to, which TestState does not need to exist. */
function targets(state: StateDefinition): string[] {
  const out: unknown[] = [state.Next, state['Default']];
  for (const rule of (state['Choices'] as Record<string, unknown>[] | undefined) ?? []) out.push(rule['Next']);
  for (const catcher of (state['Catch'] as Record<string, unknown>[] | undefined) ?? []) out.push(catcher['Next']);
  return [...new Set(out.filter((t): t is string => typeof t === 'string' && t !== NAME))];
}

/**
 * Runs one state once.
 * @throws InvalidDefinitionError when the state is not valid, or is a Map or Parallel state
 */
export async function testState(request: TestStateRequest): Promise<TestStateResult> {
  const state = (typeof request.definition === 'string' ? JSON.parse(request.definition) : request.definition) as StateDefinition;
  if (!isObject(state)) throw new InvalidDefinitionError([{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'The state definition must be a JSON object at /', location: '/' }]);
  if (state.Type === 'Map' || state.Type === 'Parallel') {
    throw new InvalidDefinitionError([{ severity: 'ERROR', code: 'UNSUPPORTED_FEATURE', message: `TestState in this engine runs Task, Pass, Wait, Choice, Succeed and Fail states, not ${state.Type} at /Type`, location: '/Type' }]);
  }
  const states: Record<string, StateDefinition> = { [NAME]: state };
  for (const target of targets(state)) states[target] = { Type: 'Succeed' };
  const machine: StateMachineDefinition = { StartAt: NAME, States: states };
  const report = validateDefinition(machine);
  const errors = report.diagnostics.filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) throw new InvalidDefinitionError(errors.map((d) => ({ ...d, message: d.message.replace(`/States/${NAME}`, ''), location: (d.location ?? '').replace(`/States/${NAME}`, '') || '/' })));
  const node = compileGraph(machine, 'JSONPath').states.get(NAME);
  if (!node) throw new Error('unreachable: the state compiles');

  const level = request.inspectionLevel ?? 'INFO';
  const stages: Partial<Record<InspectionStage, string>> = {};
  let caughtError: { Error: string; Cause: string } | undefined;
  const clock = new VirtualClock();
  const services: Services = { now: () => clock.now(), random: Math.random, uuid: randomUUID };
  const input = toJson(request.input ?? {});
  const run: Run = {
    history: new HistoryRecorder(() => clock.now()),
    clock,
    invoker: request.taskInvoker ?? noTaskInvoker,
    tokens: new TaskTokenRegistry(),
    services,
    execution: {
      Execution: { Id: `arn:aws:states:us-east-1:123456789012:execution:TestState:${randomUUID()}`, Input: input, Name: 'TestState', RoleArn: request.roleArn ?? 'arn:aws:iam::123456789012:role/TestState', StartTime: new Date(clock.now()).toISOString(), RedriveCount: 0 },
      StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:TestState', Name: 'TestState' },
    },
    region: 'us-east-1',
    transitions: 0,
    inspect: (stage, value) => {
      if (stage === 'caught') caughtError = value as { Error: string; Cause: string };
      else stages[stage] = JSON.stringify(value);
    },
  };
  const scope = new VariableScope();
  if (request.variables) scope.assign(toJson(request.variables) as Record<string, unknown>);
  const inspection = () => (level === 'INFO' ? {} : { inspectionData: { input: JSON.stringify(input), ...stages, variables: JSON.stringify(scope.visible()) } });
  try {
    const { output, next } = await runState(node, input, { run, scope, thread: { last: 0 }, signal: new AbortController().signal });
    return {
      status: caughtError ? 'CAUGHT_ERROR' : 'SUCCEEDED',
      output: JSON.stringify(output),
      ...(caughtError ? { error: caughtError.Error, cause: caughtError.Cause } : {}),
      ...(next !== undefined ? { nextState: next } : {}),
      ...inspection(),
    };
  } catch (error) {
    if (error instanceof RetriableError) return { status: 'RETRIABLE', error: error.error, cause: error.causeText, ...inspection() };
    if (error instanceof StatesError) return { status: 'FAILED', ...(error.error ? { error: error.error } : {}), ...(error.causeText ? { cause: error.causeText } : {}), ...inspection() };
    throw error;
  }
}
