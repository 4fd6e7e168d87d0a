/**
 * Makes the submit use case idempotent per `Idempotency-Key` with Powertools: the first request
 * with a key publishes and records `{ signupId }`; a retry with the same key and the same (parsed)
 * body gets the recorded answer and publishes nothing; the same key with another body is refused.
 * Keys are scoped by tenant, so two tenants' clients cannot collide on a key.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyUnknownError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { IdempotencyKeyReusedError, IdempotencyStoreUnavailableError, SignupInProgressError } from '../domain/errors';
import type { SignupRequest } from '../domain/signup-request';
import type { SignupAccepted, SubmitSignup } from '../domain/submit-signup';

/** How long a key is remembered: a day covers any sensible client retry policy. */
export const IDEMPOTENCY_KEY_LIFETIME_SECONDS = 24 * 60 * 60;

/** The record key stays stable across deployments (the default prefix is the function name, which may change). */
const KEY_PREFIX = 'signup-api.submitSignup';

/** Options of {@link makeIdempotentSubmission}. */
export interface IdempotentSubmissionOptions {
  /** Where records are kept; a DynamoDBPersistenceLayer in production. */
  persistenceStore: BasePersistenceLayer;
  /** @default IDEMPOTENCY_KEY_LIFETIME_SECONDS */
  expiresAfterSeconds?: number;
}

/** The outcome of an idempotent submission. */
export interface IdempotentOutcome {
  accepted: SignupAccepted;
  /** True when this request published the signup; false when it replayed an earlier answer. */
  publishedNow: boolean;
  /** False when the signup was published but its record could not be saved (a retry could publish again). */
  recorded: boolean;
}

/** Submits a signup under an idempotency key. */
export type SubmitIdempotently = (idempotencyKey: string, request: SignupRequest, context: Context) => Promise<IdempotentOutcome>;

/** What is hashed: the key and tenant make the record key, the parsed request is the validated payload. */
interface KeyedSubmission {
  idempotencyKey: string;
  tenantId: string;
  request: SignupRequest;
}

/** Filled by the wrapped call, so the caller learns whether this request published. */
interface Receipt {
  accepted?: SignupAccepted;
}

/** Wraps a submit use case in Powertools idempotency. */
export function makeIdempotentSubmission(submit: SubmitSignup, options: IdempotentSubmissionOptions): SubmitIdempotently {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[tenantId, idempotencyKey]',
    payloadValidationJmesPath: 'request',
    throwOnNoIdempotencyKey: true,
    hashFunction: 'sha256',
    expiresAfterSeconds: options.expiresAfterSeconds ?? IDEMPOTENCY_KEY_LIFETIME_SECONDS,
  });
  const submitOnce = makeIdempotent(
    async (submission: KeyedSubmission, receipt: Receipt): Promise<SignupAccepted> => {
      receipt.accepted = await submit(submission.request);
      return receipt.accepted;
    },
    { persistenceStore: options.persistenceStore, config, keyPrefix: KEY_PREFIX, dataIndexArgument: 0 },
  );

  return async (idempotencyKey, request, context) => {
    // The in-progress record then expires with this invocation, so a retry after a crash is not
    // refused for the whole lifetime of the key.
    config.registerLambdaContext(context);
    const receipt: Receipt = {};
    try {
      const accepted = await submitOnce({ idempotencyKey, tenantId: request.tenantId, request }, receipt);
      return { accepted, publishedNow: receipt.accepted !== undefined, recorded: true };
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new IdempotencyKeyReusedError('This Idempotency-Key was already used with a different request body', { cause: error });
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new SignupInProgressError('A request with this Idempotency-Key is still being processed; retry shortly', { cause: error });
      }
      // Published but not recorded: the signup is real, so say so rather than invite a retry that
      // would look like a failure to the client.
      if (error instanceof IdempotencyPersistenceLayerError && receipt.accepted) {
        return { accepted: receipt.accepted, publishedNow: true, recorded: false };
      }
      if (error instanceof IdempotencyUnknownError) {
        throw new IdempotencyStoreUnavailableError('The signup could not be processed right now; retry with the same Idempotency-Key', { cause: error });
      }
      throw error;
    }
  };
}
