/** What a welcome email template provides: the words of one language. The layout is welcome-email.ts's. */

/** The welcome email's words in one language. */
export interface WelcomeTemplate {
  /** The BCP 47 language subtag it is written in, also the HTML `lang` attribute. */
  readonly language: string;
  readonly subject: (name: string) => string;
  readonly title: string;
  readonly greeting: (name: string) => string;
  /** The paragraphs of the body, in order. */
  readonly paragraphs: readonly string[];
  /** Said last, for a person who did not sign up. */
  readonly notYou: string;
  readonly signature: string;
}
