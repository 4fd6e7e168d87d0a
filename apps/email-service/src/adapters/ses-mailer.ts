/** The {@link Mailer} port implemented with SES v2 `SendEmail` and Simple content. */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { MailerUnavailableError } from '../domain/errors';
import type { Mailer, OutgoingEmail } from '../ports/mailer';
import { toMailerError } from './ses-error-mapping';

/** The header every welcome email carries, so a message in anyone's mailbox leads back to its signup. */
export const SIGNUP_ID_HEADER = 'X-Onboarding-Signup-Id';
/** The header naming the tenant, for the same reason. */
export const TENANT_ID_HEADER = 'X-Onboarding-Tenant-Id';

/** Options of {@link SesMailer}. */
export interface SesMailerOptions {
  /** The SES v2 client, created once per cold start. */
  readonly client: SESv2Client;
  /** The verified sender address every email goes out from. */
  readonly fromAddress: string;
  /** The configuration set to send through (event publishing, suppression, reputation). @default none */
  readonly configurationSetName?: string;
}

/** Sends email with SES v2. */
export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const { signupId, tenantId } = email.trace;
    const command = new SendEmailCommand({
      FromEmailAddress: this.options.fromAddress,
      Destination: { ToAddresses: [email.to] },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.text, Charset: 'UTF-8' },
            Html: { Data: email.html, Charset: 'UTF-8' },
          },
          Headers: [
            { Name: SIGNUP_ID_HEADER, Value: signupId },
            { Name: TENANT_ID_HEADER, Value: tenantId },
          ],
        },
      },
      // Tags travel with SES's sending events (delivery, bounce, complaint) through the configuration set.
      EmailTags: [
        { Name: 'signupId', Value: signupId },
        { Name: 'tenantId', Value: tenantId },
      ],
      ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
    });
    let response;
    try {
      response = await this.options.client.send(command);
    } catch (error) {
      throw toMailerError(error);
    }
    if (!response.MessageId) {
      throw new MailerUnavailableError('SES answered without a MessageId', 'MissingMessageId');
    }
    return { messageId: response.MessageId };
  }
}
