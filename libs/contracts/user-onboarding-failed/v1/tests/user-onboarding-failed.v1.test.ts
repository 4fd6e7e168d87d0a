/** `UserOnboardingFailed` v1: conformance of its examples, and refusals that name the field. */
import { EventContractError, parseDetail } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { OnboardingStep, UserOnboardingFailedV1 } from '../src';
import { exampleUserOnboardingFailedV1, userOnboardingFailedV1Examples } from '../src/testing';

const refusal = (detail: unknown) => refusalOf(EventContractError, () => parseDetail(UserOnboardingFailedV1, detail));

describe('UserOnboardingFailed v1', () => {
  describeConformance(UserOnboardingFailedV1, userOnboardingFailedV1Examples);

  it('is published by the orchestration as UserOnboardingFailed', () => {
    expect([UserOnboardingFailedV1.source, UserOnboardingFailedV1.detailType]).toEqual(['onboarding.orchestration', 'UserOnboardingFailed']);
  });

  it('names the four forward steps of the onboarding as the steps that can fail it', () => {
    expect(OnboardingStep.options).toEqual(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']);
  });

  it.each([
    ['an unknown failedStep', { ...exampleUserOnboardingFailedV1(), failedStep: 'ChargeCard' }, 'detail.failedStep'],
    ['an empty error name', exampleUserOnboardingFailedV1({ error: '' }), 'detail.error'],
    ['compensated as a number', { ...exampleUserOnboardingFailedV1(), compensated: 1 }, 'detail.compensated'],
    ['a missing signupId', Object.fromEntries(Object.entries(exampleUserOnboardingFailedV1()).filter(([key]) => key !== 'signupId')), 'detail.signupId'],
  ])('refuses %s and names %s', (_what, detail, path) => {
    expect(refusal(detail).path).toBe(path);
  });
});
