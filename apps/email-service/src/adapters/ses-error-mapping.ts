/**
 * Sorts what the SES v2 client throws into the two kinds the state machine acts on: worth a retry
 * (throttling, quotas, 5xx, network) or final (SES refused this message). Errors that are neither an
 * SES answer nor a network failure are programming errors and are left alone, so they surface as
 * themselves. Messages never quote SES's own text: it can contain the recipient's address.
 */
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { EmailRejectedError, MailerUnavailableError } from '../domain/errors';

/** SES error names that mean "not now": throttling and sending quotas. */
const RETRYABLE_SES_ERRORS = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'InternalServiceErrorException',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Names and `code`s Node.js and the SDK's HTTP handler give failures that never reached SES. */
const NETWORK_FAILURES = new Set([
  'TimeoutError',
  'AbortError',
  'NetworkingError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * Maps an error thrown by `SESv2Client.send` to {@link MailerUnavailableError} or
 * {@link EmailRejectedError}; returns the error unchanged when it is neither an SES answer nor a
 * network failure.
 */
export function toMailerError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const shape = error as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;

  if (RETRYABLE_SES_ERRORS.has(name) || status === 429 || (status !== undefined && status >= 500) || shape.$fault === 'server') {
    return new MailerUnavailableError(`SES cannot take the message now (${name}${status ? ` ${status}` : ''})`, name, { cause: error });
  }
  if (error instanceof SESv2ServiceException || (status !== undefined && status >= 400)) {
    return new EmailRejectedError(`SES refused the welcome email (${name})`, name, { cause: error });
  }
  if (status === undefined && (NETWORK_FAILURES.has(name) || (code !== undefined && NETWORK_FAILURES.has(code)))) {
    const reason = code ?? name;
    return new MailerUnavailableError(`SES could not be reached (${reason})`, reason, { cause: error });
  }
  return error;
}
