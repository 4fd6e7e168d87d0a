/** The welcome email in English, the language of signups that name no other (and of UserSignup v1). */
import type { WelcomeTemplate } from './welcome-template';

export const english: WelcomeTemplate = {
  language: 'en',
  subject: (name) => `Welcome aboard, ${name}!`,
  title: 'Welcome aboard',
  greeting: (name) => `Hello ${name},`,
  paragraphs: ['Welcome aboard! Your account is ready and your storage has been set up.', 'Sign in whenever you like to get started.'],
  notYou: 'If you did not sign up, you can ignore this email.',
  signature: 'The Onboarding team',
};
