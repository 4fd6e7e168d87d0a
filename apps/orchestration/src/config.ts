/** The one reader of process.env in this app. A missing or malformed variable fails the cold start with its name. */
import { ConfigurationError, requiredVariable, type Environment } from '@onboarding/aws-runtime';

/** Configuration of the StartOnboarding function. */
export interface StartOnboardingConfig {
  /** ARN of the onboarding state machine (set by the stack). */
  stateMachineArn: string;
}

const STATE_MACHINE_ARN = /^arn:[a-z-]+:states:[a-z0-9-]*:\d*:stateMachine:[^:\s]{1,80}$/;

/** Reads and checks the configuration. @throws ConfigurationError naming the variable that is missing or malformed */
export function loadConfig(env: Environment = process.env): StartOnboardingConfig {
  const stateMachineArn = requiredVariable(env, 'STATE_MACHINE_ARN');
  if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
    throw new ConfigurationError('STATE_MACHINE_ARN', 'Environment variable STATE_MACHINE_ARN is not a state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)');
  }
  return { stateMachineArn };
}
