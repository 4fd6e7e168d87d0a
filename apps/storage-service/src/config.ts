/**
 * The one reader of `process.env` in the storage service. Every handler loads its configuration
 * at cold start, so a function deployed without a variable fails on its first invocation with the
 * variable's name.
 */

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

/** Thrown at start-up when a variable is missing, empty or malformed. */
export class InvalidConfigurationError extends Error {
  override readonly name = 'InvalidConfigurationError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

function required(env: Record<string, string | undefined>, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new InvalidConfigurationError(variable, `Environment variable ${variable} is required but not set`);
  return value;
}

function optionalFlag(env: Record<string, string | undefined>, variable: string): boolean {
  const value = env[variable]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  // A typo such as "ture" must not silently mean false: the failure would show much later as DNS errors.
  throw new InvalidConfigurationError(variable, `Environment variable ${variable} must be "true" or "false"`);
}

/** Reads and checks the configuration; throws {@link InvalidConfigurationError} naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): StorageServiceConfig {
  return {
    bucketName: required(env, 'BUCKET_NAME'),
    idempotencyTableName: required(env, 'IDEMPOTENCY_TABLE_NAME'),
    s3ForcePathStyle: optionalFlag(env, 'S3_FORCE_PATH_STYLE'),
  };
}
