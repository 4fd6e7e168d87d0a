/**
 * Where executions and their histories are kept. The Step Functions endpoint and the console read
 * the same store. The interface is small on purpose, so a file-backed store (for `--data-dir`) is
 * a short class: the service calls `appendEvent` for one execution in order, one call at a time
 * (each waits for the previous one), and calls `put` again with the whole record when the
 * execution's status changes.
 */

/** Status of an execution, as DescribeExecution reports it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution. Strings hold JSON text, as the API returns them. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** The execution input (JSON text). */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
}

/**
 * One history event in GetExecutionHistory's shape: `id`, `previousEventId`, `timestamp`, `type`
 * and the details object of that type (e.g. `stateEnteredEventDetails`).
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: `${string}EventDetails`]: Record<string, unknown>;
}

/** Keeps executions and their histories. */
export interface ExecutionStore {
  /** Creates or replaces the record of an execution. */
  put(execution: ExecutionRecord): Promise<void>;
  get(executionArn: string): Promise<ExecutionRecord | undefined>;
  /** Every execution of a state machine, in any order. */
  list(stateMachineArn: string): Promise<ExecutionRecord[]>;
  appendEvent(executionArn: string, event: HistoryEvent): Promise<void>;
  /** The history of an execution, oldest first (empty when unknown). */
  events(executionArn: string): Promise<HistoryEvent[]>;
}

/** The default store: everything in memory, gone when the process ends. */
export class InMemoryExecutionStore implements ExecutionStore {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly byStateMachine = new Map<string, Set<string>>();
  private readonly histories = new Map<string, HistoryEvent[]>();

  async put(execution: ExecutionRecord): Promise<void> {
    this.executions.set(execution.executionArn, { ...execution });
    let arns = this.byStateMachine.get(execution.stateMachineArn);
    if (!arns) this.byStateMachine.set(execution.stateMachineArn, (arns = new Set()));
    arns.add(execution.executionArn);
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const record = this.executions.get(executionArn);
    return record ? { ...record } : undefined;
  }

  async list(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const arns = this.byStateMachine.get(stateMachineArn) ?? new Set<string>();
    return [...arns].map((arn) => ({ ...(this.executions.get(arn) as ExecutionRecord) }));
  }

  async appendEvent(executionArn: string, event: HistoryEvent): Promise<void> {
    let history = this.histories.get(executionArn);
    if (!history) this.histories.set(executionArn, (history = []));
    history.push(event);
  }

  async events(executionArn: string): Promise<HistoryEvent[]> {
    return (this.histories.get(executionArn) ?? []).slice();
  }
}
