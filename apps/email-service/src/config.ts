/**
 * The one place the email service reads its environment. A missing or malformed variable fails the
 * cold start with its name, instead of failing the first email with a vague SES error.
 */
import { ConfigurationError, optionalVariable, requiredVariable, type Environment } from '@onboarding/aws-runtime';
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

/** Reads and checks the configuration. @throws ConfigurationError naming the variable at fault */
export function loadConfig(env: Environment = process.env): EmailServiceConfig {
  const parsedSender = EmailAddress.safeParse(requiredVariable(env, 'SENDER_ADDRESS'));
  if (!parsedSender.success) {
    throw new ConfigurationError('SENDER_ADDRESS', 'Environment variable SENDER_ADDRESS must be an email address');
  }
  const configurationSetName = optionalVariable(env, 'CONFIGURATION_SET_NAME');
  return {
    senderAddress: parsedSender.data,
    idempotencyTableName: requiredVariable(env, 'IDEMPOTENCY_TABLE_NAME'),
    ...(configurationSetName ? { configurationSetName } : {}),
  };
}
