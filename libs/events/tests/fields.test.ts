/**
 * The shared field types. Every contract and the signup API's request body use these, so what they
 * accept is what the whole system has to handle.
 */
import { DEFAULT_TENANT_ID, EmailAddress, Locale, PersonName, Plan, SignupId, TenantId, Timestamp, UserId } from '../src';

describe('EmailAddress', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace+signup@Example.CO.UK\t', 'ada.lovelace+signup@example.co.uk'],
  ])('accepts %p as %p', (input, expected) => {
    expect(EmailAddress.parse(input)).toBe(expected);
  });

  it.each(['', 'ada', 'ada@', '@example.com', 'ada@@example.com', 'ada lovelace@example.com', 'ada@example..com', 'ada@exa\u0000mple.com', `${'a'.repeat(245)}@example.com`])(
    'refuses %p',
    (input) => {
      expect(EmailAddress.safeParse(input).success).toBe(false);
    },
  );

  it('refuses a value that is not a string', () => {
    expect(EmailAddress.safeParse(['ada@example.com']).success).toBe(false);
  });
});

describe('PersonName', () => {
  it.each(['Ada Lovelace', 'José Núñez', '李小龍', 'Zoë 🚀', "O'Brien-Smith", 'x'.repeat(100)])('accepts %p', (name) => {
    expect(PersonName.parse(name)).toBe(name);
  });

  it.each([
    ['an empty name', ''],
    ['only white space', ' \t '],
    ['more than 100 characters', 'x'.repeat(101)],
    ['a NUL character', 'Ada\u0000'],
    ['a line feed inside', 'Ada\nLovelace'],
    ['a C1 control character', 'Ada\u0085'],
    ['a line separator inside', 'Ada\u2028Lovelace'],
    ['a lone high surrogate', 'Ada\ud800'],
    ['a lone low surrogate', '\udc00Ada'],
  ])('refuses %s', (_what, name) => {
    expect(PersonName.safeParse(name).success).toBe(false);
  });
});

describe('TenantId', () => {
  it.each(['acme', DEFAULT_TENANT_ID, 'a1', '9-lives', 'x'.repeat(63)])('accepts %p', (tenantId) => {
    expect(TenantId.parse(tenantId)).toBe(tenantId);
  });

  it.each(['a', 'Acme', '-acme', 'acme_corp', 'acme/other', 'acme ', 'x'.repeat(64), 'ácme'])('refuses %p', (tenantId) => {
    expect(TenantId.safeParse(tenantId).success).toBe(false);
  });
});

describe('SignupId, Plan and Timestamp', () => {
  it('accepts a random UUID as a signupId and refuses anything else', () => {
    expect(SignupId.safeParse(crypto.randomUUID()).success).toBe(true);
    expect(SignupId.safeParse('0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70').success).toBe(false);
  });

  it('knows the plans free, pro and enterprise only', () => {
    expect(Plan.options).toEqual(['free', 'pro', 'enterprise']);
    expect(Plan.safeParse('Free').success).toBe(false);
  });

  it('accepts a time with a zone and refuses one without', () => {
    expect(Timestamp.safeParse('2026-11-24T10:00:00+01:00').success).toBe(true);
    expect(Timestamp.safeParse(new Date(0).toISOString()).success).toBe(true);
    expect(Timestamp.safeParse('2026-11-24 10:00').success).toBe(false);
  });
});

describe('Locale', () => {
  it.each([
    ['en', 'en'],
    ['de', 'de'],
    ['DE-at', 'de-AT'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['sr-Latn-RS', 'sr-Latn-RS'],
    ['de-CH-1901', 'de-CH-1901'],
  ])('accepts the BCP 47 tag %p, written as %p', (input, expected) => {
    expect(Locale.parse(input)).toBe(expected);
  });

  it.each(['', 'e', 'english', 'de_DE', 'de-', '-de', 'en-US-u-ca-gregory', 'x-private', 'de AT', `en-${'a'.repeat(40)}`])('refuses %p', (input) => {
    expect(Locale.safeParse(input).success).toBe(false);
  });
});

describe('UserId', () => {
  it('accepts the ids the user service issues and refuses anything that could escape a key', () => {
    expect(UserId.safeParse('u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70').success).toBe(true);
    expect(UserId.safeParse('u/../other').success).toBe(false);
    expect(UserId.safeParse('').success).toBe(false);
  });
});
