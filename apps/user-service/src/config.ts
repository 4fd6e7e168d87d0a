/**
 * The one reader of `process.env` in the user service. Every handler loads its configuration at
 * cold start, so a function deployed without a variable fails on its first invocation with the
 * variable's name instead of failing later with an unrelated SDK error.
 */

/** What the user service's functions need from their environment. */
export interface UserServiceConfig {
  /** The users table (partition key `pk`, sort key `sk`). */
  readonly usersTableName: string;
  /** The Powertools idempotency table (partition key `id`, TTL attribute `expiration`). */
  readonly idempotencyTableName: string;
}

/** Thrown at start-up when a required variable is missing or empty. */
export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfigurationError';
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is required but not set`);
  }
}

function required(env: Record<string, string | undefined>, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new MissingConfigurationError(variable);
  return value;
}

/** Reads and checks the configuration; throws {@link MissingConfigurationError} naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): UserServiceConfig {
  return {
    usersTableName: required(env, 'USERS_TABLE_NAME'),
    idempotencyTableName: required(env, 'IDEMPOTENCY_TABLE_NAME'),
  };
}
