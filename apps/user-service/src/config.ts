/**
 * The one reader of `process.env` in the user service. Every handler loads its configuration at
 * cold start, so a function deployed without a variable fails on its first invocation with the
 * variable's name instead of failing later with an unrelated SDK error.
 */
import { requiredVariable, type Environment } from '@onboarding/aws-runtime';

/** What the user service's functions need from their environment. */
export interface UserServiceConfig {
  /** The users table (partition key `pk`, sort key `sk`). */
  readonly usersTableName: string;
  /** The Powertools idempotency table (partition key `id`, TTL attribute `expiration`). */
  readonly idempotencyTableName: string;
}

/** Reads and checks the configuration; throws a `ConfigurationError` naming the variable. */
export function loadConfig(env: Environment = process.env): UserServiceConfig {
  return {
    usersTableName: requiredVariable(env, 'USERS_TABLE_NAME'),
    idempotencyTableName: requiredVariable(env, 'IDEMPOTENCY_TABLE_NAME'),
  };
}
