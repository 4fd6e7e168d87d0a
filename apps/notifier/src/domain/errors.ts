/**
 * Errors of the notifier. Their `name`s are part of the NotifyTeam step contract
 * (its contract, `@onboarding/contract-notify-team-v1`): the state machine retries or catches them by
 * name, so each is a string literal that survives minification. No message ever contains the
 * webhook URL: it is a credential.
 */

/** Base class of every error the notifier throws on purpose. */
export class NotifierError extends Error {
  override readonly name: string = 'NotifierError';
}

/**
 * There is no usable webhook URL: the secret is missing, unreadable, still the placeholder the
 * stack created, or not an https URL. An operator has to set it; retrying does not help.
 */
export class WebhookNotConfiguredError extends NotifierError {
  override readonly name = 'WebhookNotConfiguredError';
}

/** The webhook could not take the message now (429, 5xx, time-out, network). Retrying may succeed. */
export class WebhookUnavailableError extends NotifierError {
  override readonly name = 'WebhookUnavailableError';
  /** The webhook's `Retry-After`, in seconds, when it sent one. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    message: string,
    /** The HTTP status, when the webhook answered. */
    readonly status?: number,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** The webhook refused the message for good (a 4xx other than 429, or an unexpected redirect). */
export class WebhookRejectedError extends NotifierError {
  override readonly name = 'WebhookRejectedError';
  constructor(
    message: string,
    /** The HTTP status the webhook answered with. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
