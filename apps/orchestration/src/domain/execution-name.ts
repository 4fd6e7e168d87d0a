/**
 * The name of the onboarding execution of a signup. Standard workflows refuse a second execution
 * with a name already used (for 90 days), so deriving the name from `signupId` turns a duplicate
 * delivery of the same UserSignup event into a refused start instead of a second onboarding, and
 * lets anyone find the execution of a signup from its id.
 */
import { InvalidExecutionNameError } from './errors';

/** Every onboarding execution name starts with this prefix, followed by the signupId. */
export const EXECUTION_NAME_PREFIX = 'signup-';

/** Step Functions accepts execution names of 1 to 80 characters. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

// Characters Step Functions refuses in a name: white space, brackets, wildcards and the listed
// punctuation. Control characters are checked separately, below.
const FORBIDDEN_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
// Step Functions accepts other Unicode letters, but CloudWatch logs and metrics of an execution
// only work with ASCII names, so we keep to ASCII.
const NON_ASCII = /[\u{80}-\u{10ffff}]/u;

/**
 * Lists what is wrong with an execution name (empty when the name is valid). The messages name
 * the rule, never echo the name: it is derived from ids, but the caller decides what to log.
 */
export function executionNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('must not be empty');
  if (name.length > MAX_EXECUTION_NAME_LENGTH) problems.push(`must be at most ${MAX_EXECUTION_NAME_LENGTH} characters (has ${name.length})`);
  if (FORBIDDEN_CHARACTERS.test(name)) problems.push('must not contain white space, brackets, wildcards or any of " # % \\ ^ | ~ ` $ & , ; : /');
  if (CONTROL_CHARACTERS.test(name)) problems.push('must not contain control characters');
  else if (NON_ASCII.test(name)) problems.push('must contain ASCII characters only');
  return problems;
}

/** True when Step Functions (and its logs and metrics) accept the name. */
export function isValidExecutionName(name: string): boolean {
  return executionNameProblems(name).length === 0;
}

/**
 * The execution name of a signup: `signup-<signupId>`.
 * @throws InvalidExecutionNameError when the signupId cannot make a valid name
 */
export function executionNameFor(signupId: string): string {
  const name = `${EXECUTION_NAME_PREFIX}${signupId}`;
  const problems = executionNameProblems(name);
  if (signupId.length === 0) problems.unshift('signupId must not be empty');
  if (problems.length > 0) throw new InvalidExecutionNameError(`No valid execution name for this signupId: the name ${problems.join('; ')}`, problems);
  return name;
}

/** The signupId an onboarding execution name was derived from; undefined for any other name. */
export function signupIdOfExecutionName(name: string): string | undefined {
  if (!name.startsWith(EXECUTION_NAME_PREFIX)) return undefined;
  const signupId = name.slice(EXECUTION_NAME_PREFIX.length);
  return signupId.length > 0 && isValidExecutionName(name) ? signupId : undefined;
}
