/**
 * The engine's entry point: a {@link StateMachine} is a validated, compiled definition; each
 * {@link StateMachine.startExecution} runs one {@link Execution} to its end (or until it is
 * stopped) and records its history as GetExecutionHistory returns it.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from './clock';
import { compileGraph, type Graph, type Services } from './compile';
import type { ContextObject, ExecutionContext } from './context';
import type { StateMachineDefinition } from './definition';
import { InvalidDefinitionError, InvalidExecutionError, StatesError } from './errors';
import { StatesErrors } from './error-names';
import { HistoryRecorder, type HistoryEvent } from './history';
import { AbortedError, FailStateError, MAX_PAYLOAD_BYTES, runGraph, type Frame, type Run } from './interpreter';
import { jsonByteLength, toJson } from './json';
import { noTaskInvoker, type TaskInvoker } from './task-invoker';
import { TaskTokenRegistry } from './task-tokens';
import { unsupportedFeatures } from './validation/unsupported';
import { validateDefinition } from './validation/validate';
import { VariableScope } from './variables';

/** Whether StartExecution accepts a name: 1 to 80 characters, no white space, brackets, wildcards, special or control characters. */
function isExecutionName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name)) return false;
  for (const c of name) {
    const code = c.charCodeAt(0);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}

/** Options of a {@link StateMachine}. */
export interface StateMachineOptions {
  /** @default the name in `arn`, else 'StateMachine' */
  name?: string;
  /** @default arn:aws:states:<region>:<account>:stateMachine:<name> */
  arn?: string;
  /** Region of the ARNs and of TaskScheduled events. @default 'us-east-1' */
  region?: string;
  /** Account of the ARNs. @default '123456789012' */
  account?: string;
  /** The execution role, `$$.Execution.RoleArn`. @default arn:aws:iam::<account>:role/StepFunctions-<name>-role */
  roleArn?: string;
}

/** Options of one execution. */
export interface ExecutionOptions {
  /** @default a random UUID */
  name?: string;
  /** Performs Task states. @default a port that fails every task */
  taskInvoker?: TaskInvoker;
  /** @default the system clock */
  clock?: Clock;
  /** Where `.waitForTaskToken` tasks wait; share one across executions to route callbacks. @default a registry of this execution */
  taskTokens?: TaskTokenRegistry;
  /** Randomness for jitter, `$random`, `States.MathRandom`. @default Math.random */
  random?: () => number;
  /** UUIDs for `$uuid()` and `States.UUID()`. @default crypto.randomUUID */
  uuid?: () => string;
  /** Called with each history event as it is written. */
  onHistoryEvent?: (event: HistoryEvent) => void;
  /** Overrides the role of this execution. */
  roleArn?: string;
}

/** How an execution ended (DescribeExecution's status). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The outcome of an execution. */
export interface ExecutionResult {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  /** The output, when it succeeded. */
  output?: unknown;
  /** Error and cause, when it failed, timed out or was stopped with them. */
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate: Date;
  history: readonly HistoryEvent[];
}

/** A running or finished execution. */
export class Execution {
  readonly arn: string;
  readonly startDate: Date;
  /** Settles when the execution ends; never rejects. */
  readonly result: Promise<ExecutionResult>;
  private currentStatus: ExecutionStatus = 'RUNNING';
  private readonly controller = new AbortController();
  private readonly recorder: HistoryRecorder;
  private readonly thread = { last: 0 };
  private finish!: (result: ExecutionResult) => void;

  /** @internal use {@link StateMachine.startExecution} */
  constructor(
    readonly machine: StateMachine,
    readonly name: string,
    readonly input: unknown,
    private readonly options: ExecutionOptions,
  ) {
    const clock = options.clock ?? systemClock;
    // An execution ARN is its machine's, with 'execution' for 'stateMachine' and its name appended.
    this.arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    this.startDate = new Date(clock.now());
    this.recorder = new HistoryRecorder(() => clock.now(), options.onHistoryEvent);
    this.result = new Promise((resolve) => (this.finish = resolve));
  }

  /** The history so far (the same array grows while the execution runs). */
  get history(): readonly HistoryEvent[] {
    return this.recorder.events;
  }

  get status(): ExecutionStatus {
    return this.currentStatus;
  }

  /**
   * StopExecution: ends a running execution as ABORTED with an optional error and cause; running
   * tasks see their abort signal. Does nothing once the execution has ended.
   */
  stop(details: { error?: string; cause?: string } = {}): void {
    if (this.currentStatus !== 'RUNNING') return;
    this.end('ABORTED', { ...(details.error !== undefined ? { error: details.error } : {}), ...(details.cause !== undefined ? { cause: details.cause } : {}) });
    this.controller.abort(new AbortedError('stopped'));
  }

  /** @internal */
  start(graph: Graph): void {
    const machine = this.machine;
    const clock = this.options.clock ?? systemClock;
    const random = this.options.random ?? Math.random;
    const services: Services = { now: () => clock.now(), random, uuid: this.options.uuid ?? randomUUID };
    const roleArn = this.options.roleArn ?? machine.roleArn;
    const execution: ExecutionContext = {
      Execution: { Id: this.arn, Input: this.input, Name: this.name, RoleArn: roleArn, StartTime: this.startDate.toISOString(), RedriveCount: 0 },
      StateMachine: { Id: machine.arn, Name: machine.name },
    };
    const run: Run = {
      history: this.recorder,
      clock,
      invoker: this.options.taskInvoker ?? noTaskInvoker,
      tokens: this.options.taskTokens ?? new TaskTokenRegistry(),
      services,
      execution,
      region: machine.region,
      transitions: 0,
    };
    const inputText = JSON.stringify(this.input);
    this.recorder.add('ExecutionStarted', { executionStartedEventDetails: { input: inputText, inputDetails: { truncated: false }, roleArn } }, this.thread);
    const frame: Frame = { run, scope: new VariableScope(), thread: this.thread, signal: this.controller.signal };
    const timeoutSeconds = machine.definition.TimeoutSeconds;
    if (timeoutSeconds !== undefined) {
      const timer = new AbortController();
      clock.sleep(timeoutSeconds * 1000, timer.signal).then(
        () => {
          if (this.currentStatus !== 'RUNNING') return;
          this.end('TIMED_OUT', { error: StatesErrors.Timeout, cause: `The execution ran longer than its TimeoutSeconds (${timeoutSeconds} s).` });
          this.controller.abort(new AbortedError('timed-out'));
        },
        () => undefined,
      );
      void this.result.then(() => timer.abort());
    }
    runGraph(graph, this.input, frame).then(
      (output) => this.end('SUCCEEDED', { output }),
      (error: unknown) => {
        if (this.currentStatus !== 'RUNNING') return;
        if (error instanceof StatesError) {
          this.end('FAILED', { ...(error.error || !(error instanceof FailStateError) ? { error: error.error } : {}), ...(error.causeText || !(error instanceof FailStateError) ? { cause: error.causeText } : {}) });
        } else if (error instanceof AbortedError) {
          this.end('ABORTED', {});
        } else {
          this.end('FAILED', { error: StatesErrors.Runtime, cause: `The engine failed: ${error instanceof Error ? error.message : String(error)}` });
        }
      },
    );
  }

  private end(status: Exclude<ExecutionStatus, 'RUNNING'>, details: { output?: unknown; error?: string; cause?: string }): void {
    if (this.currentStatus !== 'RUNNING') return;
    this.currentStatus = status;
    const errorDetails = { ...(details.error !== undefined ? { error: details.error } : {}), ...(details.cause !== undefined ? { cause: details.cause } : {}) };
    const thread = { last: this.recorder.lastId };
    switch (status) {
      case 'SUCCEEDED':
        this.recorder.close('ExecutionSucceeded', { executionSucceededEventDetails: { output: JSON.stringify(details.output ?? null), outputDetails: { truncated: false } } }, thread);
        break;
      case 'FAILED':
        this.recorder.close('ExecutionFailed', { executionFailedEventDetails: errorDetails }, thread);
        break;
      case 'TIMED_OUT':
        this.recorder.close('ExecutionTimedOut', { executionTimedOutEventDetails: errorDetails }, thread);
        break;
      case 'ABORTED':
        this.recorder.close('ExecutionAborted', { executionAbortedEventDetails: errorDetails }, thread);
        break;
    }
    const clock = this.options.clock ?? systemClock;
    this.finish({
      status,
      ...(status === 'SUCCEEDED' ? { output: details.output ?? null } : {}),
      ...errorDetails,
      startDate: this.startDate,
      stopDate: new Date(clock.now()),
      history: this.recorder.events,
    });
  }
}

/** A definition, validated and compiled, ready to run executions. */
export class StateMachine {
  readonly definition: StateMachineDefinition;
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
  readonly roleArn: string;
  private readonly graph: Graph;

  /**
   * @param definition the ASL definition, as an object or JSON text
   * @throws InvalidDefinitionError when Step Functions would refuse the definition, or when it
   *   uses a feature this engine cannot run faithfully (see the README)
   */
  constructor(definition: StateMachineDefinition | string, options: StateMachineOptions = {}) {
    const report = validateDefinition(definition);
    if (report.result === 'FAIL') throw new InvalidDefinitionError(report.diagnostics.filter((d) => d.severity === 'ERROR'));
    const parsed = (typeof definition === 'string' ? JSON.parse(definition) : definition) as StateMachineDefinition;
    const unsupported = unsupportedFeatures(parsed);
    if (unsupported.length > 0) throw new InvalidDefinitionError(unsupported);
    this.definition = parsed;
    // A given ARN names the machine, its region and account unless they are given too.
    const fromArn = options.arn ? /^arn:[^:]+:states:([^:]+):([^:]+):stateMachine:([^:]+)/.exec(options.arn) : null;
    this.name = options.name ?? fromArn?.[3] ?? 'StateMachine';
    this.region = options.region ?? fromArn?.[1] ?? 'us-east-1';
    this.account = options.account ?? fromArn?.[2] ?? '123456789012';
    this.arn = options.arn ?? `arn:aws:states:${this.region}:${this.account}:stateMachine:${this.name}`;
    this.roleArn = options.roleArn ?? `arn:aws:iam::${this.account}:role/StepFunctions-${this.name}-role`;
    this.graph = compileGraph(parsed, parsed.QueryLanguage ?? 'JSONPath');
  }

  /**
   * StartExecution: starts an execution and returns at once; await `execution.result` for its end.
   * @param input the execution input as a JSON value (not JSON text). @default {}
   */
  startExecution(input: unknown = {}, options: ExecutionOptions = {}): Execution {
    const name = options.name ?? randomUUID();
    if (!isExecutionName(name)) throw new InvalidExecutionError('InvalidName', `Invalid Name: '${name}' (1 to 80 characters, no white space, brackets, wildcards or special characters)`);
    let json: unknown;
    try {
      json = toJson(input);
    } catch (error) {
      throw new InvalidExecutionError('InvalidExecutionInput', `Invalid State Machine Execution Input: the input is not JSON (${(error as Error).message})`);
    }
    const size = jsonByteLength(JSON.stringify(json));
    if (size > MAX_PAYLOAD_BYTES) throw new InvalidExecutionError('InvalidExecutionInput', `Invalid State Machine Execution Input: ${size} bytes is over the limit of ${MAX_PAYLOAD_BYTES} bytes`);
    const execution = new Execution(this, name, json, options);
    execution.start(this.graph);
    return execution;
  }

  /** Runs one execution to its end. */
  run(input: unknown = {}, options: ExecutionOptions = {}): Promise<ExecutionResult> {
    return this.startExecution(input, options).result;
  }
}

/** The context object of a state of an execution (for invokers and tests that build requests). */
export type { ContextObject };
