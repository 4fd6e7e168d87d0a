/** The one reader of process.env in this app. A missing or malformed variable fails the cold start with its name. */

/** Configuration of the StartOnboarding function. */
export interface StartOnboardingConfig {
  /** ARN of the onboarding state machine (set by the stack). */
  stateMachineArn: string;
}

const STATE_MACHINE_ARN = /^arn:[a-z-]+:states:[a-z0-9-]*:\d*:stateMachine:[^:\s]{1,80}$/;

/** Reads and checks the configuration. @throws Error naming the variable that is missing or malformed */
export function loadConfig(env: Record<string, string | undefined> = process.env): StartOnboardingConfig {
  const stateMachineArn = env['STATE_MACHINE_ARN'];
  if (!stateMachineArn) throw new Error('STATE_MACHINE_ARN is not set: the ARN of the onboarding state machine is required');
  if (!STATE_MACHINE_ARN.test(stateMachineArn)) throw new Error('STATE_MACHINE_ARN is not a state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)');
  return { stateMachineArn };
}
