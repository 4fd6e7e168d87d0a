/**
 * The welcome email. Pure: it turns the facts about a new user into a subject, a plain text body
 * and an HTML body, in the words of the template for their language (templates/). The name is user
 * input, so it is escaped wherever it lands in HTML.
 */
import { welcomeTemplateFor } from './templates';

/** What the template needs to know about the recipient. */
export interface WelcomeEmailFacts {
  /** The person's display name, as they typed it (already trimmed by the step contract). */
  readonly name: string;
  /** The person's language, a BCP 47 tag (`en`, `de-AT`). */
  readonly locale: string;
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

/**
 * Renders the welcome email that greets the user by name, in the template of their locale's
 * language (English when there is none for it).
 */
export function renderWelcomeEmail(facts: WelcomeEmailFacts): WelcomeEmailContent {
  const template = welcomeTemplateFor(facts.locale);
  const name = facts.name;
  const safeName = escapeHtml(name);
  const text = [template.greeting(name), '', ...template.paragraphs, '', template.notYou, '', template.signature].join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${template.language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(template.title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5;">',
    // The template's own words are ours; only the name is user input.
    `  <h1>${template.greeting(safeName)}</h1>`,
    ...template.paragraphs.map((paragraph) => `  <p>${escapeHtml(paragraph)}</p>`),
    `  <p style="color: #666;">${escapeHtml(template.notYou)}</p>`,
    `  <p>${escapeHtml(template.signature)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: template.subject(name), text, html };
}
