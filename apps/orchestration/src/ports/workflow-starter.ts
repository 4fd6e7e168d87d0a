/** The port through which the domain starts the onboarding workflow of a signup. */
import type { AcceptedSignup } from '../signup-versions';

/** What starting an execution came to. */
export type WorkflowStartOutcome =
  /** A new execution runs (or Step Functions answered idempotently for the same name and input). */
  | { outcome: 'started'; executionArn: string }
  /** An execution with this name exists already: this start was a duplicate delivery. */
  | { outcome: 'already-started' };

/** Starts named executions of the onboarding state machine. */
export interface WorkflowStarter {
  /**
   * Starts an execution called `name` with `input` as its input.
   * Resolves `already-started` when the name is taken; rejects on any other failure.
   */
  start(request: { name: string; input: AcceptedSignup }): Promise<WorkflowStartOutcome>;
}
