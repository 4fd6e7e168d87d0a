import { SendWelcomeEmailV1 } from '@onboarding/contract-send-welcome-email-v1';
import { EmailRejectedError, MailerUnavailableError } from '../../src/domain/errors';

describe('email service errors', () => {
  it('names MailerUnavailableError explicitly, as a retryable error of SendWelcomeEmail', () => {
    const error = new MailerUnavailableError('SES cannot take the message now', 'TooManyRequestsException');

    expect(error.name).toBe('MailerUnavailableError');
    expect(SendWelcomeEmailV1.errors.retryable).toContain(error.name);
  });

  it('names EmailRejectedError explicitly, as a permanent error of SendWelcomeEmail', () => {
    const error = new EmailRejectedError('SES refused the welcome email', 'MessageRejected');

    expect(error.name).toBe('EmailRejectedError');
    expect(SendWelcomeEmailV1.errors.permanent).toContain(error.name);
  });

  it('keeps the cause it is given, for the logs of whoever debugs it', () => {
    const cause = new Error('socket hang up');

    expect(new MailerUnavailableError('unreachable', 'ECONNRESET', { cause }).cause).toBe(cause);
  });
});
