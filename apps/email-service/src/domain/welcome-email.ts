/**
 * The welcome email template. Pure: it turns the facts about a new user into a subject, a plain
 * text body and an HTML body. The name is user input, so it is escaped wherever it lands in HTML.
 */

/** What the template needs to know about the recipient. */
export interface WelcomeEmailFacts {
  /** The person's display name, as they typed it (already trimmed by the step contract). */
  readonly name: string;
}

/** A rendered email, ready for any mailer. */
export interface WelcomeEmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that can change the meaning of HTML text or attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/** Renders the welcome email that greets the user by name. */
export function renderWelcomeEmail(facts: WelcomeEmailFacts): WelcomeEmailContent {
  const name = facts.name;
  const safeName = escapeHtml(name);
  const subject = `Welcome aboard, ${name}!`;
  const text = [
    `Hello ${name},`,
    '',
    'Welcome aboard! Your account is ready and your storage has been set up.',
    'Sign in whenever you like to get started.',
    '',
    'If you did not sign up, you can ignore this email.',
    '',
    'The Onboarding team',
  ].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Welcome aboard</title></head>',
    '<body style="font-family: sans-serif; line-height: 1.5;">',
    `  <h1>Hello ${safeName},</h1>`,
    '  <p>Welcome aboard! Your account is ready and your storage has been set up.</p>',
    '  <p>Sign in whenever you like to get started.</p>',
    '  <p style="color: #666;">If you did not sign up, you can ignore this email.</p>',
    '  <p>The Onboarding team</p>',
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}
