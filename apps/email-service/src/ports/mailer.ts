/** The port through which the domain sends email; `adapters/ses-mailer.ts` implements it with SES v2. */

/** One email to one recipient. */
export interface OutgoingEmail {
  /** The recipient's address. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Identifies the signup the email belongs to, so a delivered (or bounced) email can be traced back. */
  readonly trace: { readonly signupId: string; readonly tenantId: string };
}

/** Sends email. */
export interface Mailer {
  /**
   * Sends one email and resolves with the provider's message id.
   * @throws MailerUnavailableError when the provider cannot take the message now (retryable)
   * @throws EmailRejectedError when the provider refuses this message for good
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
