/** The SendWelcomeEmail use case: render the welcome email for a new user and hand it to the mailer. */
import type { SendWelcomeEmailInputV1, SendWelcomeEmailOutputV1 } from '@onboarding/contract-send-welcome-email-v1';
import type { Mailer } from '../ports/mailer';
import { renderWelcomeEmail } from './welcome-email';

/** What the use case needs from the outside world. */
export interface SendWelcomeEmailDependencies {
  readonly mailer: Mailer;
}

/**
 * Sends the welcome email of one signup. Not idempotent by itself: the handler wraps it so that a
 * retried step returns the first result instead of sending again.
 */
export async function sendWelcomeEmail(input: SendWelcomeEmailInputV1, { mailer }: SendWelcomeEmailDependencies): Promise<SendWelcomeEmailOutputV1> {
  const content = renderWelcomeEmail({ name: input.name, locale: input.locale });
  const { messageId } = await mailer.send({
    to: input.email,
    ...content,
    trace: { signupId: input.signupId, tenantId: input.tenantId },
  });
  return { signupId: input.signupId, tenantId: input.tenantId, messageId };
}
