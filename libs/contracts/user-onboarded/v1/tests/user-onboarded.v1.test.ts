/** `UserOnboarded` v1: conformance of its examples, and refusals that name the field. */
import { EventContractError, parseDetail } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { UserOnboardedV1 } from '../src';
import { exampleUserOnboardedV1, userOnboardedV1Examples } from '../src/testing';

const refusal = (detail: unknown) => refusalOf(EventContractError, () => parseDetail(UserOnboardedV1, detail));
const without = (field: string) => Object.fromEntries(Object.entries(exampleUserOnboardedV1()).filter(([key]) => key !== field));

describe('UserOnboarded v1', () => {
  describeConformance(UserOnboardedV1, userOnboardedV1Examples);

  it('is published by the orchestration as UserOnboarded', () => {
    expect([UserOnboardedV1.source, UserOnboardedV1.detailType, UserOnboardedV1.version]).toEqual(['onboarding.orchestration', 'UserOnboarded', '1']);
  });

  it('accepts a v1 event with an extra field from a newer producer, and reads it without that field', () => {
    const fromNewerProducer = { ...exampleUserOnboardedV1(), onboardedInSeconds: 4.2 };

    expect(parseDetail(UserOnboardedV1, fromNewerProducer)).toEqual(exampleUserOnboardedV1());
  });

  it.each([
    ['an empty userId', 'detail.userId', exampleUserOnboardedV1({ userId: '' })],
    ['teamNotified as a string', 'detail.teamNotified', { ...exampleUserOnboardedV1(), teamNotified: 'yes' }],
    ['a missing executionName', 'detail.executionName', without('executionName')],
    ['a tenantId with a slash', 'detail.tenantId', exampleUserOnboardedV1({ tenantId: 'acme/../other' })],
  ])('refuses %s, naming %s', (_what, path, detail) => {
    expect(refusal(detail).path).toBe(path);
  });
});
