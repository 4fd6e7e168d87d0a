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
    ['an unknown failedStep', 'detail.failedStep', { ...exampleUserOnboardingFailedV1(), failedStep: 'ChargeCard' }],
    ['an empty error name', 'detail.error', exampleUserOnboardingFailedV1({ error: '' })],
    ['compensated as a number', 'detail.compensated', { ...exampleUserOnboardingFailedV1(), compensated: 1 }],
    ['a missing signupId', 'detail.signupId', Object.fromEntries(Object.entries(exampleUserOnboardingFailedV1()).filter(([key]) => key !== 'signupId'))],
  ])('refuses %s, naming %s', (_what, path, detail) => {
    expect(refusal(detail).path).toBe(path);
  });
});
