import { welcomeTemplateFor, WELCOME_TEMPLATES } from '../../src/domain/templates';
import { escapeHtml, renderWelcomeEmail } from '../../src/domain/welcome-email';

describe('renderWelcomeEmail', () => {
  it('greets the user by name in the subject, the text body and the HTML body', () => {
    const email = renderWelcomeEmail({ name: 'Ada Lovelace', locale: 'en' });

    expect(email.subject).toContain('Ada Lovelace');
    expect(email.text).toMatch(/^Hello Ada Lovelace,/);
    expect(email.html).toContain('<h1>Hello Ada Lovelace,</h1>');
  });

  it('escapes a name that carries markup, so the HTML body runs no script', () => {
    const email = renderWelcomeEmail({ name: '<script>alert("x")</script>', locale: 'en' });

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('keeps the name as typed in the plain text parts, where markup means nothing', () => {
    const email = renderWelcomeEmail({ name: "O'Brien & <Sons>", locale: 'en' });

    expect(email.text).toContain("Hello O'Brien & <Sons>,");
    expect(email.subject).toContain("O'Brien & <Sons>");
    expect(email.html).toContain('Hello O&#39;Brien &amp; &lt;Sons&gt;,');
  });
});

describe('escapeHtml', () => {
  it('replaces each of the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`a&b<c>d"e'f é`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f é');
  });
});

describe('the welcome email in the user\'s language', () => {
  it('is written in German for a German locale, with the German subject, greeting and lang attribute', () => {
    const email = renderWelcomeEmail({ name: 'Lise Meitner', locale: 'de' });

    expect(email.subject).toBe('Willkommen an Bord, Lise Meitner!');
    expect(email.text).toMatch(/^Hallo Lise Meitner,\n\nwillkommen an Bord!/);
    expect(email.text).toContain('Ihr Onboarding-Team');
    expect(email.html).toContain('<html lang="de">');
    expect(email.html).toContain('<h1>Hallo Lise Meitner,</h1>');
  });

  it('is written in English for an English locale', () => {
    const email = renderWelcomeEmail({ name: 'Ada Lovelace', locale: 'en-GB' });

    expect(email.subject).toBe('Welcome aboard, Ada Lovelace!');
    expect(email.html).toContain('<html lang="en">');
  });

  it.each([
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['DE', 'de'],
    ['en-US', 'en'],
    ['fr', 'en'],
    ['zh-Hant-TW', 'en'],
  ])('writes %s in the template of its language, or English when there is none (%s)', (locale, language) => {
    expect(welcomeTemplateFor(locale).language).toBe(language);
  });

  it('has a template for English and German, each naming its own language', () => {
    expect(Object.entries(WELCOME_TEMPLATES).map(([key, template]) => [key, template.language])).toEqual([
      ['en', 'en'],
      ['de', 'de'],
    ]);
  });

  it('escapes the name in the German HTML body as in the English one', () => {
    expect(renderWelcomeEmail({ name: '<b>Lise</b>', locale: 'de' }).html).toContain('<h1>Hallo &lt;b&gt;Lise&lt;/b&gt;,</h1>');
  });
});
