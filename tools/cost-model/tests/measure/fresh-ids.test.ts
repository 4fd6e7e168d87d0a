import { withFreshIds } from '../../src/measure/fresh-ids';

describe('fresh ids for a replayed payload', () => {
  it('replaces every UUID, dashed or as 32 hex digits, and every email, the same old one by the same new one', () => {
    const id = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';
    const payload = { signupId: id, executionName: `signup-${id}`, userId: `u-${id.replace(/-/g, '')}`, email: 'ada+1@example.com', cc: 'ada+1@example.com', plan: 'pro' };

    const fresh = withFreshIds(payload);

    expect(fresh.signupId).not.toBe(id);
    expect(fresh.signupId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.executionName).toBe(`signup-${fresh.signupId}`);
    expect(fresh.userId).toBe(`u-${fresh.signupId.replace(/-/g, '')}`);
    expect(fresh.email).not.toBe(payload.email);
    expect(fresh.email).toMatch(/^ada\+[0-9a-f]{8}@example\.com$/);
    expect(fresh.cc).toBe(fresh.email);
    expect(fresh.plan).toBe('pro');
  });
});
