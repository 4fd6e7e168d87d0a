/**
 * The paths an execution can take, as the definition declares them: the happy path (every task
 * succeeds at once), and for every task on it, a transient error its retriers absorb, an error
 * that exhausts each retrier, and an error no retrier names; then the same for the tasks only a
 * failure reaches (compensation), on top of the first failure that reaches them. Each scenario is
 * a list of faults, and {@link faultRunner} turns it into the task answers of a walk.
 */
import { walkExecution, type TaskAttempt, type TaskOutcome, type TaskRunner, type WalkResult } from './walker';

/** Task `state` fails with `error` on its first `times` attempts (`always`: every attempt). */
export interface Fault {
  state: string;
  error: string;
  times: number | 'always';
}

/** One path through the workflow. */
export interface Scenario {
  /** `happy` or a readable key such as `CreateUser:UserStoreUnavailableError:always`. */
  key: string;
  /** A sentence: what goes wrong. */
  description: string;
  faults: Fault[];
}

/** The error name a scenario uses for a retrier or catcher whose list starts with a wildcard. */
export const UNLISTED_ERROR = 'Error';

export const HAPPY: Scenario = { key: 'happy', description: 'happy path: every step succeeds at once', faults: [] };

type StateDef = Record<string, unknown>;

/** Every state of a definition by name, branches and processors included. */
export function allStates(definition: Record<string, unknown>): Map<string, StateDef> {
  const states = new Map<string, StateDef>();
  const visit = (machine: unknown) => {
    const map = (machine as { States?: Record<string, StateDef> } | undefined)?.States;
    for (const [name, state] of Object.entries(map ?? {})) {
      states.set(name, state);
      for (const branch of (state['Branches'] as unknown[] | undefined) ?? []) visit(branch);
      visit(state['ItemProcessor'] ?? state['Iterator']);
    }
  };
  visit(definition);
  return states;
}

/** A representative error name for a list (a wildcard becomes a plain task error). */
function representative(errorEquals: unknown): string {
  // The last name: the lists put the shared names first and the step's own last (`UserStoreUnavailableError`).
  const first = Array.isArray(errorEquals) && errorEquals.length > 0 ? String(errorEquals[errorEquals.length - 1]) : UNLISTED_ERROR;
  return first === 'States.ALL' || first === 'States.TaskFailed' ? UNLISTED_ERROR : first;
}

/** Answers task attempts from a scenario's faults, and from `succeed` for everything else. */
export function faultRunner(faults: Fault[], succeed: TaskRunner, fail?: (attempt: TaskAttempt, fault: Fault) => Promise<TaskOutcome> | TaskOutcome): TaskRunner {
  const attempts = new Map<string, number>();
  return async (attempt) => {
    const n = (attempts.get(attempt.stateName) ?? 0) + 1;
    attempts.set(attempt.stateName, n);
    const fault = faults.find((f) => f.state === attempt.stateName && (f.times === 'always' || n <= f.times));
    if (!fault) return succeed(attempt);
    if (fail) return fail(attempt, fault);
    return { ok: false, error: fault.error, cause: `injected by the scenario (attempt ${n})`, durationMs: 0 };
  };
}

/** The faults worth a scenario each for one task state. */
function faultsFor(name: string, state: StateDef): { fault: Fault; description: string }[] {
  const out: { fault: Fault; description: string }[] = [];
  const retriers = ((state['Retry'] as StateDef[] | undefined) ?? []).filter((r) => r['MaxAttempts'] !== 0);
  const seen = new Set<string>();
  for (const retrier of retriers) {
    const error = representative(retrier['ErrorEquals']);
    if (seen.has(error)) continue;
    seen.add(error);
    out.push({ fault: { state: name, error, times: 1 }, description: `${name} fails once (${error})` });
    out.push({ fault: { state: name, error, times: 'always' }, description: `${name} fails every attempt (${error})` });
  }
  const allRetriers = (state['Retry'] as StateDef[] | undefined) ?? [];
  const zeroRetry = allRetriers.find((r) => r['MaxAttempts'] === 0);
  if (zeroRetry) {
    const error = representative(zeroRetry['ErrorEquals']);
    if (!seen.has(error)) out.push({ fault: { state: name, error, times: 'always' }, description: `${name} fails (${error}, not retried)` });
  }
  // An error no retrier names: straight to the catchers (or to a retrier on States.ALL).
  if (!seen.has(UNLISTED_ERROR)) out.push({ fault: { state: name, error: UNLISTED_ERROR, times: 'always' }, description: `${name} fails (an error no retrier names)` });
  return out;
}

/** Options of {@link enumerateScenarios}. */
export interface EnumerateOptions {
  definition: Record<string, unknown>;
  input: unknown;
  /** Answers every attempt that no fault selects (the success case). */
  succeed: TaskRunner;
  /** @default 200 */
  maxScenarios?: number;
}

/** The happy path and every failure path, each with its walk. */
export async function enumerateScenarios(options: EnumerateOptions): Promise<{ scenario: Scenario; walk: WalkResult }[]> {
  const states = allStates(options.definition);
  const max = options.maxScenarios ?? 200;
  const walk = (scenario: Scenario) => walkExecution({ definition: options.definition, input: options.input, runTask: faultRunner(scenario.faults, options.succeed) });
  const results: { scenario: Scenario; walk: WalkResult }[] = [{ scenario: HAPPY, walk: await walk(HAPPY) }];
  const covered = new Set(results[0]?.walk.visited);
  const taskStates = (visited: string[]) => [...new Set(visited)].filter((name) => states.get(name)?.['Type'] === 'Task');

  const addFaultsOn = async (base: Scenario, taskNames: string[]) => {
    for (const name of taskNames) {
      const state = states.get(name);
      if (!state) continue;
      for (const { fault, description } of faultsFor(name, state)) {
        if (results.length >= max) return;
        const scenario: Scenario = {
          key: [...base.faults, fault].map((f) => `${f.state}:${f.error}:${f.times}`).join('+'),
          description: base.faults.length === 0 ? description : `${base.description}, then ${description}`,
          faults: [...base.faults, fault],
        };
        results.push({ scenario, walk: await walk(scenario) });
      }
    }
  };
  await addFaultsOn(HAPPY, taskStates(results[0]?.walk.visited ?? []));

  // Tasks only failures reach (compensation): faults on them, on top of the first failure reaching them.
  for (let i = 1; i < results.length && results.length < max; i++) {
    const entry = results[i] as { scenario: Scenario; walk: WalkResult };
    if (entry.scenario.faults.some((f) => f.times === 1)) continue;
    const fresh = taskStates(entry.walk.visited).filter((name) => !covered.has(name));
    for (const name of entry.walk.visited) covered.add(name);
    if (fresh.length > 0) await addFaultsOn(entry.scenario, fresh);
  }
  return results;
}
