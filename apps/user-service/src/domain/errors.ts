/**
 * Errors of the user service. The state machine (another team's code) retries or catches a step's
 * failure by the error's `name`, so every name here is a string literal listed by the step contracts
 * for CreateUser / DeleteUser: a minified bundle keeps no class names.
 */

/** Base class of the user service's errors. */
export class UserServiceError extends Error {
  override readonly name: string = 'UserServiceError';
}

/**
 * Another signup of the same tenant already holds this email address. Permanent: retrying cannot
 * succeed. The message names the tenant, never the address (step errors end up in execution
 * histories, which are not a place for personal data).
 */
export class DuplicateUserError extends UserServiceError {
  override readonly name = 'DuplicateUserError';
  constructor(readonly tenantId: string) {
    super(`A user with this email address already exists in tenant ${tenantId}`);
  }
}

/**
 * The users store could not do its part right now (throttling, a 5xx, a time-out, the network, or
 * a record changing under our feet). Retryable: every use case of this service is safe to re-run.
 */
export class UserStoreUnavailableError extends UserServiceError {
  override readonly name = 'UserStoreUnavailableError';
}
