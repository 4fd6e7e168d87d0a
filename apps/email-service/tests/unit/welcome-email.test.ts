import { escapeHtml, renderWelcomeEmail } from '../../src/domain/welcome-email';

describe('renderWelcomeEmail', () => {
  it('greets the user by name in the subject, the text body and the HTML body', () => {
    const email = renderWelcomeEmail({ name: 'Ada Lovelace' });

    expect(email.subject).toContain('Ada Lovelace');
    expect(email.text).toMatch(/^Hello Ada Lovelace,/);
    expect(email.html).toContain('<h1>Hello Ada Lovelace,</h1>');
  });

  it('escapes a name that carries markup, so the HTML body runs no script', () => {
    const email = renderWelcomeEmail({ name: '<script>alert("x")</script>' });

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('keeps the name as typed in the plain text parts, where markup means nothing', () => {
    const email = renderWelcomeEmail({ name: "O'Brien & <Sons>" });

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
