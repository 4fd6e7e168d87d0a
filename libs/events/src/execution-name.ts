/**
 * The execution name the orchestration's state machine passes along with every step payload
 * (`executionName`, from `$$.Execution.Name`), so a team's function can log it next to `signupId`
 * and an operator can go from an execution to every log line it caused. It is not part of any
 * step's input contract: a payload without it is handled the same.
 */

/**
 * What an execution name of ours looks like: 1 to 80 letters, digits, `_`, `-`, `.` or `:`. Step
 * Functions allows more; this is the narrower set our names use (`signup-<uuid>`), and nothing
 * outside it is written into a log line.
 */
const EXECUTION_NAME = /^[\w.:-]{1,80}$/;

/**
 * The execution name a step payload carries, for logging; undefined when it carries none, or a
 * value that is not an execution name (which is then left out of the logs rather than written
 * into them). Never throws: the payload has not been validated yet when a handler calls it, so a
 * refused payload is logged with its execution too.
 */
export function executionNameOf(payload: unknown): string | undefined {
  const value = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)['executionName'] : undefined;
  return typeof value === 'string' && EXECUTION_NAME.test(value) ? value : undefined;
}
