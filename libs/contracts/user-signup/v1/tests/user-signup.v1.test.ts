/**
 * `UserSignup` v1: its examples pass the conformance suite (tolerant reader, strict writer), and a
 * bad detail is refused with the field named, so a producer's mistake is found at the producer.
 */
import { EventContractError, parseDetail } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { UserSignupV1 } from '../src';
import { exampleUserSignupV1, userSignupV1Examples } from '../src/testing';

const refusal = (detail: unknown) => refusalOf(EventContractError, () => parseDetail(UserSignupV1, detail));

const without = (field: string) => Object.fromEntries(Object.entries(exampleUserSignupV1()).filter(([key]) => key !== field));

describe('UserSignup v1', () => {
  describeConformance(UserSignupV1, userSignupV1Examples);

  it('is published by the signup API on the onboarding bus as UserSignup', () => {
    expect([UserSignupV1.source, UserSignupV1.detailType, UserSignupV1.version]).toEqual(['onboarding.signup', 'UserSignup', '1']);
  });

  it.each([
    ['an email without a domain', exampleUserSignupV1({ email: 'ada@' }), 'detail.email'],
    ['an email longer than 254 characters', exampleUserSignupV1({ email: `${'a'.repeat(250)}@example.com` }), 'detail.email'],
    ['a missing email', without('email'), 'detail.email'],
    ['an empty name', exampleUserSignupV1({ name: '   ' }), 'detail.name'],
    ['a name with a control character', exampleUserSignupV1({ name: 'Ada\u0007' }), 'detail.name'],
    ['a signupId that is not a UUID', exampleUserSignupV1({ signupId: 'signup-1' }), 'detail.signupId'],
    ['an upper-case tenantId', exampleUserSignupV1({ tenantId: 'Acme' }), 'detail.tenantId'],
    ['an unknown plan', { ...exampleUserSignupV1(), plan: 'platinum' }, 'detail.plan'],
    ['a signedUpAt without a time zone', exampleUserSignupV1({ signedUpAt: '2026-11-24T10:00:00' }), 'detail.signedUpAt'],
  ])('refuses %s and names %s', (_what, detail, path) => {
    const error = refusal(detail);

    expect(error.path).toBe(path);
    expect(error.message).toContain('UserSignup v1 refused');
  });

  it('lists every problem when several fields are wrong, one line each', () => {
    const error = refusal(exampleUserSignupV1({ email: 'nope', tenantId: 'X' }));

    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['detail.email', 'detail.tenantId']);
  });

  it('trims and lower-cases the email, trims the name and defaults the plan to free', () => {
    const { plan: _plan, ...withoutPlan } = exampleUserSignupV1({ email: '  Ada@Example.COM ', name: '  Ada Lovelace  ' });

    expect(parseDetail(UserSignupV1, withoutPlan)).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', plan: 'free' });
  });
});
