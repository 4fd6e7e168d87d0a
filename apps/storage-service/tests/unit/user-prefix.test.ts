import { InvalidStepInputError } from '@onboarding/events';
import fc from 'fast-check';
import { isUnderPrefix, userStoragePrefix } from '../../src/domain/user-prefix';

const tenantIds = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/);
const userIds = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);

describe('userStoragePrefix', () => {
  it('builds tenants/<tenantId>/users/<userId>/ for any valid ids, with no .. and no //', () => {
    fc.assert(
      fc.property(tenantIds, userIds, (tenantId, userId) => {
        const prefix = userStoragePrefix(tenantId, userId);

        expect(prefix.startsWith(`tenants/${tenantId}/users/`)).toBe(true);
        expect(prefix).toBe(`tenants/${tenantId}/users/${userId}/`);
        expect(prefix).not.toContain('..');
        expect(prefix).not.toContain('//');
        expect(prefix.split('/')).toHaveLength(5);
      }),
    );
  });

  it('gives two different users, or two different tenants, prefixes that do not contain each other', () => {
    fc.assert(
      fc.property(tenantIds, userIds, tenantIds, userIds, (t1, u1, t2, u2) => {
        fc.pre(t1 !== t2 || u1 !== u2);
        const a = userStoragePrefix(t1, u1);
        const b = userStoragePrefix(t2, u2);

        expect(isUnderPrefix(a, b) || isUnderPrefix(b, a)).toBe(false);
      }),
    );
  });

  it.each([
    ['tenantId', '../globex', 'u-1'],
    ['tenantId', 'acme/users/u-2', 'u-1'],
    ['tenantId', 'Acme', 'u-1'],
    ['tenantId', '', 'u-1'],
    ['userId', 'acme', '../../globex/users/u-2'],
    ['userId', 'acme', 'u-1/extra'],
    ['userId', 'acme', '..'],
    ['userId', 'acme', ''],
  ])('refuses a %s that could escape its place (%j, %j), naming the field', (field, tenantId, userId) => {
    const error = (() => {
      try {
        return userStoragePrefix(tenantId, userId);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect((error as InvalidStepInputError).fields).toEqual([field]);
  });

  it('refuses any id that contains a slash or a dot', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('/', '.', '..', '\\'), fc.string(), (before, bad, after) => {
        expect(() => userStoragePrefix('acme', `${before}${bad}${after}`)).toThrow(InvalidStepInputError);
      }),
    );
  });
});

describe('isUnderPrefix', () => {
  it('tells u-1/ apart from u-10/', () => {
    expect(isUnderPrefix('tenants/acme/users/u-1/file', 'tenants/acme/users/u-1/')).toBe(true);
    expect(isUnderPrefix('tenants/acme/users/u-10/file', 'tenants/acme/users/u-1/')).toBe(false);
  });

  it('refuses a prefix that does not end in a slash, which would match its siblings', () => {
    expect(isUnderPrefix('tenants/acme/users/u-10/file', 'tenants/acme/users/u-1')).toBe(false);
  });
});
