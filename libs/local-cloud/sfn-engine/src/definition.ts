/**
 * The Amazon States Language as plain JSON types. They are deliberately loose (every field is
 * optional and `unknown` where ASL allows several shapes): a definition is checked by
 * `validateDefinition`, not by the type system, so that bad input gets an error naming the state
 * and field instead of a compile error in someone's test.
 */

/** The two query languages. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** Every state type. */
export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** One state, as written. */
export interface StateDefinition {
  Type: StateType | string;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  [field: string]: unknown;
}

/** A set of states with a start: the machine itself, a Parallel branch or a Map's ItemProcessor. */
export interface StatesBlock {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  ProcessorConfig?: { Mode?: string; ExecutionType?: string };
}

/** A state machine definition. */
export interface StateMachineDefinition extends StatesBlock {
  Version?: string;
  TimeoutSeconds?: number;
}

/** A Retrier, as written. */
export interface RetrierDefinition {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/** A Catcher, as written. */
export interface CatcherDefinition {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}
