/**
 * The only reader of environment variables in signup-api. A missing variable fails the cold start
 * with its name, instead of failing the first request with something obscure.
 */
import { requiredVariable, type Environment } from '@onboarding/aws-runtime';

/** What the signup function needs from its environment. */
export interface SignupApiConfig {
  /** Name of the event bus UserSignup is published to (`EVENT_BUS_NAME`). */
  readonly eventBusName: string;
  /** Name of the DynamoDB table of idempotency records (`IDEMPOTENCY_TABLE_NAME`). */
  readonly idempotencyTableName: string;
}

/** Reads the configuration from an environment (the process's by default). @throws ConfigurationError naming a missing variable */
export function loadConfig(env: Environment = process.env): SignupApiConfig {
  return {
    eventBusName: requiredVariable(env, 'EVENT_BUS_NAME'),
    idempotencyTableName: requiredVariable(env, 'IDEMPOTENCY_TABLE_NAME'),
  };
}

/** The configuration of this cold start. */
export const config = loadConfig();
