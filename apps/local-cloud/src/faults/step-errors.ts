/**
 * Which error an injected `fail` throws. A fault must look like the real failure of the step, so that
 * the state machine treats it as it would in AWS: the error names come from the step contracts
 * (`libs/contracts/<step>/v1`): the step's own retryable error (retried with backoff), or its
 * permanent one (straight to the failure path).
 *
 * The step a function implements is found from what the templates declare, nothing hand-written:
 * the Task state that invokes the function (state names are the step names, an interface of the
 * orchestration), else the SSM parameter that publishes its ARN (`.../functions/<Step>/arn`).
 * A function that is no step (the API, StartOnboarding) fails with {@link INJECTED_FAULT_ERROR}.
 */
import { CreateUserV1 } from '@onboarding/contract-create-user-v1';
import { CreateUserStorageV1 } from '@onboarding/contract-create-user-storage-v1';
import { DeleteUserV1 } from '@onboarding/contract-delete-user-v1';
import { DeleteUserStorageV1 } from '@onboarding/contract-delete-user-storage-v1';
import { NotifyTeamV1 } from '@onboarding/contract-notify-team-v1';
import { SendWelcomeEmailV1 } from '@onboarding/contract-send-welcome-email-v1';
import { COMMON_STEP_ERRORS, type StepContract } from '@onboarding/events';
import type { CloudModel, FunctionModel } from '../model';

/** The error name of an injected failure of a function that implements no step. */
export const INJECTED_FAULT_ERROR = 'InjectedFaultError';

/** The step contracts whose error names a fault may throw, by step name. */
const STEP_CONTRACTS = new Map<string, StepContract>(
  [CreateUserV1, DeleteUserV1, SendWelcomeEmailV1, CreateUserStorageV1, DeleteUserStorageV1, NotifyTeamV1].map((contract) => [contract.step, contract]),
);

/** A step of the onboarding, by the name its state and its contract carry. */
export type StepName = string;

function isStepName(name: string): name is StepName {
  return STEP_CONTRACTS.has(name);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Task state name → the function ARN it invokes, for every Task of a definition (nested ones included). */
function taskFunctions(definition: unknown, into: Map<string, string>): void {
  if (!isObject(definition) || !isObject(definition['States'])) return;
  for (const [name, state] of Object.entries(definition['States'])) {
    if (!isObject(state)) continue;
    if (state['Type'] === 'Task') {
      const parameters = state['Parameters'];
      const target = isObject(parameters) && typeof parameters['FunctionName'] === 'string' ? parameters['FunctionName'] : state['Resource'];
      if (typeof target === 'string') into.set(name, target);
    }
    if (Array.isArray(state['Branches'])) for (const branch of state['Branches']) taskFunctions(branch, into);
    taskFunctions(state['ItemProcessor'] ?? state['Iterator'], into);
  }
}

/** The ARN without a version or alias qualifier. */
function unqualified(arn: string): string {
  const match = /^(arn:aws:lambda:[^:]*:[^:]*:function:[^:]+)/.exec(arn);
  return match?.[1] ?? arn;
}

/** Finds the step each function of the model implements. */
export function stepsOfFunctions(model: CloudModel): Map<string, StepName> {
  const steps = new Map<string, StepName>();
  const byArn = new Map(model.functions.map((f) => [f.arn, f]));
  for (const machine of model.stateMachines) {
    const tasks = new Map<string, string>();
    taskFunctions(machine.definition, tasks);
    for (const [stateName, target] of tasks) {
      const fn = byArn.get(unqualified(target));
      if (fn && isStepName(stateName) && !steps.has(fn.functionName)) steps.set(fn.functionName, stateName);
    }
  }
  for (const parameter of model.ssmParameters) {
    const match = /\/functions\/([A-Za-z0-9]+)\/arn$/.exec(parameter.name);
    const fn = byArn.get(unqualified(parameter.value));
    if (match?.[1] && fn && isStepName(match[1]) && !steps.has(fn.functionName)) steps.set(fn.functionName, match[1]);
  }
  return steps;
}

/** The error name an injected failure of `fn` carries. */
export function injectedErrorName(step: StepName | undefined, severity: 'retryable' | 'permanent'): string {
  if (!step) return INJECTED_FAULT_ERROR;
  const own = STEP_CONTRACTS.get(step)?.errors[severity] ?? [];
  const common = COMMON_STEP_ERRORS[severity];
  return own[0] ?? common[0] ?? INJECTED_FAULT_ERROR;
}

/** Describes a function for messages: `app/logicalId`. */
export function functionLabel(fn: FunctionModel): string {
  return `${fn.app}/${fn.logicalId}`;
}
