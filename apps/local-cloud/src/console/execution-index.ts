/**
 * The executions as the console lists and shows them: one row per execution with what a person
 * scanning signups wants (status, tenant, signup, duration, the step that failed), and the detail
 * of one execution (description, definition, history and its analysis). Finished executions never
 * change, so their rows are computed once and kept; running ones are read again each time.
 */
import type { CloudModel, StateMachineModel } from '../model';
import type { ExecutionDescription, ExecutionListItem, HistoryEvent, HistoryParams, ListExecutionsParams } from '../stepfunctions';
import { NotFoundError } from './errors';
import { analyzeExecution, type ExecutionAnalysis, type StateOutcome } from './execution-analysis';

/** The part of the local Step Functions the console reads (and starts executions through, to replay). */
export interface ConsoleStepFunctions {
  listExecutions(params: ListExecutionsParams): Promise<{ executions: ExecutionListItem[]; nextToken?: string }>;
  describeExecution(executionArn: string): Promise<ExecutionDescription>;
  history(executionArn: string, params?: HistoryParams): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  startExecution(stateMachineArn: string, name?: string, input?: string | object): Promise<{ executionArn: string; startDate: Date }>;
}

/** One row of the executions list (dates as ISO text). */
export interface ExecutionRow {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  status: string;
  startDate: string;
  stopDate?: string;
  /** Until the stop, or until now while running. */
  durationMs: number;
  signupId?: string;
  tenantId?: string;
  failedStep?: string;
  failedError?: string;
  failedOutcome?: StateOutcome;
  /** Retried attempts over every step. */
  retries: number;
}

/** One history event as the console sends it (timestamp as ISO text). */
export type ConsoleHistoryEvent = Omit<HistoryEvent, 'timestamp'> & { timestamp: string };

export interface ExecutionDetail {
  execution: ExecutionRow & { input: string; output?: string; error?: string; cause?: string };
  stateMachine: { arn: string; name: string; type: string; definition: Record<string, unknown> };
  history: ConsoleHistoryEvent[];
  analysis: ExecutionAnalysis;
}

type Obj = Record<string, unknown>;

/** The execution name the orchestration gives a signup (`signup-<id>`), and replays of it (`-r<n>`). */
const SIGNUP_NAME = /^signup-(.+?)(?:-r\d+)?$/;

function parseObject(text: string | undefined): Obj | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
  } catch {
    return undefined;
  }
}

/** The signup and tenant of an execution, from its input (or its name, for the signup). */
export function signupOf(name: string, input: string | undefined): { signupId?: string; tenantId?: string } {
  const parsed = parseObject(input);
  const signupId = typeof parsed?.['signupId'] === 'string' ? parsed['signupId'] : SIGNUP_NAME.exec(name)?.[1];
  const tenantId = typeof parsed?.['tenantId'] === 'string' ? parsed['tenantId'] : undefined;
  return { ...(signupId !== undefined ? { signupId } : {}), ...(tenantId !== undefined ? { tenantId } : {}) };
}

const HISTORY_PAGE = 1000;

export class ExecutionIndex {
  private readonly finished = new Map<string, ExecutionRow>();
  private readonly machines: Map<string, StateMachineModel>;

  constructor(
    private readonly sfn: ConsoleStepFunctions,
    model: CloudModel,
    private readonly now: () => number = Date.now,
  ) {
    this.machines = new Map(model.stateMachines.map((sm) => [sm.arn, sm]));
  }

  /**
   * The newest executions of every state machine, newest first; with `signupId`, only those whose
   * name carries it (a signup's execution and its replays), found without reading the others.
   */
  async rows(limit = 200, signupId?: string): Promise<ExecutionRow[]> {
    const items: ExecutionListItem[] = [];
    for (const machine of this.machines.values()) {
      // Each machine lists newest first: its first `limit` are all it can contribute.
      let taken = 0;
      let nextToken: string | undefined;
      do {
        const page = await this.sfn.listExecutions({ stateMachineArn: machine.arn, maxResults: Math.min(1000, limit - taken), ...(nextToken ? { nextToken } : {}) });
        const matching = signupId === undefined ? page.executions : page.executions.filter((e) => e.name.includes(signupId));
        items.push(...matching);
        taken += matching.length;
        nextToken = taken < limit ? page.nextToken : undefined;
      } while (nextToken);
    }
    items.sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || (a.executionArn < b.executionArn ? -1 : 1));
    return Promise.all(items.slice(0, limit).map((item) => this.row(item)));
  }

  /** Everything the execution page shows. @throws NotFoundError for an unknown execution */
  async detail(executionArn: string): Promise<ExecutionDetail> {
    const description = await this.describe(executionArn);
    const machine = this.machines.get(description.stateMachineArn);
    if (!machine) throw new NotFoundError(`No state machine ${description.stateMachineArn} in the model`);
    const history = await this.history(executionArn);
    const analysis = analyzeExecution(machine.definition, history, description.status, this.now());
    const row = this.rowOf(description, machine, analysis);
    return {
      execution: {
        ...row,
        input: description.input,
        ...(description.output !== undefined ? { output: description.output } : {}),
        ...(description.error !== undefined ? { error: description.error } : {}),
        ...(description.cause !== undefined ? { cause: description.cause } : {}),
      },
      stateMachine: { arn: machine.arn, name: machine.name, type: machine.type, definition: machine.definition },
      history: history.map((event) => ({ ...event, timestamp: event.timestamp.toISOString() })),
      analysis,
    };
  }

  /** DescribeExecution, with an unknown or malformed ARN as a NotFoundError. */
  async describe(executionArn: string): Promise<ExecutionDescription> {
    try {
      return await this.sfn.describeExecution(executionArn);
    } catch (error) {
      const name = (error as { name?: string; code?: string }).code ?? (error as Error).name;
      if (name === 'ExecutionDoesNotExist' || name === 'InvalidArn') throw new NotFoundError(`No execution ${executionArn}`, { cause: error });
      throw error;
    }
  }

  private async history(executionArn: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.history(executionArn, { maxResults: HISTORY_PAGE, ...(nextToken ? { nextToken } : {}) });
      events.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  private async row(item: ExecutionListItem): Promise<ExecutionRow> {
    const cached = this.finished.get(item.executionArn);
    if (cached) return cached;
    const machine = this.machines.get(item.stateMachineArn);
    const description = await this.describe(item.executionArn);
    if (!machine) return this.rowOf(description, undefined, undefined);
    const analysis = analyzeExecution(machine.definition, await this.history(item.executionArn), description.status, this.now());
    const row = this.rowOf(description, machine, analysis);
    if (description.status !== 'RUNNING') this.finished.set(item.executionArn, row);
    return row;
  }

  private rowOf(description: ExecutionDescription, machine: StateMachineModel | undefined, analysis: ExecutionAnalysis | undefined): ExecutionRow {
    const start = description.startDate.getTime();
    const stop = description.stopDate?.getTime();
    const failed = analysis?.failedStep;
    return {
      executionArn: description.executionArn,
      stateMachineArn: description.stateMachineArn,
      stateMachineName: machine?.name ?? description.stateMachineArn.split(':').pop() ?? '',
      name: description.name,
      status: description.status,
      startDate: description.startDate.toISOString(),
      ...(description.stopDate ? { stopDate: description.stopDate.toISOString() } : {}),
      durationMs: (stop ?? this.now()) - start,
      ...signupOf(description.name, description.input),
      ...(failed ? { failedStep: failed.name, failedOutcome: failed.outcome, ...(failed.error !== undefined ? { failedError: failed.error } : {}) } : {}),
      retries: analysis ? Object.values(analysis.states).reduce((sum, s) => sum + s.retries, 0) : 0,
    };
  }
}
