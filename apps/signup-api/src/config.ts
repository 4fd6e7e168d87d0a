/**
 * The only reader of environment variables in signup-api. A missing variable fails the cold start
 * with its name, instead of failing the first request with something obscure.
 */

/** What the signup function needs from its environment. */
export interface SignupApiConfig {
  /** Name of the event bus UserSignup is published to (`EVENT_BUS_NAME`). */
  readonly eventBusName: string;
  /** Name of the DynamoDB table of idempotency records (`IDEMPOTENCY_TABLE_NAME`). */
  readonly idempotencyTableName: string;
}

/** A required variable is missing or empty. */
export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfigurationError';
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is required by signup-api but is not set`);
  }
}

function required(env: NodeJS.ProcessEnv, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new MissingConfigurationError(variable);
  return value;
}

/** Reads the configuration from an environment (the process's by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SignupApiConfig {
  return {
    eventBusName: required(env, 'EVENT_BUS_NAME'),
    idempotencyTableName: required(env, 'IDEMPOTENCY_TABLE_NAME'),
  };
}

/** The configuration of this cold start. */
export const config = loadConfig();
