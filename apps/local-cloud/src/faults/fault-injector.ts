/**
 * Fault injection for the local Lambda runtime. The runtime calls {@link FaultInjector.beforeInvoke}
 * before it hands an event to a function's handler; a matching fault makes that invocation fail
 * with the step's own error, time out, or start late, exactly as Lambda would report it. The
 * handler is not run when a fault fails or times out the invocation, so nothing of the step
 * happens (no idempotency record either): the fault stands for a dependency that was down.
 *
 * Faults come from `ONBOARDING_FAULTS` at boot and from `PUT/GET/DELETE <console>/api/faults` while
 * running (see fault-spec.ts for the language). With no fault set, `beforeInvoke` answers
 * synchronously and costs nothing.
 */
import type { CloudModel, FunctionModel } from '../model';
import { parseFaultSpec, type FaultRule } from './fault-spec';
import { functionLabel, injectedErrorName, stepsOfFunctions, type StepName } from './step-errors';

/** The error payload Lambda reports for a failed invocation. */
export interface InjectedError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** What an injected fault did to an invocation: fail it (and whether as a timeout). */
export interface InjectedOutcome {
  error: InjectedError;
  timedOut: boolean;
}

/** A fault as listed by `GET /api/faults`. */
export interface ActiveFault {
  fault: string;
  /** Invocations it still affects: a number, `always`, or a rate like `5%`. */
  remaining: number | string;
  /** Invocations it has affected so far. */
  fired: number;
  /** The functions it applies to (`app/logicalId`). */
  functions: string[];
}

/** One invocation a fault affected, for the console and tests. */
export interface InjectedFaultRecord {
  time: string;
  functionName: string;
  requestId: string;
  fault: string;
  /** `failed with <error>`, `timed out`, `delayed <n> ms`. */
  effect: string;
}

/** A fault list whose entries match no function. */
export class UnknownFaultTargetError extends Error {
  override readonly name = 'UnknownFaultTargetError';
}

interface LiveFault {
  rule: FaultRule;
  functions: Set<string>;
  remaining: number;
  fired: number;
}

export interface FaultInjectorOptions {
  model: CloudModel;
  /** For `P%` faults. @default Math.random */
  random?: () => number;
  /** Injected-fault records kept. @default 500 */
  maxRecords?: number;
}

/** Holds the active faults and applies them to invocations. */
export class FaultInjector {
  private faults: LiveFault[] = [];
  private readonly steps: Map<string, StepName>;
  private readonly random: () => number;
  private readonly records: InjectedFaultRecord[] = [];
  private readonly maxRecords: number;
  private readonly waits = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  constructor(private readonly options: FaultInjectorOptions) {
    this.steps = stepsOfFunctions(options.model);
    this.random = options.random ?? Math.random;
    this.maxRecords = options.maxRecords ?? 500;
  }

  /**
   * Replaces the active faults with those of `spec` (blank: none).
   * @throws InvalidFaultSpecError, UnknownFaultTargetError; the active faults are then unchanged
   */
  set(spec: string): ActiveFault[] {
    const rules = parseFaultSpec(spec);
    const live = rules.map((rule) => {
      const functions = new Set(this.options.model.functions.filter((fn) => matches(rule, fn)).map((fn) => fn.functionName));
      if (functions.size === 0) {
        const apps = [...new Set(this.options.model.functions.map((fn) => fn.app))].sort().join(', ');
        throw new UnknownFaultTargetError(`Fault "${rule.text}" matches no function (apps: ${apps})`);
      }
      return { rule, functions, remaining: rule.times.kind === 'count' ? rule.times.count : Infinity, fired: 0 };
    });
    this.faults = live;
    return this.list();
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** The faults set, with what they have done so far. */
  list(): ActiveFault[] {
    return this.faults.map((f) => ({
      fault: f.rule.text,
      remaining: f.rule.times.kind === 'count' ? f.remaining : f.rule.times.kind === 'rate' ? `${f.rule.times.percent}%` : 'always',
      fired: f.fired,
      functions: this.options.model.functions.filter((fn) => f.functions.has(fn.functionName)).map(functionLabel),
    }));
  }

  /** The invocations faults have affected, oldest first. */
  injected(): InjectedFaultRecord[] {
    return this.records.slice();
  }

  /** The Lambda runtime's hook: undefined (synchronously when no fault is set) to run the handler. */
  readonly beforeInvoke = (fn: FunctionModel, requestId: string): Promise<InjectedOutcome | undefined> | undefined => {
    if (this.faults.length === 0) return undefined;
    let delayMs = 0;
    let decisive: FaultRule | undefined;
    const fired: FaultRule[] = [];
    for (const fault of this.faults) {
      if (!fault.functions.has(fn.functionName) || !this.fires(fault)) continue;
      fired.push(fault.rule);
      if (fault.rule.action.kind === 'slow') delayMs += fault.rule.action.delayMs;
      else decisive ??= fault.rule;
    }
    if (fired.length === 0) return undefined;
    return this.apply(fn, requestId, delayMs, decisive, fired);
  };

  /** Ends every injected wait at once (the cloud is stopping). */
  close(): void {
    for (const wait of this.waits) {
      clearTimeout(wait.timer);
      wait.wake();
    }
    this.waits.clear();
  }

  private fires(fault: LiveFault): boolean {
    const times = fault.rule.times;
    if (times.kind === 'rate') {
      if (this.random() * 100 >= times.percent) return false;
    } else if (times.kind === 'count') {
      if (fault.remaining <= 0) return false;
      fault.remaining -= 1;
    }
    fault.fired += 1;
    return true;
  }

  private async apply(fn: FunctionModel, requestId: string, delayMs: number, decisive: FaultRule | undefined, fired: FaultRule[]): Promise<InjectedOutcome | undefined> {
    const timeoutMs = fn.timeoutSeconds * 1000;
    const names = fired.map((r) => r.text).join(',');
    if (delayMs > 0) {
      await this.wait(Math.min(delayMs, timeoutMs));
      if (delayMs >= timeoutMs) {
        this.record(fn, requestId, names, 'timed out (slower than its timeout)');
        return timedOut(fn, requestId);
      }
    }
    if (!decisive) {
      this.record(fn, requestId, names, `delayed ${delayMs} ms`);
      return undefined;
    }
    const action = decisive.action;
    if (action.kind === 'timeout') {
      await this.wait(Math.max(0, (action.afterMs ?? timeoutMs) - delayMs));
      this.record(fn, requestId, names, 'timed out');
      return timedOut(fn, requestId);
    }
    if (action.kind !== 'fail') return undefined;
    const errorType = action.errorName ?? injectedErrorName(this.steps.get(fn.functionName), action.severity);
    this.record(fn, requestId, names, `failed with ${errorType}`);
    return {
      timedOut: false,
      error: {
        errorType,
        errorMessage: `Injected fault "${decisive.text}": ${functionLabel(fn)} failed with ${errorType}`,
        trace: [],
      },
    };
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.waits.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.waits.add(entry);
    });
  }

  private record(fn: FunctionModel, requestId: string, fault: string, effect: string): void {
    this.records.push({ time: new Date().toISOString(), functionName: fn.functionName, requestId, fault, effect });
    if (this.records.length > this.maxRecords * 1.25) this.records.splice(0, this.records.length - this.maxRecords);
  }
}

function matches(rule: FaultRule, fn: FunctionModel): boolean {
  if (rule.target.app !== '*' && rule.target.app !== fn.app) return false;
  const prefix = rule.target.functionPrefix?.toLowerCase();
  if (!prefix) return true;
  return fn.logicalId.toLowerCase().startsWith(prefix) || fn.functionName.toLowerCase().startsWith(prefix);
}

/** Lambda's report of a timed-out invocation, as the runtime writes it. */
function timedOut(fn: FunctionModel, requestId: string): InjectedOutcome {
  return {
    timedOut: true,
    error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`, trace: [] },
  };
}
