/** The welcome email in German (de, de-AT, de-CH, ...). */
import type { WelcomeTemplate } from './welcome-template';

export const german: WelcomeTemplate = {
  language: 'de',
  subject: (name) => `Willkommen an Bord, ${name}!`,
  title: 'Willkommen an Bord',
  greeting: (name) => `Hallo ${name},`,
  paragraphs: ['willkommen an Bord! Ihr Konto ist eingerichtet und Ihr Speicherplatz ist bereit.', 'Melden Sie sich an, wann immer Sie möchten, und legen Sie los.'],
  notYou: 'Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.',
  signature: 'Ihr Onboarding-Team',
};
