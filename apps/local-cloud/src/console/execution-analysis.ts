/**
 * What happened to each state of an execution, read from its history (GetExecutionHistory's
 * events) and its definition: how often it ran, each attempt of a Task with its error, its input
 * and output, and one outcome the console colours it by. Which transitions were taken, and which
 * step failed first, come out of the same pass. Pure: the console server calls it, the tests feed
 * it histories recorded by the real runner.
 *
 * Outcomes, from the last time the state was entered:
 * - `succeeded`: left normally on the first attempt; `retried`: left normally after failed attempts;
 * - `caught`: its error went to a Catch (Step Functions logs that as a normal exit after a failure);
 * - `failed`: its error ended the execution or its Parallel/Map branch (or it is a Fail state that
 *   was reached);
 * - `compensated`: it succeeded, then the step that undoes it (see compensatedStateOf) succeeded;
 * - `running`: entered and not left yet; `not-reached`: never entered.
 */
import { buildStateGraph, compensatedStateOf, END_ID, START_ID, type GraphEdge, type GraphState, type MachineGraph } from './state-graph';

export type StateOutcome = 'succeeded' | 'retried' | 'caught' | 'failed' | 'compensated' | 'running' | 'not-reached';

/** A history event as the API returns it (timestamp as a Date, epoch seconds or ISO text). */
export interface HistoryEventLike {
  id: number;
  previousEventId?: number;
  timestamp: Date | string | number;
  type: string;
}

/** One call of a Task's resource. */
export interface AttemptSummary {
  result: 'succeeded' | 'failed' | 'timed-out' | 'running';
  startedAt: number;
  endedAt?: number;
  error?: string;
  cause?: string;
}

/** One time the state was entered. */
export interface StateVisit {
  result: 'succeeded' | 'caught' | 'failed' | 'running';
  enteredEventId: number;
  exitedEventId?: number;
  enteredAt: number;
  exitedAt?: number;
  /** JSON text, as the history holds it. */
  input?: string;
  output?: string;
  attempts: AttemptSummary[];
  error?: string;
  cause?: string;
}

export interface StateRun {
  name: string;
  type: string;
  outcome: StateOutcome;
  /** Failed attempts that were retried, over every visit. */
  retries: number;
  visits: StateVisit[];
  /** Milliseconds of the last visit (so far, when still running). */
  durationMs?: number;
  /** The error of the last visit, when it failed or was caught. */
  error?: string;
  /** The state that undid this one (outcome `compensated`). */
  compensatedBy?: string;
  /** The state this compensation step undoes, when it follows the naming convention. */
  undoes?: string;
  compensation: boolean;
}

export interface TakenEdge {
  from: string;
  to: string;
  kind: GraphEdge['kind'] | 'start' | 'end';
}

export interface ExecutionAnalysis {
  /** Every state of the definition (nested ones included), by name. */
  states: Record<string, StateRun>;
  /** The first step that failed (its error was caught or ended the execution), if any. */
  failedStep?: { name: string; error?: string; outcome: StateOutcome };
  takenEdges: TakenEdge[];
  /** The state each history event belongs to, by event id (events of the execution itself have none). */
  eventStates: Record<number, string>;
}

const ATTEMPT_STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const ATTEMPT_SUCCEEDED = new Set(['TaskSucceeded', 'LambdaFunctionSucceeded', 'ActivitySucceeded']);
const ATTEMPT_FAILED = new Set(['TaskFailed', 'TaskStartFailed', 'TaskSubmitFailed', 'LambdaFunctionFailed', 'LambdaFunctionStartFailed', 'ActivityFailed']);
const ATTEMPT_TIMED_OUT = new Set(['TaskTimedOut', 'LambdaFunctionTimedOut', 'ActivityTimedOut']);
/** Step types whose failure is a failed step (a Fail state is where a failure is reported, not one). */
const WORK_TYPES = new Set(['Task', 'Parallel', 'Map']);

/** Milliseconds since the epoch of a history timestamp. */
export function timeOf(timestamp: Date | string | number): number {
  if (timestamp instanceof Date) return timestamp.getTime();
  if (typeof timestamp === 'number') return timestamp < 1e11 ? timestamp * 1000 : timestamp;
  return Date.parse(timestamp);
}

function detailsOf(event: HistoryEventLike): Record<string, unknown> {
  // The details sit under `<type>EventDetails` (e.g. `taskFailedEventDetails`).
  for (const [key, value] of Object.entries(event as object)) {
    if (key.endsWith('EventDetails') && value !== null && typeof value === 'object') return value as Record<string, unknown>;
  }
  return {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function flattenStates(graph: MachineGraph, into: GraphState[] = []): GraphState[] {
  for (const state of graph.states) {
    into.push(state);
    for (const child of state.children ?? []) flattenStates(child, into);
  }
  return into;
}

function flattenEdges(graph: MachineGraph, into: GraphEdge[] = []): GraphEdge[] {
  into.push(...graph.edges);
  for (const state of graph.states) for (const child of state.children ?? []) flattenEdges(child, into);
  return into;
}

/**
 * Reads an execution's history against its definition.
 * @param executionStatus RUNNING while it runs: states still in progress are then `running`, not `failed`
 * @param now the time "so far" durations of running states are measured to
 */
export function analyzeExecution(definition: unknown, history: readonly HistoryEventLike[], executionStatus: string, now: number = Date.now()): ExecutionAnalysis {
  const graph = buildStateGraph(definition);
  const graphStates = flattenStates(graph);
  const names = graphStates.map((s) => s.name);
  const visits = new Map<string, StateVisit[]>();
  const eventStates: Record<number, string> = {};
  /** Visits of Parallel/Map states whose branches failed, with the id of that event. */
  const failedInside = new Map<StateVisit, number>();
  let executionError: { error?: string; cause?: string } | undefined;

  const lastVisit = (name: string | undefined) => (name === undefined ? undefined : visits.get(name)?.at(-1));
  const events = [...history].sort((a, b) => a.id - b.id);
  for (const event of events) {
    const details = detailsOf(event);
    const at = timeOf(event.timestamp);
    // Entered/Exited events name their state; every other event of a state points back to one of
    // its earlier events (previousEventId), as on AWS.
    const named = event.type.endsWith('StateEntered') || event.type.endsWith('StateExited') ? text(details['name']) : undefined;
    const ofExecution = event.type.startsWith('Execution');
    const name = named ?? (event.previousEventId !== undefined && !ofExecution ? eventStates[event.previousEventId] : undefined);
    if (name !== undefined) eventStates[event.id] = name;

    if (event.type.endsWith('StateEntered') && name !== undefined) {
      const visit: StateVisit = { result: 'running', enteredEventId: event.id, enteredAt: at, attempts: [] };
      const input = text(details['input']);
      if (input !== undefined) visit.input = input;
      visits.set(name, [...(visits.get(name) ?? []), visit]);
    } else if (event.type.endsWith('StateExited')) {
      const visit = lastVisit(name);
      if (!visit) continue;
      visit.exitedEventId = event.id;
      visit.exitedAt = at;
      const output = text(details['output']);
      if (output !== undefined) visit.output = output;
      const last = visit.attempts.at(-1);
      const failed = failedInside.has(visit) || (last !== undefined && last.result !== 'succeeded');
      visit.result = failed ? 'caught' : 'succeeded';
      if (failed && last && last.result !== 'succeeded') {
        if (last.error !== undefined) visit.error = last.error;
        if (last.cause !== undefined) visit.cause = last.cause;
      }
    } else if (ATTEMPT_STARTS.has(event.type)) {
      lastVisit(name)?.attempts.push({ result: 'running', startedAt: at });
    } else if (ATTEMPT_SUCCEEDED.has(event.type) || ATTEMPT_FAILED.has(event.type) || ATTEMPT_TIMED_OUT.has(event.type)) {
      const attempt = lastVisit(name)?.attempts.at(-1);
      if (!attempt) continue;
      attempt.endedAt = at;
      attempt.result = ATTEMPT_SUCCEEDED.has(event.type) ? 'succeeded' : ATTEMPT_FAILED.has(event.type) ? 'failed' : 'timed-out';
      const error = text(details['error']);
      const cause = text(details['cause']);
      if (attempt.result !== 'succeeded') {
        if (error !== undefined) attempt.error = error;
        if (cause !== undefined) attempt.cause = cause;
      }
    } else if (event.type === 'ParallelStateFailed' || event.type === 'MapStateFailed') {
      const visit = lastVisit(name);
      if (visit) failedInside.set(visit, event.id);
    } else if (event.type === 'ExecutionFailed' || event.type === 'ExecutionTimedOut' || event.type === 'ExecutionAborted') {
      executionError = { error: text(details['error']), cause: text(details['cause']) };
    }
  }

  // A branch state still in progress after its Parallel (or Map) failed was stopped with it.
  const containers = new Map(graphStates.filter((s) => s.children).map((s) => [s.name, s]));
  for (const [name, container] of containers) {
    for (const visit of visits.get(name) ?? []) {
      const failedAt = failedInside.get(visit);
      if (failedAt === undefined) continue;
      const inside = (container.children ?? []).flatMap((child) => flattenStates(child)).map((s) => s.name);
      for (const branchVisit of inside.flatMap((n) => visits.get(n) ?? [])) {
        if (branchVisit.result !== 'running' || branchVisit.enteredEventId > failedAt) continue;
        branchVisit.result = 'failed';
        const last = branchVisit.attempts.at(-1);
        if (last?.error !== undefined) branchVisit.error = last.error;
        if (last?.cause !== undefined) branchVisit.cause = last.cause;
      }
    }
  }

  // States still in progress when the execution ended are where it failed (or was stopped).
  const ended = executionStatus !== 'RUNNING';
  for (const list of visits.values()) {
    for (const visit of list) {
      if (visit.result !== 'running' || !ended) continue;
      visit.result = 'failed';
      const last = visit.attempts.at(-1);
      visit.error = (last?.result !== 'succeeded' ? last?.error : undefined) ?? executionError?.error ?? (executionStatus === 'SUCCEEDED' ? undefined : executionStatus);
      const cause = (last?.result !== 'succeeded' ? last?.cause : undefined) ?? executionError?.cause;
      if (cause !== undefined) visit.cause = cause;
    }
  }

  const states: Record<string, StateRun> = {};
  for (const state of graphStates) {
    const list = visits.get(state.name) ?? [];
    const last = list.at(-1);
    const retries = list.reduce((sum, v) => sum + Math.max(0, v.attempts.length - 1), 0);
    let outcome: StateOutcome = 'not-reached';
    if (last) {
      if (state.type === 'Fail') outcome = 'failed';
      else if (last.result === 'succeeded') outcome = last.attempts.length > 1 ? 'retried' : 'succeeded';
      else outcome = last.result;
    }
    const run: StateRun = { name: state.name, type: state.type, outcome, retries, visits: list, compensation: state.compensation };
    if (last) run.durationMs = (last.exitedAt ?? (ended ? (last.attempts.at(-1)?.endedAt ?? last.enteredAt) : now)) - last.enteredAt;
    const error = last?.error ?? (state.type === 'Fail' ? executionError?.error : undefined);
    if (error !== undefined && outcome !== 'succeeded' && outcome !== 'retried') run.error = error;
    const undoes = compensatedStateOf(state.name, names);
    if (undoes !== undefined) run.undoes = undoes;
    states[state.name] = run;
  }

  // A step that succeeded and was then undone by its compensation step.
  for (const run of Object.values(states)) {
    if (run.undoes === undefined || !(run.outcome === 'succeeded' || run.outcome === 'retried')) continue;
    const target = states[run.undoes];
    const undoneAt = run.visits.at(-1)?.exitedEventId ?? 0;
    const doneAt = target?.visits.at(-1)?.exitedEventId ?? Infinity;
    if (target && (target.outcome === 'succeeded' || target.outcome === 'retried') && doneAt < undoneAt) {
      target.outcome = 'compensated';
      target.compensatedBy = run.name;
    }
  }

  const failedStep = firstFailedStep(states, executionStatus);
  return { states, ...(failedStep ? { failedStep } : {}), takenEdges: takenEdges(graph, states), eventStates };
}

function firstFailedStep(states: Record<string, StateRun>, executionStatus: string): ExecutionAnalysis['failedStep'] {
  const failing = (run: StateRun) => run.visits.find((v) => v.result === 'caught' || v.result === 'failed');
  const when = (visit: StateVisit) => visit.attempts.find((a) => a.result === 'failed' || a.result === 'timed-out')?.endedAt ?? visit.exitedAt ?? visit.enteredAt;
  const candidates = Object.values(states)
    .filter((run) => WORK_TYPES.has(run.type) && failing(run))
    // The earliest failure; at the same moment a Task before the Parallel that contains it.
    .sort((a, b) => when(failing(a) as StateVisit) - when(failing(b) as StateVisit) || (a.type === 'Task' ? -1 : 0) - (b.type === 'Task' ? -1 : 0));
  const first = candidates[0];
  if (first) {
    const visit = failing(first) as StateVisit;
    return { name: first.name, outcome: first.outcome === 'compensated' ? 'caught' : first.outcome, ...(visit.error !== undefined ? { error: visit.error } : {}) };
  }
  if (executionStatus === 'FAILED') {
    const fail = Object.values(states).find((run) => run.type === 'Fail' && run.visits.length > 0);
    if (fail) return { name: fail.name, outcome: 'failed', ...(fail.error !== undefined ? { error: fail.error } : {}) };
  }
  return undefined;
}

/** Transitions the execution took: the source left the way the edge needs (normally, or caught) before the target was entered. */
function takenEdges(graph: MachineGraph, states: Record<string, StateRun>): TakenEdge[] {
  const taken: TakenEdge[] = [];
  const startRun = states[graph.startAt];
  if (startRun && startRun.visits.length > 0) taken.push({ from: START_ID, to: graph.startAt, kind: 'start' });
  for (const edge of flattenEdges(graph)) {
    const from = states[edge.from];
    const to = states[edge.to];
    if (!from || !to) continue;
    const used = from.visits.some((source) => {
      const left = edge.kind === 'catch' ? source.result === 'caught' : source.result === 'succeeded';
      return left && source.exitedEventId !== undefined && to.visits.some((target) => target.enteredEventId > (source.exitedEventId as number));
    });
    if (used) taken.push({ from: edge.from, to: edge.to, kind: edge.kind });
  }
  for (const state of graph.states) {
    const run = states[state.name];
    if (!state.terminal || !run) continue;
    const reachedEnd = state.type === 'Fail' ? run.visits.length > 0 : run.visits.some((v) => v.result === 'succeeded');
    if (reachedEnd) taken.push({ from: state.name, to: END_ID, kind: 'end' });
  }
  return taken;
}
