/** The domain's reading of a signup request body: strict, normalizing, and naming what is wrong. */
import { InvalidSignupError } from '../../src/domain/errors';
import { parseSignupRequest } from '../../src/domain/signup-request';

function refusalOf(body: unknown): InvalidSignupError {
  try {
    parseSignupRequest(body);
  } catch (error) {
    if (error instanceof InvalidSignupError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('parseSignupRequest', () => {
  it('returns the request with the email normalized and the name trimmed', () => {
    const request = parseSignupRequest({ email: ' Ada@Example.COM', name: ' Ada Lovelace ', tenantId: 'acme', plan: 'enterprise' });

    expect(request).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', tenantId: 'acme', plan: 'enterprise', locale: 'en' });
  });

  it('defaults the tenant to the default tenant, the plan to free and the locale to en', () => {
    expect(parseSignupRequest({ email: 'ada@example.com', name: 'Ada' })).toEqual({ email: 'ada@example.com', name: 'Ada', tenantId: 'default', plan: 'free', locale: 'en' });
  });

  it('takes the locale the body names, in its conventional case', () => {
    expect(parseSignupRequest({ email: 'lise@example.de', name: 'Lise', locale: 'de-at' }).locale).toBe('de-AT');
  });

  it.each(['deutsch', 'de_DE', '', 42])('refuses the locale %p, naming the field', (locale) => {
    const error = refusalOf({ email: 'lise@example.de', name: 'Lise', locale });

    expect(error.fields).toEqual(['locale']);
  });

  it('refuses unknown fields, naming each', () => {
    const error = refusalOf({ email: 'ada@example.com', name: 'Ada', isAdmin: true, password: 'x' });

    expect(error.fields.sort()).toEqual(['isAdmin', 'password']);
    expect(error.message).toContain('isAdmin: is not a known field');
  });

  it('refuses a field named __proto__ rather than let it through', () => {
    const error = refusalOf(JSON.parse('{"email":"ada@example.com","name":"Ada","__proto__":{"plan":"enterprise"}}'));

    expect(error.fields).toEqual(['__proto__']);
  });

  it('says a missing field is required', () => {
    const error = refusalOf({ email: 'ada@example.com' });

    expect(error.fields).toEqual(['name']);
    expect(error.message).toBe('name: is required');
  });

  it('names the field and the rule it breaks, never the value', () => {
    const error = refusalOf({ email: 'secret-address@', name: 'Ada' });

    expect(error.fields).toEqual(['email']);
    expect(error.message).toBe('email: email must be a valid email address');
    expect(error.message).not.toContain('secret-address');
  });

  it.each([[null], [[]], ['ada@example.com'], [7]])('refuses %p: the body must be a JSON object', (body) => {
    const error = refusalOf(body);

    expect(error.fields).toEqual(['(root)']);
    expect(error.message).toBe('the body must be a JSON object');
  });

  it('keeps what it echoes short when a client sends absurd field names', () => {
    const body: Record<string, unknown> = { email: 'ada@example.com', name: 'Ada' };
    for (let i = 0; i < 50; i++) body[`${'x'.repeat(200)}${i}`] = i;

    const error = refusalOf(body);

    expect(error.fields).toHaveLength(10);
    expect(error.fields.every((f) => f.length <= 41)).toBe(true);
    expect(error.message).toContain('and 40 more');
    expect(error.message.length).toBeLessThan(1000);
  });
});
