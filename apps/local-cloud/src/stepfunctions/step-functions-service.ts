/**
 * The local Step Functions: the state machines the templates declare, run by aws-local-stepfunctions
 * behind the Step Functions wire protocol (AWS JSON 1.0).
 *
 * - Each definition is checked (checkDefinition) and loaded into the runner once, at start.
 * - StartExecution follows the API rules: name 1-80 characters without the forbidden ones (default a
 *   UUID), input JSON of at most 256 KB, and a used name is refused with ExecutionAlreadyExists,
 *   except that a Standard workflow answers a repeated start with the same name and input, while
 *   the first is still running, with that execution (the idempotency rule of the API reference).
 *   The execution is stored before the call answers: an accepted start is never lost.
 * - Task states run through task-handlers.ts; the runner's event log becomes the execution history
 *   (execution-history.ts); Retry delays may be scaled down (retry-delays.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError, createAwsJsonHandler, decodePageToken, encodePageToken, optionalBoolean, optionalInteger, optionalString, requiredString, toEpochSeconds, validationError } from '../eventbridge/aws-json-protocol';
import { LOCAL_REGION, type CloudModel, type InvokeFunction, type PutEvents, type StateMachineModel } from '../model';
import { executionArn as executionArnOf, executionNameProblem, isExecutionArn, roleArnOf, stateMachineNameOf } from './arns';
import { checkDefinition } from './check-definition';
import { ExecutionHistory, jsonText } from './execution-history';
import { InMemoryExecutionStore, type ExecutionRecord, type ExecutionStatus, type ExecutionStore, type HistoryEvent } from './execution-store';
import { createRetryIntervalOverrides } from './retry-delays';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type RunnerEvent } from './runner';
import { createTaskHandlers, taskSpecOf, type TaskSpec } from './task-handlers';

/** Options of {@link createStepFunctionsService}. */
export interface StepFunctionsServiceOptions {
  model: CloudModel;
  invokeFunction: InvokeFunction;
  putEvents: PutEvents;
  now?: () => Date;
  /** Where executions and histories are kept. @default an {@link InMemoryExecutionStore} */
  store?: ExecutionStore;
  /**
   * Multiplies every Retry delay (IntervalSeconds, BackoffRate, MaxDelaySeconds, JitterStrategy
   * keep their shape): 1 waits as Step Functions does, 0.01 makes a 2 s retry take 20 ms, 0 retries
   * at once. Between 0 and 1.
   * @default 1
   */
  retryDelayScale?: number;
  /** How long `close()` lets running executions finish before stopping them. @default 5000 */
  closeTimeoutMs?: number;
  /** Called with errors that cannot be answered to anyone (a store write failing, a bug). @default console.error */
  onError?: (error: unknown, context: string) => void;
  /**
   * At `close()`, leave executions still running as RUNNING in the store instead of ending them
   * ABORTED: with a persistent store (--data-dir) they run again at the next boot (resumeExecution).
   * @default false
   */
  suspendOnClose?: boolean;
  /** Called with each history event as it is recorded (the console's live view listens). */
  onHistoryEvent?: (executionArn: string, event: HistoryEvent) => void;
  /**
   * Wraps the calls a state machine's Task states make (lambda:invoke, events:putEvents), e.g. to
   * check them against the state machine's role (src/iam). @default the calls as given
   */
  taskCalls?: (machine: StateMachineModel, calls: { invokeFunction: InvokeFunction; putEvents: PutEvents }) => { invokeFunction: InvokeFunction; putEvents: PutEvents };
}

/** DescribeExecution's answer (dates as Date; the wire layer turns them into epoch seconds). */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** One row of ListExecutions. */
export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

/** Parameters of ListExecutions. */
export interface ListExecutionsParams {
  stateMachineArn: string;
  statusFilter?: ExecutionStatus;
  /** 1-1000; 0 or absent means the default page size (100). */
  maxResults?: number;
  nextToken?: string;
}

/** Parameters of GetExecutionHistory. */
export interface HistoryParams {
  maxResults?: number;
  reverseOrder?: boolean;
  nextToken?: string;
  /** False leaves `input` and `output` out of the details. @default true */
  includeExecutionData?: boolean;
}

/** The local Step Functions. */
export interface StepFunctionsService {
  /** `node:http` request listener for the Step Functions wire protocol. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** StartExecution. `input` may be JSON text or a value (sent as its JSON). */
  startExecution(stateMachineArn: string, name?: string, input?: string | object): Promise<{ executionArn: string; startDate: Date }>;
  listExecutions(params: ListExecutionsParams): Promise<{ executions: ExecutionListItem[]; nextToken?: string }>;
  describeExecution(executionArn: string): Promise<ExecutionDescription>;
  /** GetExecutionHistory (the first page of 1000 events when no parameters are given). */
  history(executionArn: string, params?: HistoryParams): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }>;
  /** Resolves with the execution once it has ended and its history is complete. */
  waitForExecution(executionArn: string): Promise<ExecutionDescription>;
  /** Refuses new starts, lets running executions finish (up to `closeTimeoutMs`), stops the rest. */
  close(): Promise<void>;
  /**
   * Runs an execution that was interrupted (RUNNING in a persistent store when the previous process
   * stopped) again from its input, under the same ARN and start date, with a new history. Its steps
   * are idempotent, so running it from the start completes it once. Used by recovery at boot.
   * @throws StateMachineDoesNotExist when its state machine is no longer in the model
   */
  resumeExecution(record: ExecutionRecord): void;
}

const MAX_INPUT_BYTES = 256 * 1024;
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
/** The runner times a Task out after 60 s when it sets no TimeoutSeconds; Step Functions does not. */
const NO_TASK_TIMEOUT_SECONDS = 2_147_483;
const FAIL_STATE_DEFAULT_CAUSE = 'Execution failed because of a Fail state';

type Obj = Record<string, unknown>;

interface PreparedMachine {
  model: StateMachineModel;
  runner: StateMachine;
  states: Map<string, Obj>;
  tasks: Map<string, TaskSpec>;
  roleArn: string;
  definitionText: string;
  creationDate: Date;
}

interface LiveExecution {
  record: ExecutionRecord;
  machine: PreparedMachine;
  abort: () => void;
  stopRequest?: { error?: string; cause?: string };
  /** Stopped by close() with suspendOnClose: its record stays RUNNING. */
  suspended?: boolean;
  done: Promise<ExecutionRecord>;
  writes: Promise<void>;
}

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Copies the definition for the runner, giving Tasks without TimeoutSeconds a practically unbounded
 * one, and collects every state (nested ones included) and every Task.
 */
function prepareDefinition(definition: Obj): { runnerDefinition: Obj; states: Map<string, Obj>; tasks: Map<string, TaskSpec> } {
  // A JSON copy, not structuredClone: the runner treats only objects of this realm's Object
  // prototype as payload templates (it would leave nested `key.$` fields unresolved otherwise).
  const runnerDefinition = JSON.parse(JSON.stringify(definition)) as Obj;
  const states = new Map<string, Obj>();
  const tasks = new Map<string, TaskSpec>();
  const walk = (machine: unknown) => {
    if (!isObject(machine) || !isObject(machine['States'])) return;
    for (const [name, state] of Object.entries(machine['States'])) {
      if (!isObject(state)) continue;
      states.set(name, state);
      if (state['Type'] === 'Task') {
        tasks.set(name, taskSpecOf(state));
        if (state['TimeoutSeconds'] === undefined && state['TimeoutSecondsPath'] === undefined) state['TimeoutSeconds'] = NO_TASK_TIMEOUT_SECONDS;
      }
      if (Array.isArray(state['Branches'])) state['Branches'].forEach(walk);
      walk(state['ItemProcessor'] ?? state['Iterator']);
    }
  };
  walk(runnerDefinition);
  return { runnerDefinition, states, tasks };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function describe(record: ExecutionRecord): ExecutionDescription {
  return { ...record };
}

/**
 * Creates the local Step Functions from the model.
 * @throws UnsupportedDefinitionError when a definition uses what the runner cannot run faithfully
 * @throws InvalidDefinitionError when a definition is not valid ASL
 */
export function createStepFunctionsService(options: StepFunctionsServiceOptions): StepFunctionsService {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? new InMemoryExecutionStore();
  const scale = options.retryDelayScale ?? 1;
  if (!(scale >= 0 && scale <= 1)) throw new RangeError(`retryDelayScale must be between 0 and 1 (got ${scale})`);
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const onError = options.onError ?? ((error: unknown, context: string) => console.error(`[local stepfunctions] ${context}:`, error));

  const machines = new Map<string, PreparedMachine>();
  const startedAt = now();
  for (const model of options.model.stateMachines) {
    checkDefinition(model.definition, model.name);
    const { runnerDefinition, states, tasks } = prepareDefinition(model.definition);
    // checkDefinition has checked what the runner needs; the runner's own validator (asl-validator)
    // would add about a second per state machine to the boot.
    const runner = new StateMachine(runnerDefinition as never, { validationOptions: { noValidate: true } });
    machines.set(model.arn, {
      model,
      runner,
      states,
      tasks,
      roleArn: roleArnOf(model.roleLogicalId, model.name),
      definitionText: JSON.stringify(model.definition),
      creationDate: startedAt,
    });
  }

  const live = new Map<string, LiveExecution>();
  const starting = new Map<string, Promise<void>>();
  let closing = false;

  function requireMachine(stateMachineArn: string): PreparedMachine {
    if (!stateMachineNameOf(stateMachineArn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    const machine = machines.get(stateMachineArn);
    if (!machine) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  async function requireExecution(executionArn: string): Promise<ExecutionRecord> {
    if (!isExecutionArn(executionArn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${executionArn}'`);
    const running = live.get(executionArn);
    if (running) return running.record;
    const stored = await store.get(executionArn);
    if (!stored) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return stored;
  }

  /** Runs an accepted execution to its end; resolves with its final record. */
  function launch(machine: PreparedMachine, record: ExecutionRecord): LiveExecution {
    const arn = record.executionArn;
    const execution = { record, machine, writes: Promise.resolve() } as LiveExecution;
    const write = (what: string, action: () => Promise<void>) => {
      execution.writes = execution.writes.then(action).catch((error) => onError(error, `${what} of ${arn}`));
    };
    const history = new ExecutionHistory({
      now,
      region: LOCAL_REGION,
      states: machine.states,
      append: (event) => {
        write('appending a history event', () => store.appendEvent(arn, event));
        options.onHistoryEvent?.(arn, event);
      },
    });
    history.executionStarted(record.input, machine.roleArn, record.startDate);

    const handlers = createTaskHandlers(machine.tasks, {
      executionArn: arn,
      stateMachineArn: machine.model.arn,
      history,
      ...(options.taskCalls ? options.taskCalls(machine.model, { invokeFunction: options.invokeFunction, putEvents: options.putEvents }) : { invokeFunction: options.invokeFunction, putEvents: options.putEvents }),
    });
    const retryIntervalOverrides = createRetryIntervalOverrides(machine.states, scale, (name) => history.retriesOf(name));
    const run = machine.runner.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: handlers as never, ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}) },
      context: {
        Execution: { Id: arn, Name: record.name, RoleArn: machine.roleArn, StartTime: record.startDate.toISOString(), RedriveCount: 0 },
        StateMachine: { Id: machine.model.arn, Name: machine.model.name },
      },
    });
    execution.abort = run.abort;

    const consumed = (async () => {
      for await (const event of run.eventLogs) {
        try {
          history.onRunnerEvent(event as RunnerEvent);
        } catch (error) {
          onError(error, `recording the history of ${arn}`);
        }
      }
    })().catch((error) => onError(error, `reading the event log of ${arn}`));

    execution.done = (async () => {
      let outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
      try {
        const output = await run.result;
        const text = jsonText(output);
        outcome =
          byteLength(text) > MAX_INPUT_BYTES
            ? { status: 'FAILED', error: 'States.DataLimitExceeded', cause: `The execution output is larger than ${MAX_INPUT_BYTES} bytes` }
            : { status: 'SUCCEEDED', output: text };
      } catch (error) {
        outcome = outcomeOfFailure(error, execution.stopRequest);
      }
      const stopDate = now();
      await consumed;
      if (execution.suspended) {
        await execution.writes;
        live.delete(arn);
        return record;
      }
      writeTerminalEvent(history, outcome, stopDate);
      const final: ExecutionRecord = { ...record, ...withoutUndefined(outcome), stopDate };
      execution.record = final;
      write('storing the outcome', () => store.put(final));
      await execution.writes;
      live.delete(arn);
      return final;
    })();
    live.set(arn, execution);
    return execution;
  }

  function outcomeOfFailure(error: unknown, stopRequest: LiveExecution['stopRequest']): Pick<ExecutionRecord, 'status' | 'error' | 'cause'> {
    if (error instanceof ExecutionAbortedError) return { status: 'ABORTED', error: stopRequest?.error, cause: stopRequest?.cause };
    if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than the state machine TimeoutSeconds' };
    if (error instanceof ExecutionError) {
      const failure = error.cause as Error | undefined;
      const name = failure?.name ?? 'States.Runtime';
      const cause = failure?.message;
      // A Fail state without Error/Cause: Step Functions reports none; the runner fills in defaults.
      if (name === 'FailStateError' && cause === FAIL_STATE_DEFAULT_CAUSE) return { status: 'FAILED' };
      return { status: 'FAILED', error: name, cause: cause === FAIL_STATE_DEFAULT_CAUSE ? undefined : cause };
    }
    return { status: 'FAILED', error: 'States.Runtime', cause: (error as Error)?.message ?? String(error) };
  }

  function writeTerminalEvent(history: ExecutionHistory, outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>, at: Date): void {
    const errorDetails = withoutUndefined({ error: outcome.error, cause: outcome.cause });
    switch (outcome.status) {
      case 'SUCCEEDED':
        history.end('ExecutionSucceeded', { executionSucceededEventDetails: { output: outcome.output, outputDetails: { truncated: false } } }, at);
        break;
      case 'ABORTED':
        history.end('ExecutionAborted', { executionAbortedEventDetails: errorDetails }, at);
        break;
      case 'TIMED_OUT':
        history.end('ExecutionTimedOut', { executionTimedOutEventDetails: errorDetails }, at);
        break;
      default:
        history.end('ExecutionFailed', { executionFailedEventDetails: errorDetails }, at);
    }
  }

  async function doStart(machine: PreparedMachine, arn: string, name: string, input: string): Promise<{ executionArn: string; startDate: Date }> {
    const existing = live.get(arn)?.record ?? (await store.get(arn));
    if (existing) {
      if (machine.model.type === 'STANDARD' && existing.status === 'RUNNING' && existing.input === input) return { executionArn: arn, startDate: existing.startDate };
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const record: ExecutionRecord = { executionArn: arn, stateMachineArn: machine.model.arn, name, status: 'RUNNING', input, startDate: now() };
    await store.put(record);
    launch(machine, record);
    return { executionArn: arn, startDate: record.startDate };
  }

  async function startExecution(stateMachineArn: string, name?: string, input?: string | object): Promise<{ executionArn: string; startDate: Date }> {
    if (closing) throw new AwsServiceError('ServiceUnavailable', 'The local Step Functions is shutting down', 503);
    const machine = requireMachine(stateMachineArn);
    const executionName = name ?? randomUUID();
    const problem = executionNameProblem(executionName);
    if (problem) throw new AwsServiceError('InvalidName', `Invalid Name: '${executionName}' (${problem})`);
    const inputText = input === undefined ? '{}' : typeof input === 'string' ? input : JSON.stringify(input);
    if (byteLength(inputText) > MAX_INPUT_BYTES) {
      throw validationError(`1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_BYTES}`);
    }
    try {
      JSON.parse(inputText);
    } catch (error) {
      throw new AwsServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
    const arn = executionArnOf(machine.model.name, executionName, machine.model.type, randomUUID());
    // Starts with one name run one after the other, so the second sees the first.
    const previous = starting.get(arn);
    const attempt = (previous ?? Promise.resolve()).then(() => doStart(machine, arn, executionName, inputText));
    const settled = attempt.then(
      () => undefined,
      () => undefined,
    );
    starting.set(arn, settled);
    try {
      return await attempt;
    } finally {
      if (starting.get(arn) === settled) starting.delete(arn);
    }
  }

  async function listExecutions(params: ListExecutionsParams): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
    const machine = requireMachine(params.stateMachineArn);
    const limit = params.maxResults ? params.maxResults : DEFAULT_PAGE;
    const records = (await store.list(machine.model.arn)).map((record) => live.get(record.executionArn)?.record ?? record);
    const filtered = params.statusFilter ? records.filter((r) => r.status === params.statusFilter) : records;
    // Newest first, as Step Functions lists them; ties broken by ARN so paging is stable.
    const sortKey = (r: ExecutionRecord) => `${String(9e15 - r.startDate.getTime()).padStart(16, '0')}|${r.executionArn}`;
    const sorted = filtered.map((r) => ({ r, key: sortKey(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let start = 0;
    if (params.nextToken !== undefined) {
      const after = decodePageToken(`executions:${machine.model.arn}:${params.statusFilter ?? ''}`, params.nextToken);
      if (typeof after !== 'string') throw new AwsServiceError('InvalidToken', `Invalid Token: '${params.nextToken}'`);
      start = sorted.findIndex((item) => item.key > after);
      if (start < 0) start = sorted.length;
    }
    const slice = sorted.slice(start, start + limit);
    const executions = slice.map(({ r }) => withoutUndefined({ executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: r.status, startDate: r.startDate, stopDate: r.stopDate }));
    const last = slice[slice.length - 1];
    const more = start + limit < sorted.length;
    return more && last ? { executions, nextToken: encodePageToken(`executions:${machine.model.arn}:${params.statusFilter ?? ''}`, last.key) } : { executions };
  }

  async function history(executionArn: string, params: HistoryParams = {}): Promise<{ events: HistoryEvent[]; nextToken?: string }> {
    await requireExecution(executionArn);
    const running = live.get(executionArn);
    if (running) await running.writes;
    const all = await store.events(executionArn);
    const ordered = params.reverseOrder ? all.slice().reverse() : all;
    const limit = params.maxResults ? params.maxResults : MAX_PAGE;
    const scope = `history:${executionArn}:${params.reverseOrder ? 'r' : 'f'}`;
    let start = 0;
    if (params.nextToken !== undefined) {
      const position = decodePageToken(scope, params.nextToken);
      if (typeof position !== 'number') throw new AwsServiceError('InvalidToken', `Invalid Token: '${params.nextToken}'`);
      start = position;
    }
    const includeData = params.includeExecutionData ?? true;
    const events = ordered.slice(start, start + limit).map((event) => (includeData ? event : withoutExecutionData(event)));
    return start + limit < ordered.length ? { events, nextToken: encodePageToken(scope, start + limit) } : { events };
  }

  async function stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const record = await requireExecution(executionArn);
    const running = live.get(executionArn);
    if (!running) return { stopDate: record.stopDate ?? now() };
    running.stopRequest = withoutUndefined({ error, cause });
    running.abort();
    const final = await running.done;
    return { stopDate: final.stopDate ?? now() };
  }

  async function waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    // A start may still be writing its record (visible in the store, not yet launched): let it launch first.
    await starting.get(executionArn);
    const record = await requireExecution(executionArn);
    const running = live.get(executionArn);
    return describe(running ? await running.done : record);
  }

  async function close(): Promise<void> {
    closing = true;
    const pending = [...live.values()];
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, closeTimeoutMs);
    });
    await Promise.race([Promise.all(pending.map((e) => e.done)), timedOut]);
    clearTimeout(timer);
    for (const execution of live.values()) {
      execution.stopRequest = { error: 'LocalCloudShutdown', cause: 'The local cloud shut down before the execution ended' };
      if (options.suspendOnClose) execution.suspended = true;
      execution.abort();
    }
    await Promise.all(pending.map((e) => e.done.catch(() => undefined)));
  }

  const operations = {
    ListStateMachines: (input: Obj) => {
      const limit = optionalInteger(input, 'maxResults', 0, MAX_PAGE) || DEFAULT_PAGE;
      const all = [...machines.values()].sort((a, b) => (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0));
      const token = optionalString(input, 'nextToken');
      let start = 0;
      if (token !== undefined) {
        const position = decodePageToken('state-machines', token);
        if (typeof position !== 'number') throw new AwsServiceError('InvalidToken', `Invalid Token: '${token}'`);
        start = position;
      }
      const slice = all.slice(start, start + limit);
      return {
        stateMachines: slice.map((m) => ({ stateMachineArn: m.model.arn, name: m.model.name, type: m.model.type, creationDate: toEpochSeconds(m.creationDate) })),
        ...(start + limit < all.length ? { nextToken: encodePageToken('state-machines', start + limit) } : {}),
      };
    },
    DescribeStateMachine: (input: Obj) => {
      const machine = requireMachine(requiredString(input, 'stateMachineArn'));
      return {
        stateMachineArn: machine.model.arn,
        name: machine.model.name,
        status: 'ACTIVE',
        definition: machine.definitionText,
        roleArn: machine.roleArn,
        type: machine.model.type,
        creationDate: toEpochSeconds(machine.creationDate),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
      };
    },
    StartExecution: async (input: Obj) => {
      const result = await startExecution(requiredString(input, 'stateMachineArn'), optionalString(input, 'name'), optionalString(input, 'input'));
      return { executionArn: result.executionArn, startDate: toEpochSeconds(result.startDate) };
    },
    StartSyncExecution: async (input: Obj) => {
      const machine = requireMachine(requiredString(input, 'stateMachineArn'));
      if (machine.model.type !== 'EXPRESS') throw new AwsServiceError('StateMachineTypeNotSupported', 'StartSyncExecution runs Express state machines only');
      const started = await startExecution(machine.model.arn, optionalString(input, 'name'), optionalString(input, 'input'));
      return { ...describeWire(await waitForExecution(started.executionArn)), billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } };
    },
    DescribeExecution: async (input: Obj) => describeWire(describe(await requireExecution(requiredString(input, 'executionArn')))),
    ListExecutions: async (input: Obj) => {
      const statusFilter = optionalString(input, 'statusFilter');
      if (statusFilter !== undefined && !['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'].includes(statusFilter)) {
        throw validationError(`1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set`);
      }
      const result = await listExecutions({
        stateMachineArn: requiredString(input, 'stateMachineArn'),
        ...(statusFilter !== undefined ? { statusFilter: statusFilter as ExecutionStatus } : {}),
        ...withoutUndefined({ maxResults: optionalInteger(input, 'maxResults', 0, MAX_PAGE), nextToken: optionalString(input, 'nextToken') }),
      });
      return {
        executions: result.executions.map((e) => withoutUndefined({ ...e, startDate: toEpochSeconds(e.startDate), stopDate: e.stopDate ? toEpochSeconds(e.stopDate) : undefined })),
        ...(result.nextToken ? { nextToken: result.nextToken } : {}),
      };
    },
    GetExecutionHistory: async (input: Obj) => {
      const result = await history(
        requiredString(input, 'executionArn'),
        withoutUndefined({
          maxResults: optionalInteger(input, 'maxResults', 0, MAX_PAGE),
          reverseOrder: optionalBoolean(input, 'reverseOrder'),
          nextToken: optionalString(input, 'nextToken'),
          includeExecutionData: optionalBoolean(input, 'includeExecutionData'),
        }),
      );
      return { events: result.events.map((e) => ({ ...e, timestamp: toEpochSeconds(e.timestamp) })), ...(result.nextToken ? { nextToken: result.nextToken } : {}) };
    },
    StopExecution: async (input: Obj) => {
      const result = await stopExecution(requiredString(input, 'executionArn'), optionalString(input, 'error'), optionalString(input, 'cause'));
      return { stopDate: toEpochSeconds(result.stopDate) };
    },
  };

  const handle = createAwsJsonHandler({
    targetPrefix: 'AWSStepFunctions',
    jsonVersion: '1.0',
    operations,
    internalErrorCode: 'InternalFailure',
    onInternalError: (error, operation) => onError(error, `answering ${operation}`),
  });

  function resumeExecution(record: ExecutionRecord): void {
    const machine = requireMachine(record.stateMachineArn);
    if (live.has(record.executionArn)) return;
    const { output: _output, error: _error, cause: _cause, stopDate: _stopDate, ...running } = record;
    launch(machine, { ...running, status: 'RUNNING' });
  }

  return { handle, startExecution, listExecutions, describeExecution: async (arn) => describe(await requireExecution(arn)), history, stopExecution, waitForExecution, close, resumeExecution };
}

function describeWire(execution: ExecutionDescription): Obj {
  return withoutUndefined({
    ...execution,
    startDate: toEpochSeconds(execution.startDate),
    stopDate: execution.stopDate ? toEpochSeconds(execution.stopDate) : undefined,
    inputDetails: { included: true },
    ...(execution.output !== undefined ? { outputDetails: { included: true } } : {}),
  });
}

/** Drops the execution data (inputs, outputs, task parameters) from an event's details (includeExecutionData false). */
function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  const copy = { ...event } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && isObject(value)) {
      const { input: _input, output: _output, parameters: _parameters, ...rest } = value;
      copy[key] = rest;
    }
  }
  return copy as unknown as HistoryEvent;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
