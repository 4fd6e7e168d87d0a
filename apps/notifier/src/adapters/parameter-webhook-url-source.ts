/**
 * The {@link WebhookUrlSource} port implemented with Powertools Parameters: a Secrets Manager secret
 * (the default the stack creates) or an SSM SecureString parameter (decrypted), cached in memory so
 * a warm function does not call the store for every signup.
 */
import { GetParameterError } from '@aws-lambda-powertools/parameters';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { WebhookUrlReference } from '../config';
import { WebhookNotConfiguredError, WebhookUnavailableError } from '../domain/errors';
import type { WebhookUrlSource } from '../ports/webhook-url-source';

/** Options of {@link ParameterWebhookUrlSource}. */
export interface ParameterWebhookUrlSourceOptions {
  /** Where the URL is stored. */
  readonly reference: WebhookUrlReference;
  /** How long a value read from the store is reused, in seconds. */
  readonly maxAgeSeconds: number;
  /** The provider for a `secretsmanager:` reference. @default a provider with its own client */
  readonly secrets?: SecretsProvider;
  /** The provider for an `ssm:` reference. @default a provider with its own client */
  readonly ssm?: SSMProvider;
}

/** Store answers that mean "there is no value (yet)": the operator has not set it. */
const MISSING_VALUE = new Set(['ResourceNotFoundException', 'ParameterNotFound', 'ParameterVersionNotFound']);

/** Store answers that mean "not now". */
const RETRYABLE = new Set(['ThrottlingException', 'TooManyRequestsException', 'InternalServiceError', 'InternalServerError', 'InternalFailure', 'ServiceUnavailable']);

/** Failures that never reached the store. */
const NETWORK_FAILURES = new Set(['TimeoutError', 'AbortError', 'NetworkingError', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Reads the webhook URL from Secrets Manager or SSM Parameter Store. */
export class ParameterWebhookUrlSource implements WebhookUrlSource {
  private readonly fetchValue: (fresh: boolean) => Promise<unknown>;

  constructor(options: ParameterWebhookUrlSourceOptions) {
    const maxAge = options.maxAgeSeconds;
    const reference = options.reference;
    if (reference.store === 'secretsmanager') {
      const secrets = options.secrets ?? new SecretsProvider();
      this.fetchValue = (fresh) => secrets.get(reference.secretId, { maxAge, forceFetch: fresh });
    } else {
      const ssm = options.ssm ?? new SSMProvider();
      this.fetchValue = (fresh) => ssm.get(reference.parameterName, { decrypt: true, maxAge, forceFetch: fresh });
    }
  }

  async read(options: { fresh?: boolean } = {}): Promise<string | undefined> {
    let value: unknown;
    try {
      value = await this.fetchValue(options.fresh ?? false);
    } catch (error) {
      return mapStoreError(error);
    }
    if (value instanceof Uint8Array) return new TextDecoder().decode(value);
    return typeof value === 'string' ? value : undefined;
  }
}

/** No value for a missing secret, a domain error for a refusal or an outage, the error itself otherwise. */
function mapStoreError(error: unknown): undefined {
  const cause: unknown = error instanceof GetParameterError && error.cause ? error.cause : error;
  if (typeof cause !== 'object' || cause === null) throw error;
  const shape = cause as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;

  if (MISSING_VALUE.has(name)) return undefined;
  if (RETRYABLE.has(name) || status === 429 || (status !== undefined && status >= 500) || shape.$fault === 'server') {
    throw new WebhookUnavailableError(`The webhook URL store cannot answer now (${name})`, undefined, { cause });
  }
  if (status !== undefined || shape.$fault === 'client') {
    throw new WebhookNotConfiguredError(`The webhook URL cannot be read from its store (${name})`, { cause });
  }
  if (NETWORK_FAILURES.has(name) || (code !== undefined && NETWORK_FAILURES.has(code))) {
    throw new WebhookUnavailableError(`The webhook URL store could not be reached (${code ?? name})`, undefined, { cause });
  }
  throw error;
}
