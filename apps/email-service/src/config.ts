/**
 * The one place the email service reads its environment. A missing or malformed variable fails the
 * cold start with its name, instead of failing the first email with a vague SES error.
 */
import { EmailAddress } from '@onboarding/events';

/** The email service's configuration. */
export interface EmailServiceConfig {
  /** The verified address welcome emails are sent from (`SENDER_ADDRESS`). */
  readonly senderAddress: string;
  /** The SES configuration set to send through (`CONFIGURATION_SET_NAME`, optional). */
  readonly configurationSetName?: string;
  /** The Powertools idempotency table (`IDEMPOTENCY_TABLE_NAME`). */
  readonly idempotencyTableName: string;
}

/** The error a missing or malformed variable raises at start-up. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    message: string,
    /** The environment variable at fault. */
    readonly variable: string,
  ) {
    super(message);
  }
}

function required(env: NodeJS.ProcessEnv, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new ConfigurationError(`Environment variable ${variable} is required`, variable);
  return value;
}

/** Reads and checks the configuration. @throws ConfigurationError naming the variable at fault */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EmailServiceConfig {
  const sender = required(env, 'SENDER_ADDRESS');
  const parsedSender = EmailAddress.safeParse(sender);
  if (!parsedSender.success) {
    throw new ConfigurationError('Environment variable SENDER_ADDRESS must be an email address', 'SENDER_ADDRESS');
  }
  const configurationSetName = env['CONFIGURATION_SET_NAME']?.trim();
  return {
    senderAddress: parsedSender.data,
    idempotencyTableName: required(env, 'IDEMPOTENCY_TABLE_NAME'),
    ...(configurationSetName ? { configurationSetName } : {}),
  };
}
