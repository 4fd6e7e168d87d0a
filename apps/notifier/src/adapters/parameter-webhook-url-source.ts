/**
 * The {@link WebhookUrlSource} port implemented with Powertools Parameters: a Secrets Manager secret
 * (the default the stack creates) or an SSM SecureString parameter (decrypted), cached in memory so
 * a warm function does not call the store for every signup.
 */
import { GetParameterError } from '@aws-lambda-powertools/parameters';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { httpStatusOf, isNetworkFailure, isTransientAwsError } from '@onboarding/aws-runtime';
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

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
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

  if (MISSING_VALUE.has(name)) return undefined;
  if (isNetworkFailure(cause)) {
    const reason = typeof shape.code === 'string' ? shape.code : name;
    throw new WebhookUnavailableError(`The webhook URL store could not be reached (${reason})`, undefined, { cause });
  }
  if (isTransientAwsError(cause)) {
    throw new WebhookUnavailableError(`The webhook URL store cannot answer now (${name})`, undefined, { cause });
  }
  // Any other answer of the store (access denied, a key it cannot use, ...) needs the operator.
  if (httpStatusOf(cause) !== undefined || shape.$fault === 'client') {
    throw new WebhookNotConfiguredError(`The webhook URL cannot be read from its store (${name})`, { cause });
  }
  throw error;
}
