/**
 * Errors of the storage service. The state machine (another team's code) retries or catches a
 * step's failure by the error's `name`, so the name a step may throw is a string literal listed in
 * the step contracts of CreateUserStorage / DeleteUserStorage: a minified bundle keeps no class names.
 */

/**
 * Base class of the storage service's errors. Thrown as such only for a failure that is neither
 * bad input nor transient (S3 refusing to delete a key for a reason other than load): a
 * misconfiguration that no retry fixes, which the state machine's catch-all handles.
 */
export class StorageServiceError extends Error {
  override readonly name: string = 'StorageServiceError';
}

/**
 * The bucket (or the idempotency table) could not do its part right now: SlowDown, a 5xx, a
 * time-out, the network. Retryable: both steps of this service are safe to re-run.
 */
export class StorageUnavailableError extends StorageServiceError {
  override readonly name = 'StorageUnavailableError';
}
