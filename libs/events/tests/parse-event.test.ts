/**
 * parseEvent checks the envelope as well as the detail, in both shapes an event has on its way:
 * the PutEvents entry a publisher sends and the event EventBridge delivers to a target.
 */
import { EventContractError, parseEvent, toPutEventsEntry, UserOnboardedV1, UserSignupV1 } from '../src';
import { exampleUserOnboarded, exampleUserSignup, toEventBridgeEvent } from '../src/testing';
import { refusalOf } from './support/refusal-of';

describe('parseEvent', () => {
  it('accepts the event EventBridge delivers, with detail-type and an object detail', () => {
    const delivered = toEventBridgeEvent(UserSignupV1, exampleUserSignup(), { id: 'evt-1', time: '2026-11-24T10:00:01Z' });

    const parsed = parseEvent(UserSignupV1, delivered);

    expect(parsed).toEqual({
      id: 'evt-1',
      time: '2026-11-24T10:00:01Z',
      source: 'onboarding.signup',
      detailType: 'UserSignup',
      detail: exampleUserSignup(),
    });
  });

  it('accepts a PutEvents entry, with DetailType and the detail as a JSON string', () => {
    const { entry } = toPutEventsEntry(UserSignupV1, exampleUserSignup(), 'onboarding');

    const parsed = parseEvent(UserSignupV1, entry);

    expect(parsed.source).toBe('onboarding.signup');
    expect(parsed.detailType).toBe('UserSignup');
    expect(parsed.detail).toEqual(exampleUserSignup());
  });

  it('turns a PutEvents Time given as a Date into an ISO string', () => {
    const { entry } = toPutEventsEntry(UserSignupV1, exampleUserSignup(), 'onboarding');

    const parsed = parseEvent(UserSignupV1, { ...entry, Time: new Date('2026-11-24T10:00:00Z') });

    expect(parsed.time).toBe('2026-11-24T10:00:00.000Z');
  });

  it('refuses an event from another source, naming source', () => {
    const delivered = { ...toEventBridgeEvent(UserSignupV1, exampleUserSignup()), source: 'onboarding.orchestration' };

    const error = refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered));

    expect(error.path).toBe('source');
  });

  it('refuses an event of another detail-type, naming detail-type', () => {
    const delivered = { ...toEventBridgeEvent(UserSignupV1, exampleUserSignup()), 'detail-type': 'UserOnboarded' };

    const error = refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered));

    expect(error.path).toBe('detail-type');
  });

  it('refuses an event of another contract even when its detail would fit', () => {
    const delivered = toEventBridgeEvent(UserOnboardedV1, exampleUserOnboarded());

    expect(refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered)).path).toBe('source');
  });

  it('refuses an event without a source', () => {
    const { source: _source, ...delivered } = toEventBridgeEvent(UserSignupV1, exampleUserSignup());

    expect(refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered)).path).toBe('source');
  });

  it('refuses a Detail string that is not JSON, naming detail', () => {
    const { entry } = toPutEventsEntry(UserSignupV1, exampleUserSignup(), 'onboarding');

    const error = refusalOf(EventContractError, () => parseEvent(UserSignupV1, { ...entry, Detail: '{"signupId":' }));

    expect(error.path).toBe('detail');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses an event whose detail breaks the contract, naming the field under detail', () => {
    const delivered = toEventBridgeEvent(UserSignupV1, exampleUserSignup({ email: 'not-an-address' }));

    expect(refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered)).path).toBe('detail.email');
  });

  it('refuses an event without a detail, naming detail', () => {
    const { detail: _detail, ...delivered } = toEventBridgeEvent(UserSignupV1, exampleUserSignup());

    expect(refusalOf(EventContractError, () => parseEvent(UserSignupV1, delivered)).path).toBe('detail');
  });

  it.each([null, undefined, 'UserSignup', 7, []])('refuses %p, which is not an event object', (raw) => {
    expect(refusalOf(EventContractError, () => parseEvent(UserSignupV1, raw)).path).toBe('(root)');
  });
});
