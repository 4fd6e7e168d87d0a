/**
 * The welcome email templates, one per language, and the choice of one for a locale: the
 * template of the locale's language (`de-AT` is written in German), else English. Add a language by
 * adding its file and listing it here.
 */
import { german } from './de';
import { english } from './en';
import type { WelcomeTemplate } from './welcome-template';

export type { WelcomeTemplate } from './welcome-template';

/** Every template, by language subtag. */
export const WELCOME_TEMPLATES: Readonly<Record<string, WelcomeTemplate>> = { en: english, de: german };

/** The template used when the locale's language has none. */
export const FALLBACK_TEMPLATE = english;

/** The template for a BCP 47 locale (`de`, `de-AT`, `fr`): its language's, or the fallback. */
export function welcomeTemplateFor(locale: string): WelcomeTemplate {
  const language = locale.split('-')[0]?.toLowerCase() ?? '';
  return Object.hasOwn(WELCOME_TEMPLATES, language) ? (WELCOME_TEMPLATES[language] as WelcomeTemplate) : FALLBACK_TEMPLATE;
}
