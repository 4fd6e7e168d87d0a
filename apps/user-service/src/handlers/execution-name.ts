/**
 * The execution name the state machine passes along with a step payload (`$$.Execution.Name`), for
 * the log lines only. It is not part of the step's input contract: a payload without it is handled
 * the same, and a value that is not an execution name (Step Functions allows 1-80 letters, digits,
 * `-`, `_`, `.` and `:` in ours) is left out rather than written into the logs.
 */
const EXECUTION_NAME = /^[\w.:-]{1,80}$/;

/** The execution name carried by a step event, or undefined when it has none (or a malformed one). */
export function executionNameOf(event: unknown): string | undefined {
  const value = typeof event === 'object' && event !== null ? (event as Record<string, unknown>)['executionName'] : undefined;
  return typeof value === 'string' && EXECUTION_NAME.test(value) ? value : undefined;
}
