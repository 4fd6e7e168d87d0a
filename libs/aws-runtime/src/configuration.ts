/**
 * Reading a function's configuration from its environment, so that each service's `config.ts` (the
 * one place it reads `process.env`) states what it needs and not how to check it. A missing or
 * malformed variable fails the cold start with the variable's name, instead of failing the first
 * invocation later with something vague. Values are never echoed: a variable set by mistake to a
 * secret must not end up in a log line.
 */

/** The environment to read: `process.env`, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A variable of the function's configuration is missing or malformed. Thrown at cold start. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** The value of a variable that must be set, trimmed. @throws ConfigurationError when it is missing or blank */
export function requiredVariable(env: Environment, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new ConfigurationError(variable, `Environment variable ${variable} is not set`);
  return value;
}

/** The value of an optional variable, trimmed; undefined when it is missing or blank. */
export function optionalVariable(env: Environment, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

/** A whole number from 1, or `fallback` when the variable is missing or blank. @throws ConfigurationError for anything else */
export function positiveIntegerVariable(env: Environment, variable: string, fallback: number): number {
  const raw = optionalVariable(env, variable);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigurationError(variable, `Environment variable ${variable} must be a positive integer`);
  return value;
}

/**
 * `true` or `false` (any case); false when the variable is missing or blank. Anything else throws:
 * a typo such as "ture" must not silently mean false. @throws ConfigurationError
 */
export function booleanVariable(env: Environment, variable: string): boolean {
  const value = optionalVariable(env, variable)?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigurationError(variable, `Environment variable ${variable} must be "true" or "false"`);
}
