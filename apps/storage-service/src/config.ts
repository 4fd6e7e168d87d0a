/**
 * The one reader of `process.env` in the storage service. Every handler loads its configuration
 * at cold start, so a function deployed without a variable fails on its first invocation with the
 * variable's name.
 */
import { booleanVariable, requiredVariable, type Environment } from '@onboarding/aws-runtime';

/** What the storage service's functions need from their environment. */
export interface StorageServiceConfig {
  /** The bucket that holds every tenant's user prefixes. */
  readonly bucketName: string;
  /** The Powertools idempotency table (partition key `id`, TTL attribute `expiration`). */
  readonly idempotencyTableName: string;
  /**
   * Address the bucket in the URL path (`http://host/bucket/key`) instead of the host name
   * (`http://bucket.host/key`). AWS wants the host name form; S3-compatible local endpoints such
   * as the local cloud's listen on `127.0.0.1:<port>`, where `bucket.127.0.0.1` does not resolve,
   * so they need the path form. Optional: `S3_FORCE_PATH_STYLE=true`, default false.
   */
  readonly s3ForcePathStyle: boolean;
}

/** Reads and checks the configuration; throws a `ConfigurationError` naming the variable. */
export function loadConfig(env: Environment = process.env): StorageServiceConfig {
  return {
    bucketName: requiredVariable(env, 'BUCKET_NAME'),
    idempotencyTableName: requiredVariable(env, 'IDEMPOTENCY_TABLE_NAME'),
    // A typo such as "ture" fails the cold start rather than silently meaning false: the failure
    // would otherwise show much later, as DNS errors.
    s3ForcePathStyle: booleanVariable(env, 'S3_FORCE_PATH_STYLE'),
  };
}
