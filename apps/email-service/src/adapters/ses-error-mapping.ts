/**
 * Sorts what the SES v2 client throws into the two kinds the state machine acts on: worth a retry
 * (throttling, quotas, 5xx, network) or final (SES refused this message). Errors that are neither an
 * SES answer nor a network failure are programming errors and are left alone, so they surface as
 * themselves. Messages never quote SES's own text: it can contain the recipient's address.
 */
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { httpStatusOf, isNetworkFailure, isTransientAwsError } from '@onboarding/aws-runtime';
import { EmailRejectedError, MailerUnavailableError } from '../domain/errors';

/**
 * SES answers that mean "not now" in SES's own terms, beyond the throttling and server failures
 * every AWS service shares: a sending quota reached (HTTP 400, yet over once the quota resets).
 */
const SES_QUOTA_ERRORS = new Set(['LimitExceededException']);

/**
 * Maps an error thrown by `SESv2Client.send` to {@link MailerUnavailableError} or
 * {@link EmailRejectedError}; returns the error unchanged when it is neither an SES answer nor a
 * network failure.
 */
export function toMailerError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const shape = error as { name?: unknown; code?: unknown };
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = httpStatusOf(error);

  if (isNetworkFailure(error)) {
    const reason = typeof shape.code === 'string' ? shape.code : name;
    return new MailerUnavailableError(`SES could not be reached (${reason})`, reason, { cause: error });
  }
  if (isTransientAwsError(error) || SES_QUOTA_ERRORS.has(name)) {
    return new MailerUnavailableError(`SES cannot take the message now (${name}${status ? ` ${status}` : ''})`, name, { cause: error });
  }
  if (error instanceof SESv2ServiceException || (status !== undefined && status >= 400)) {
    return new EmailRejectedError(`SES refused the welcome email (${name})`, name, { cause: error });
  }
  return error;
}
