/** `UserSignup` v2: conformance of its examples, and the locale it adds to v1. */
import { EventContractError, parseDetail } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { UserSignupV2 } from '../src';
import { exampleUserSignupV2, userSignupV2Examples } from '../src/testing';

const refusal = (detail: unknown) => refusalOf(EventContractError, () => parseDetail(UserSignupV2, detail));

describe('UserSignup v2', () => {
  describeConformance(UserSignupV2, userSignupV2Examples);

  it('is the same event as v1 on the bus, told apart by detail.version', () => {
    expect([UserSignupV2.source, UserSignupV2.detailType, UserSignupV2.version]).toEqual(['onboarding.signup', 'UserSignup', '2']);
  });

  it('requires a locale, so a v1 detail is not a v2 one', () => {
    const { locale: _locale, ...withoutLocale } = exampleUserSignupV2();

    expect(refusal(withoutLocale).path).toBe('detail.locale');
  });

  it.each(['english', 'de_DE', '', 'x-klingon'])('refuses the locale %p, naming detail.locale', (locale) => {
    expect(refusal(exampleUserSignupV2({ locale })).path).toBe('detail.locale');
  });

  it('writes the locale in its conventional case', () => {
    expect(parseDetail(UserSignupV2, exampleUserSignupV2({ locale: 'DE-at' })).locale).toBe('de-AT');
  });
});
