/**
 * Step Functions' predefined error names and how a Retrier's or Catcher's `ErrorEquals` matches
 * them (developer guide, "Handling errors in Step Functions workflows").
 */

/** The predefined error names the engine raises or matches. */
export const StatesErrors = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  NoChoiceMatched: 'States.NoChoiceMatched',
  QueryEvaluationError: 'States.QueryEvaluationError',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  IntrinsicFailure: 'States.IntrinsicFailure',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Permissions: 'States.Permissions',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
} as const;

/** Errors that no Retrier or Catcher handles, not even `States.ALL`: they always fail the execution. */
const TERMINAL = new Set<string>([StatesErrors.Runtime, StatesErrors.DataLimitExceeded]);

/** Where an error came from, for the wildcards that depend on it. */
export interface ErrorOrigin {
  /** The error was raised by a branch of a Parallel state or an iteration of a Map state. */
  fromBranch?: boolean;
}

/**
 * Whether one `ErrorEquals` entry matches an error.
 * - `States.ALL` matches every error except the terminal ones (`States.Runtime`, `States.DataLimitExceeded`).
 * - `States.TaskFailed` matches every error except `States.Timeout` (and the terminal ones).
 * - `States.Timeout` also matches `States.HeartbeatTimeout`: AWS documents it as "ran longer than
 *   TimeoutSeconds, or failed to heartbeat for longer than HeartbeatSeconds".
 * - `States.BranchFailed` matches any error a Parallel branch or Map iteration failed with.
 */
export function errorNameMatches(pattern: string, error: string, origin: ErrorOrigin = {}): boolean {
  if (TERMINAL.has(error)) return false;
  if (pattern === error) return true;
  switch (pattern) {
    case StatesErrors.ALL:
      return true;
    case StatesErrors.TaskFailed:
      return error !== StatesErrors.Timeout && error !== StatesErrors.HeartbeatTimeout;
    case StatesErrors.Timeout:
      return error === StatesErrors.HeartbeatTimeout;
    case StatesErrors.BranchFailed:
      return origin.fromBranch === true;
    default:
      return false;
  }
}

/** Whether any entry of an `ErrorEquals` list matches. */
export function errorEqualsMatches(errorEquals: readonly string[], error: string, origin?: ErrorOrigin): boolean {
  for (const pattern of errorEquals) if (errorNameMatches(pattern, error, origin)) return true;
  return false;
}
