/** Use case: start the onboarding of one accepted signup, at most once per signupId. */
import type { AcceptedSignup } from '../signup-versions';
import type { WorkflowStarter } from '../ports/workflow-starter';
import { executionNameFor } from './execution-name';

/** Dependencies of {@link startOnboarding}. */
export interface StartOnboardingDeps {
  workflow: WorkflowStarter;
}

/** What happened to the signup. */
export interface StartOnboardingResult {
  executionName: string;
  /** `already-started` means this delivery was a duplicate; it is a success, not an error. */
  outcome: 'started' | 'already-started';
  executionArn?: string;
}

/**
 * Starts the execution named after the signup with the signup as its input. A second start for the
 * same signup resolves `already-started`, so at-least-once delivery never onboards a user twice.
 */
export async function startOnboarding(signup: AcceptedSignup, deps: StartOnboardingDeps): Promise<StartOnboardingResult> {
  const executionName = executionNameFor(signup.signupId);
  const started = await deps.workflow.start({ name: executionName, input: signup });
  return started.outcome === 'started'
    ? { executionName, outcome: 'started', executionArn: started.executionArn }
    : { executionName, outcome: 'already-started' };
}
