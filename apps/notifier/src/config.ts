/**
 * The one place the notifier reads its environment. `WEBHOOK_URL_SECRET` holds a reference to the
 * secret, never the URL: the URL is read from the store at run time. A missing or malformed
 * variable fails the cold start with its name.
 */
import { ConfigurationError, positiveIntegerVariable, requiredVariable, type Environment } from '@onboarding/aws-runtime';

/** Where the webhook URL is stored. */
export type WebhookUrlReference =
  | { readonly store: 'secretsmanager'; readonly secretId: string }
  | { readonly store: 'ssm'; readonly parameterName: string };

/** The notifier's configuration. */
export interface NotifierConfig {
  /** Where the webhook URL is (`WEBHOOK_URL_SECRET`: `secretsmanager:<arn or name>` or `ssm:<parameter name>`). */
  readonly webhookUrl: WebhookUrlReference;
  /** The Powertools idempotency table (`IDEMPOTENCY_TABLE_NAME`). */
  readonly idempotencyTableName: string;
  /** How long one webhook call may take (`WEBHOOK_TIMEOUT_MS`). @default 5000 */
  readonly webhookTimeoutMs: number;
  /** How long the URL is cached (`WEBHOOK_URL_CACHE_SECONDS`). @default 300 */
  readonly webhookUrlCacheSeconds: number;
}

/**
 * Parses a `WEBHOOK_URL_SECRET` value. Splits on the first colon only: a secret ARN has colons of its own.
 * @throws ConfigurationError when the value is not a reference (in particular, when it is a URL)
 */
export function parseWebhookUrlReference(value: string): WebhookUrlReference {
  const separator = value.indexOf(':');
  const store = separator > 0 ? value.slice(0, separator) : '';
  const id = separator > 0 ? value.slice(separator + 1).trim() : '';
  if (store === 'secretsmanager' && id) return { store, secretId: id };
  if (store === 'ssm' && id) return { store, parameterName: id };
  throw new ConfigurationError(
    'WEBHOOK_URL_SECRET',
    'Environment variable WEBHOOK_URL_SECRET must reference the secret as secretsmanager:<arn or name> or ssm:<parameter name>, never hold the URL',
  );
}

/** Reads and checks the configuration. @throws ConfigurationError naming the variable at fault */
export function loadConfig(env: Environment = process.env): NotifierConfig {
  return {
    webhookUrl: parseWebhookUrlReference(requiredVariable(env, 'WEBHOOK_URL_SECRET')),
    idempotencyTableName: requiredVariable(env, 'IDEMPOTENCY_TABLE_NAME'),
    webhookTimeoutMs: positiveIntegerVariable(env, 'WEBHOOK_TIMEOUT_MS', 5_000),
    webhookUrlCacheSeconds: positiveIntegerVariable(env, 'WEBHOOK_URL_CACHE_SECONDS', 300),
  };
}
