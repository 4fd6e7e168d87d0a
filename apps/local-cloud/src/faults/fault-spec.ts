/**
 * The fault-injection language of `ONBOARDING_FAULTS` and `PUT <console>/api/faults`: a comma-separated
 * list of `<target>:<action>[:<argument>][:<times>]`, for example
 *
 *     email-service:fail:2,notifier:timeout:always,user-service/CreateUser:slow:500ms:3
 *
 * - target: `<app>` (every function of that cloud assembly), `<app>/<prefix>` (functions of the app
 *   whose logical id or function name starts with the prefix, case-insensitive), or `*` (every function).
 * - action:
 *   - `fail`: throw the step's retryable error (the state machine retries it); `fail:permanent` (or
 *     the action `permanent`) throws its permanent error instead; `fail:<ErrorName>` throws that name.
 *   - `timeout`: the invocation times out (`Sandbox.Timedout`) after the function's timeout, or after
 *     the given duration (`timeout:200ms`, a drill shortcut: the error still reads as Lambda's).
 *   - `slow:<duration>`: the handler starts that much later (a timeout if it exceeds the function's).
 * - times: `N` (the next N matching invocations), `always`, or `P%` (each invocation with probability
 *   P). Default `always`.
 * - durations: `250ms`, `2s`, `1.5s`.
 *
 * Parsing is strict: anything else is refused with an error naming the entry and what is wrong,
 * and nothing of a refused list is applied.
 */

/** Which functions a fault applies to. */
export interface FaultTarget {
  /** Cloud assembly (app) name, or `*` for every app. */
  app: string;
  /** Case-insensitive prefix of the function's logical id or physical name. */
  functionPrefix?: string;
}

/** How many matching invocations a fault affects. */
export type FaultTimes = { kind: 'count'; count: number } | { kind: 'always' } | { kind: 'rate'; percent: number };

/** What a fault does to an invocation. */
export type FaultAction =
  | { kind: 'fail'; severity: 'retryable' | 'permanent'; errorName?: string }
  | { kind: 'timeout'; afterMs?: number }
  | { kind: 'slow'; delayMs: number };

/** One parsed entry of a fault list. */
export interface FaultRule {
  target: FaultTarget;
  action: FaultAction;
  times: FaultTimes;
  /** The entry as written (normalized: no spaces), for listings and error messages. */
  text: string;
}

/** A fault list that cannot be parsed; nothing of it was applied. */
export class InvalidFaultSpecError extends Error {
  override readonly name = 'InvalidFaultSpecError';
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`Invalid fault "${entry}": ${reason}. Expected <app>[/<function-prefix>]:<fail[:permanent|:<ErrorName>]|timeout[:<duration>]|slow:<duration>>[:<N>|always|<P>%]`);
  }
}

const TARGET = /^(\*|[A-Za-z0-9][A-Za-z0-9_.-]*)(?:\/([A-Za-z0-9_-]+))?$/;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s)$/;
const COUNT = /^\d+$/;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] === 's' ? value * 1000 : value;
}

function parseTimes(text: string, entry: string): FaultTimes | undefined {
  if (text === 'always') return { kind: 'always' };
  if (COUNT.test(text)) {
    const count = Number(text);
    if (count < 1) throw new InvalidFaultSpecError(entry, 'the count must be at least 1 (use DELETE to clear faults)');
    return { kind: 'count', count };
  }
  const percent = PERCENT.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (!(value > 0 && value <= 100)) throw new InvalidFaultSpecError(entry, 'a rate must be above 0% and at most 100%');
    return { kind: 'rate', percent: value };
  }
  return undefined;
}

function parseEntry(entry: string): FaultRule {
  const parts = entry.split(':');
  const [targetText, actionText, ...rest] = parts;
  const target = TARGET.exec(targetText ?? '');
  if (!target) throw new InvalidFaultSpecError(entry, 'the target must be <app>, <app>/<function-prefix> or *');
  if (target[1] === '*' && target[2]) throw new InvalidFaultSpecError(entry, 'the target * cannot take a function prefix');
  if (!actionText) throw new InvalidFaultSpecError(entry, 'an action (fail, permanent, timeout or slow) is missing');

  // The last argument may be the times; what comes before it belongs to the action.
  let times: FaultTimes = { kind: 'always' };
  const last = rest[rest.length - 1];
  if (last !== undefined) {
    const parsed = parseTimes(last, entry);
    if (parsed) {
      times = parsed;
      rest.pop();
    }
  }

  let action: FaultAction;
  switch (actionText) {
    case 'fail':
    case 'permanent': {
      if (rest.length > 1) throw new InvalidFaultSpecError(entry, `unexpected "${rest.slice(1).join(':')}"`);
      const argument = rest[0];
      if (actionText === 'permanent' && argument !== undefined) throw new InvalidFaultSpecError(entry, `"permanent" takes no argument besides the times (got "${argument}")`);
      if (actionText === 'permanent' || argument === 'permanent') action = { kind: 'fail', severity: 'permanent' };
      else if (argument === undefined || argument === 'retryable') action = { kind: 'fail', severity: 'retryable' };
      else if (ERROR_NAME.test(argument)) action = { kind: 'fail', severity: 'retryable', errorName: argument };
      else throw new InvalidFaultSpecError(entry, `"${argument}" is not a count, "always", a rate, "permanent" or an error name`);
      break;
    }
    case 'timeout': {
      if (rest.length > 1) throw new InvalidFaultSpecError(entry, `unexpected "${rest.slice(1).join(':')}"`);
      if (rest[0] === undefined) {
        action = { kind: 'timeout' };
      } else {
        const afterMs = parseDuration(rest[0]);
        if (afterMs === undefined) throw new InvalidFaultSpecError(entry, `"${rest[0]}" is not a duration like 200ms or 2s, nor the times`);
        action = { kind: 'timeout', afterMs };
      }
      break;
    }
    case 'slow': {
      if (rest.length !== 1) throw new InvalidFaultSpecError(entry, rest.length === 0 ? 'slow needs a duration, like slow:500ms' : `unexpected "${rest.slice(1).join(':')}"`);
      const delayMs = parseDuration(rest[0] as string);
      if (delayMs === undefined) throw new InvalidFaultSpecError(entry, `"${rest[0]}" is not a duration like 500ms or 2s`);
      action = { kind: 'slow', delayMs };
      break;
    }
    default:
      throw new InvalidFaultSpecError(entry, `unknown action "${actionText}"`);
  }

  return {
    target: { app: target[1] as string, ...(target[2] ? { functionPrefix: target[2] } : {}) },
    action,
    times,
    text: entry,
  };
}

/**
 * Parses a fault list (empty or blank: no faults).
 * @throws InvalidFaultSpecError naming the first entry that cannot be parsed
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((entry) => entry.replace(/\s+/g, ''))
    .filter((entry) => entry.length > 0)
    .map(parseEntry);
}
