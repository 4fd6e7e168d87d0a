/** Walks an ASL definition, Parallel branches and Map processors included, for tests. */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** The fields of a state the tests read; the definition is JSON, so every field is optional. */
export interface AnyState {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Parameters?: Record<string, unknown>;
  ResultPath?: string | null;
  ResultSelector?: Record<string, unknown>;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  Branches?: { StartAt: string; States: Record<string, AnyState> }[];
  ItemProcessor?: { StartAt: string; States: Record<string, AnyState> };
  Iterator?: { StartAt: string; States: Record<string, AnyState> };
}

/** Every state of the definition by name (names are unique across branches in Step Functions). */
export function allStates(definition: StateMachineDefinition | { States: Record<string, AnyState> }): Record<string, AnyState> {
  const found: Record<string, AnyState> = {};
  const visit = (states: Record<string, AnyState>) => {
    for (const [name, state] of Object.entries(states)) {
      if (found[name]) throw new Error(`State name ${name} is used twice`);
      found[name] = state;
      for (const branch of state.Branches ?? []) visit(branch.States);
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) visit(processor.States);
    }
  };
  visit(definition.States as unknown as Record<string, AnyState>);
  return found;
}
