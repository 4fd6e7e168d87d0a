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
    ['an email without a domain', 'detail.email', exampleUserSignupV1({ email: 'ada@' })],
    ['an email longer than 254 characters', 'detail.email', exampleUserSignupV1({ email: `${'a'.repeat(250)}@example.com` })],
    ['a missing email', 'detail.email', without('email')],
    ['an empty name', 'detail.name', exampleUserSignupV1({ name: '   ' })],
    ['a name with a control character', 'detail.name', exampleUserSignupV1({ name: 'Ada\u0007' })],
    ['a signupId that is not a UUID', 'detail.signupId', exampleUserSignupV1({ signupId: 'signup-1' })],
    ['an upper-case tenantId', 'detail.tenantId', exampleUserSignupV1({ tenantId: 'Acme' })],
    ['an unknown plan', 'detail.plan', { ...exampleUserSignupV1(), plan: 'platinum' }],
    ['a signedUpAt without a time zone', 'detail.signedUpAt', exampleUserSignupV1({ signedUpAt: '2026-11-24T10:00:00' })],
  ])('refuses %s, naming %s', (_what, path, detail) => {
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
