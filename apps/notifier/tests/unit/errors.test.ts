import { NotifyTeamV1 } from '@onboarding/contract-notify-team-v1';
import { WebhookNotConfiguredError, WebhookRejectedError, WebhookUnavailableError } from '../../src/domain/errors';

describe('notifier errors', () => {
  it('names WebhookUnavailableError explicitly, as a retryable error of NotifyTeam', () => {
    const error = new WebhookUnavailableError('The webhook answered 503', 503);

    expect(error.name).toBe('WebhookUnavailableError');
    expect(NotifyTeamV1.errors.retryable).toContain(error.name);
  });

  it('names WebhookRejectedError explicitly, as a permanent error of NotifyTeam', () => {
    const error = new WebhookRejectedError('The webhook refused the message with 404', 404);

    expect(error.name).toBe('WebhookRejectedError');
    expect(NotifyTeamV1.errors.permanent).toContain(error.name);
  });

  it('names WebhookNotConfiguredError explicitly, as a permanent error of NotifyTeam', () => {
    const error = new WebhookNotConfiguredError('The webhook URL secret has no value');

    expect(error.name).toBe('WebhookNotConfiguredError');
    expect(NotifyTeamV1.errors.permanent).toContain(error.name);
  });

  it('keeps the cause and the Retry-After it is given', () => {
    const cause = new Error('connect ECONNREFUSED');

    const error = new WebhookUnavailableError('unreachable', 429, { cause, retryAfterSeconds: 30 });

    expect(error.cause).toBe(cause);
    expect(error.retryAfterSeconds).toBe(30);
  });
});
