/**
 * The environment of a Lambda sandbox for handler tests, set in a jest `setupFiles` module before
 * any test imports a handler: handlers read their configuration when their module loads, as at a
 * cold start, so the variables must be in place first.
 */

/**
 * Variables Lambda sets itself; a function's configuration cannot set them (CloudFormation refuses
 * them), so a test that sets one is not testing what deploys.
 */
const RESERVED = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
]);

/** Lambda's rule for a variable name. */
const VARIABLE_NAME = /^[a-zA-Z]\w*$/;

/** Options of {@link setLambdaEnvironment}. */
export interface LambdaEnvironmentOptions {
  /** Sets `AWS_LAMBDA_FUNCTION_NAME`, as the runtime does. @default not set */
  readonly functionName?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** The environment to write to. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Sets what the runtime gives every function (a region, and credentials that let the SDK sign a
 * request but would never be accepted by AWS, so it never looks for real ones) and then the
 * function's own variables, as its stack configures them. Checks everything before it sets
 * anything: a reserved or malformed name throws and leaves the environment as it was.
 */
export function setLambdaEnvironment(variables: Readonly<Record<string, string>>, options: LambdaEnvironmentOptions = {}): void {
  const problems = Object.keys(variables).flatMap((name) => {
    if (RESERVED.has(name)) return [`${name} is set by the Lambda runtime, not by a function's configuration`];
    if (!VARIABLE_NAME.test(name)) return [`${JSON.stringify(name)} is not a valid Lambda environment variable name`];
    return [];
  });
  if (problems.length > 0) throw new Error(`Cannot set the Lambda environment: ${problems.join('; ')}`);
  const env = options.env ?? process.env;
  const runtime: Record<string, string> = {
    AWS_REGION: options.region ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...(options.functionName ? { AWS_LAMBDA_FUNCTION_NAME: options.functionName } : {}),
  };
  Object.assign(env, runtime, variables);
}
