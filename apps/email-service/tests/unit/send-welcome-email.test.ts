import { exampleSendWelcomeEmailInputV1 } from '@onboarding/contract-send-welcome-email-v1/testing';
import { EmailRejectedError } from '../../src/domain/errors';
import { sendWelcomeEmail } from '../../src/domain/send-welcome-email';
import type { Mailer, OutgoingEmail } from '../../src/ports/mailer';

/** A mailer that records what it is asked to send and answers with a fixed message id. */
class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    this.sent.push(email);
    return { messageId: `message-${this.sent.length}` };
  }
}

const input = exampleSendWelcomeEmailInputV1();

describe('sendWelcomeEmail', () => {
  it('sends the rendered welcome email to the user and returns the message id with the signup', async () => {
    const mailer = new RecordingMailer();

    const output = await sendWelcomeEmail(input, { mailer });

    expect(output).toEqual({ signupId: input.signupId, tenantId: input.tenantId, messageId: 'message-1' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: input.email, trace: { signupId: input.signupId, tenantId: input.tenantId } });
    expect(mailer.sent[0]?.html).toContain(input.name);
  });

  it('lets a mailer error through unchanged, so its name reaches the state machine', async () => {
    const refusal = new EmailRejectedError('SES refused the welcome email (MessageRejected)', 'MessageRejected');
    const mailer: Mailer = { send: () => Promise.reject(refusal) };

    await expect(sendWelcomeEmail(input, { mailer })).rejects.toBe(refusal);
  });

  it('sends the email in the language of the payload', async () => {
    const mailer = new RecordingMailer();

    await sendWelcomeEmail(exampleSendWelcomeEmailInputV1({ name: 'Lise Meitner', locale: 'de-AT' }), { mailer });

    expect(mailer.sent[0]?.subject).toBe('Willkommen an Bord, Lise Meitner!');
  });
});
