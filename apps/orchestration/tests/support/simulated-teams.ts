/**
 * In-memory stand-ins for the four teams' functions and for the event bus, used to run the real
 * state machine definition with aws-local-stepfunctions. Each simulated function implements its
 * step contract: it checks its payload as the strict writer the definition must be (so a definition
 * that passes a wrong or an undeclared field fails here, naming it), has the effect
 * the real one has on a small in-memory world, and returns an output checked against the step's
 * output schema. Faults are injected as the conditions that cause them (a recipient SES refuses, a
 * user that already exists, a store that is down), never as a scripted path through the workflow.
 *
 * Tasks are routed by what the definition names, as the local cloud does: a `lambda:invoke` task
 * runs the simulated function whose placeholder ARN is its `FunctionName`; a `putEvents` task
 * delivers its entries to the simulated bus.
 */
import { UserOnboardedV1 } from '@onboarding/contract-user-onboarded-v1';
import { UserOnboardingFailedV1 } from '@onboarding/contract-user-onboarding-failed-v1';
import { writeDetail, writeStepInput, writeStepOutput, type StepContract, type StepOutputOf } from '@onboarding/events';
import { ExecutionError, StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { placeholderFunctionArn } from '../../infra/render-definition';
import { STEP_OWNERS } from '../../infra/orchestration-stack';
import { STEP_CONTRACTS, type StepName } from '../../infra/step-contracts';
import { executionNameFor } from '../../src/domain/execution-name';
import { allStates } from './definition-walk';

/** An error a simulated function throws; Step Functions sees its `name` as the error. */
export class StepFailure extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Conditions of the simulated world that make steps fail. */
export interface WorldConditions {
  /** Error names a step fails with on its next calls, one per call; then it works again. */
  flaky?: Partial<Record<StepName, string[]>>;
  /** Steps whose dependency is down: every call fails with the given error name. */
  down?: Partial<Record<StepName, string>>;
  /** Recipients the mail server refuses (SendWelcomeEmail answers EmailRejectedError). */
  refusedRecipients?: string[];
  /** Whether the notifier has a webhook configured. @default true */
  webhookConfigured?: boolean;
}

/** A user record of the simulated user service. */
export interface SimulatedUser {
  signupId: string;
  tenantId: string;
  userId: string;
  email: string;
}

/** An event the simulated bus received. */
export interface ReceivedEvent {
  eventBusName: string;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

/** What every simulated function and the bus saw and did. */
export class SimulatedTeams {
  /** Every invocation, in order: the step and the payload exactly as the definition passed it. */
  readonly calls: { step: StepName; payload: unknown }[] = [];
  readonly users: SimulatedUser[] = [];
  /** Storage prefixes that exist. */
  readonly prefixes = new Set<string>();
  readonly sentEmails: { signupId: string; to: string; locale: string }[] = [];
  readonly notifications: { signupId: string; plan: string }[] = [];
  readonly events: ReceivedEvent[] = [];

  private readonly flaky: Partial<Record<StepName, string[]>>;

  constructor(
    private readonly conditions: WorldConditions = {},
    /** ARN of the bus the definition must publish to. */
    readonly eventBusArn = 'arn:aws:events:us-east-1:123456789012:event-bus/onboarding',
  ) {
    this.flaky = Object.fromEntries(Object.entries(conditions.flaky ?? {}).map(([k, v]) => [k, [...v]]));
  }

  /** The steps invoked, in order. */
  get stepsCalled(): StepName[] {
    return this.calls.map((c) => c.step);
  }

  /** Invokes the simulated function of a step. */
  invoke(step: StepName, payload: unknown): unknown {
    this.calls.push({ step, payload });
    const flakyError = this.flaky[step]?.shift();
    if (flakyError) throw new StepFailure(flakyError, `${step}: dependency briefly unavailable`);
    const downError = this.conditions.down?.[step];
    if (downError) throw new StepFailure(downError, `${step}: dependency unavailable`);
    return this.steps[step](payload);
  }

  private readonly steps: Record<StepName, (payload: unknown) => unknown> = {
    CreateUser: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.CreateUser, payload as never);
      const existing = this.users.find((u) => u.tenantId === input.tenantId && u.email === input.email);
      if (existing && existing.signupId !== input.signupId) {
        // The message quotes the address, as a careless implementation might: the workflow must not publish it.
        throw new StepFailure('DuplicateUserError', `A user with email ${input.email} already exists in tenant ${input.tenantId}`);
      }
      const user = existing ?? { signupId: input.signupId, tenantId: input.tenantId, userId: `u-${input.signupId.replaceAll('-', '')}`, email: input.email };
      if (!existing) this.users.push(user);
      return checked(STEP_CONTRACTS.CreateUser, { signupId: input.signupId, tenantId: input.tenantId, userId: user.userId });
    },
    DeleteUser: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.DeleteUser, payload as never);
      const index = this.users.findIndex((u) => u.signupId === input.signupId && u.tenantId === input.tenantId);
      if (index >= 0) this.users.splice(index, 1);
      return checked(STEP_CONTRACTS.DeleteUser, { signupId: input.signupId, tenantId: input.tenantId, deleted: index >= 0 });
    },
    SendWelcomeEmail: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.SendWelcomeEmail, payload as never);
      if (this.conditions.refusedRecipients?.includes(input.email)) {
        throw new StepFailure('EmailRejectedError', `The mail server refused ${input.email}`);
      }
      this.sentEmails.push({ signupId: input.signupId, to: input.email, locale: input.locale });
      return checked(STEP_CONTRACTS.SendWelcomeEmail, { signupId: input.signupId, tenantId: input.tenantId, messageId: `msg-${this.sentEmails.length}` });
    },
    CreateUserStorage: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.CreateUserStorage, payload as never);
      const prefix = `tenants/${input.tenantId}/users/${input.userId}/`;
      this.prefixes.add(prefix);
      return checked(STEP_CONTRACTS.CreateUserStorage, { signupId: input.signupId, tenantId: input.tenantId, bucket: 'onboarding-user-files', prefix });
    },
    DeleteUserStorage: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.DeleteUserStorage, payload as never);
      const existed = this.prefixes.delete(`tenants/${input.tenantId}/users/${input.userId}/`);
      return checked(STEP_CONTRACTS.DeleteUserStorage, { signupId: input.signupId, tenantId: input.tenantId, deletedObjects: existed ? 1 : 0 });
    },
    NotifyTeam: (payload) => {
      const input = writeStepInput(STEP_CONTRACTS.NotifyTeam, payload as never);
      if (this.conditions.webhookConfigured === false) throw new StepFailure('WebhookNotConfiguredError', 'No webhook URL is configured');
      this.notifications.push({ signupId: input.signupId, plan: input.plan });
      return checked(STEP_CONTRACTS.NotifyTeam, { signupId: input.signupId, tenantId: input.tenantId, delivered: true, channel: 'webhook' });
    },
  };

  /** The events:putEvents integration: checks each entry against its contract, then keeps it. */
  putEvents(parameters: unknown): unknown {
    const entries = (parameters as { Entries?: Record<string, unknown>[] }).Entries ?? [];
    return {
      FailedEntryCount: 0,
      Entries: entries.map((entry) => {
        if (entry['EventBusName'] !== this.eventBusArn) throw new StepFailure('EventBridge.ResourceNotFoundException', `No bus ${String(entry['EventBusName'])}`);
        const source = String(entry['Source']);
        const detailType = String(entry['DetailType']);
        const contract = PUBLISHED.find((c) => c.source === source && c.detailType === detailType);
        if (!contract) throw new StepFailure('EventBridge.UnknownContract', `No contract for ${source} ${detailType}`);
        // The definition is the writer of these events: checked strictly, as EventPublisher checks code.
        const written = entry['Detail'] as Record<string, unknown>;
        if (written['version'] !== contract.version) throw new StepFailure('EventBridge.WrongVersion', `${detailType} written as version ${String(written['version'])}`);
        const detail = writeDetail(contract, written as never) as Record<string, unknown>;
        this.events.push({ eventBusName: this.eventBusArn, source, detailType, detail });
        return { EventId: `event-${this.events.length}` };
      }),
    };
  }
}

/** The events the definition publishes, by contract. */
const PUBLISHED = [UserOnboardedV1, UserOnboardingFailedV1];

/** A simulated function's result, checked as the real function checks it before returning. */
function checked<C extends StepContract>(contract: C, output: StepOutputOf<C>): unknown {
  return writeStepOutput(contract, output);
}

/** One recorded entry of the runner's event log (the execution history). */
export type HistoryEvent = { type: string; state?: { name: string }; Error?: string };

/** The outcome of one simulated execution. */
export interface SimulatedExecution {
  executionName: string;
  /** The execution's output when it succeeded. */
  output?: Record<string, unknown>;
  /** The error name the execution failed with. */
  failedWith?: string;
  history: HistoryEvent[];
}

/**
 * Runs the definition for one signup against the simulated teams, as the local cloud would: task
 * overrides built by walking the definition, the context object carrying the execution name, and
 * retry pauses shortened to zero (the backoff values themselves are asserted by the infra tests).
 */
export async function runOnboarding(definition: StateMachineDefinition, input: { signupId: string } & Record<string, unknown>, teams: SimulatedTeams): Promise<SimulatedExecution> {
  const stepByFunctionArn = new Map(Object.entries(STEP_OWNERS).map(([step, service]) => [placeholderFunctionArn(service, step), step as StepName]));
  const taskResourceLocalHandlers: NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'] = {};
  const retryIntervalOverrides: Record<string, number> = {};
  for (const [name, state] of Object.entries(allStates(definition))) {
    if (state.Retry) retryIntervalOverrides[name] = 0;
    if (state.Type !== 'Task') continue;
    if (state.Resource?.endsWith(':states:::lambda:invoke')) {
      const step = stepByFunctionArn.get(String(state.Parameters?.['FunctionName']));
      if (!step) throw new Error(`Task ${name} invokes a function no team publishes: ${String(state.Parameters?.['FunctionName'])}`);
      // The lambda:invoke integration answers { StatusCode, Payload }; ResultSelector picks from it.
      taskResourceLocalHandlers[name] = (parameters) => ({ StatusCode: 200, Payload: teams.invoke(step, (parameters as { Payload?: unknown }).Payload) as never });
    } else if (state.Resource?.endsWith(':states:::events:putEvents')) {
      taskResourceLocalHandlers[name] = (parameters) => teams.putEvents(parameters) as never;
    } else {
      throw new Error(`Task ${name} uses an integration the local cloud does not implement: ${String(state.Resource)}`);
    }
  }

  const executionName = executionNameFor(input.signupId);
  const machine = new StateMachine(definition);
  const execution = machine.run(input as never, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides },
    context: { Execution: { Id: `arn:aws:states:us-east-1:123456789012:execution:onboarding:${executionName}`, Name: executionName } },
  });
  const history: HistoryEvent[] = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) history.push(event as HistoryEvent);
  })();
  try {
    const output = (await execution.result) as Record<string, unknown>;
    await collecting;
    return { executionName, output, history };
  } catch (error) {
    await collecting;
    if (error instanceof ExecutionError) return { executionName, failedWith: (error.cause as Error).name, history };
    throw error;
  }
}

/** Names of the states entered, in order (Parallel branches interleave). */
export function statesEntered(history: HistoryEvent[]): string[] {
  return history.filter((e) => e.type === 'StateEntered').map((e) => e.state?.name ?? '?');
}
