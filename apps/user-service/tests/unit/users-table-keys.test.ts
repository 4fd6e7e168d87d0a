import fc from 'fast-check';
import { emailClaimKey, tenantPartition, userKey } from '../../src/adapters/users-table-keys';

const tenantIds = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,62}$/);

describe('users table keys', () => {
  it('put every key of a tenant in that tenant\'s partition, whatever the user id or email', () => {
    fc.assert(
      fc.property(tenantIds, fc.string(), fc.string(), (tenantId, userId, email) => {
        expect(userKey(tenantId, userId).pk).toBe(`TENANT#${tenantId}`);
        expect(emailClaimKey(tenantId, email).pk).toBe(`TENANT#${tenantId}`);
      }),
    );
  });

  it('give two different tenants two different partitions', () => {
    fc.assert(
      fc.property(tenantIds, tenantIds, (a, b) => {
        fc.pre(a !== b);
        expect(tenantPartition(a)).not.toBe(tenantPartition(b));
      }),
    );
  });

  it.each(['', 'a', 'ACME', 'acme#USER', 'acme/globex', '-acme'])('refuse the malformed tenant id %j', (tenantId) => {
    expect(() => tenantPartition(tenantId)).toThrow(RangeError);
  });

  it('keep user records and email claims apart within a partition', () => {
    expect(userKey('acme', 'u-1').sk).toBe('USER#u-1');
    expect(emailClaimKey('acme', 'ada@example.com').sk).toBe('EMAIL#ada@example.com');
  });
});
