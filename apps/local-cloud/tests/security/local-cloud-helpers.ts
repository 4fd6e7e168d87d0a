/**
 * What the security and IAM tests do on a running local cloud: sign up through the public API,
 * find and wait for the onboarding execution of a signup, and poll conditions (never sleep).
 */
import type { LocalCloud } from '../../src/boot/start-local-cloud';
import type { ExecutionDescription } from '../../src/stepfunctions/step-functions-service';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { eventually } from '@onboarding/testing';

export { eventually };

/** An answer of the signup API. */
export interface ApiAnswer {
  status: number;
  contentType: string;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends a raw request to the local API. */
export async function callApi(cloud: LocalCloud, init: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<ApiAnswer> {
  const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
  const response = await fetch(`${cloud.endpoints.api}${init.path ?? '/signup'}`, { method: init.method ?? 'POST', headers: init.headers ?? {}, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** Signs up with a JSON body; resolves with the answer. */
export function signUp(cloud: LocalCloud, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return callApi(cloud, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The onboarding state machine of the real assemblies. */
export function onboardingMachineArn(cloud: LocalCloud): string {
  const machine = cloud.model.stateMachines.find((sm) => sm.app === 'orchestration');
  if (!machine) throw new Error('the orchestration state machine is not in the model');
  return machine.arn;
}

/** Every execution of the onboarding state machine. */
export async function executions(cloud: LocalCloud): Promise<{ executionArn: string; name: string }[]> {
  const page = await cloud.stepfunctions.listExecutions({ stateMachineArn: onboardingMachineArn(cloud), maxResults: 1000 });
  return page.executions;
}

/** Waits for the execution of a signup to exist and to end. */
export async function finishedExecutionOf(cloud: LocalCloud, signupId: string): Promise<ExecutionDescription> {
  const arn = await eventually(async () => (await executions(cloud)).find((e) => e.name.includes(signupId))?.executionArn, `the execution of ${signupId}`);
  return cloud.stepfunctions.waitForExecution(arn);
}

/** The signupId of an accepted signup (fails the test otherwise). */
export function signupIdOf(answer: ApiAnswer): string {
  const id = (answer.json as { signupId?: unknown } | undefined)?.signupId;
  if (answer.status !== 202 || typeof id !== 'string') throw new Error(`the signup was not accepted: ${answer.status} ${answer.text}`);
  return id;
}
