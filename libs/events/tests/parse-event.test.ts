/**
 * parseEvent checks the envelope as well as the detail, in both shapes an event has on its way:
 * the PutEvents entry a publisher sends and the event EventBridge delivers to a target.
 */
import { EventContractError, parseEvent, parseEventOf, toPutEventsEntry } from '../src';
import { toEventBridgeEvent } from '../src/testing';
import { memberJoined, MemberJoinedV1, MemberJoinedV2 } from './support/fixture-contracts';
import { refusalOf } from '../src/testing';

describe('parseEvent', () => {
  it('accepts the event EventBridge delivers, with detail-type and an object detail', () => {
    const delivered = toEventBridgeEvent(MemberJoinedV1, memberJoined(), { id: 'evt-1', time: '2026-11-24T10:00:01Z' });

    const parsed = parseEvent(MemberJoinedV1, delivered);

    expect(parsed).toEqual({
      id: 'evt-1',
      time: '2026-11-24T10:00:01Z',
      source: 'example.members',
      detailType: 'MemberJoined',
      contract: MemberJoinedV1,
      detail: memberJoined(),
    });
  });

  it('accepts a PutEvents entry, with DetailType and the detail as a JSON string', () => {
    const { entry } = toPutEventsEntry(MemberJoinedV1, memberJoined(), 'onboarding');

    const parsed = parseEvent(MemberJoinedV1, entry);

    expect(parsed.source).toBe('example.members');
    expect(parsed.detailType).toBe('MemberJoined');
    expect(parsed.detail).toEqual(memberJoined());
  });

  it('turns a PutEvents Time given as a Date into an ISO string', () => {
    const { entry } = toPutEventsEntry(MemberJoinedV1, memberJoined(), 'onboarding');

    const parsed = parseEvent(MemberJoinedV1, { ...entry, Time: new Date('2026-11-24T10:00:00Z') });

    expect(parsed.time).toBe('2026-11-24T10:00:00.000Z');
  });

  it('refuses an event from another source, naming source', () => {
    const delivered = { ...toEventBridgeEvent(MemberJoinedV1, memberJoined()), source: 'onboarding.orchestration' };

    const error = refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered));

    expect(error.path).toBe('source');
  });

  it('refuses an event of another detail-type, naming detail-type', () => {
    const delivered = { ...toEventBridgeEvent(MemberJoinedV1, memberJoined()), 'detail-type': 'UserOnboarded' };

    const error = refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered));

    expect(error.path).toBe('detail-type');
  });

  it('refuses an event of another source even when its detail would fit', () => {
    const delivered = toEventBridgeEvent({ ...MemberJoinedV1, source: 'example.other' }, memberJoined());

    expect(refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered)).path).toBe('source');
  });

  it('refuses an event without a source', () => {
    const { source: _source, ...delivered } = toEventBridgeEvent(MemberJoinedV1, memberJoined());

    expect(refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered)).path).toBe('source');
  });

  it('refuses a Detail string that is not JSON, naming detail', () => {
    const { entry } = toPutEventsEntry(MemberJoinedV1, memberJoined(), 'onboarding');

    const error = refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, { ...entry, Detail: '{"signupId":' }));

    expect(error.path).toBe('detail');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses an event whose detail breaks the contract, naming the field under detail', () => {
    const delivered = toEventBridgeEvent(MemberJoinedV1, memberJoined({ email: 'not-an-address' }));

    expect(refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered)).path).toBe('detail.email');
  });

  it('refuses an event without a detail, naming detail', () => {
    const { detail: _detail, ...delivered } = toEventBridgeEvent(MemberJoinedV1, memberJoined());

    expect(refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, delivered)).path).toBe('detail');
  });

  it.each([null, undefined, 'MemberJoined', 7, []])('refuses %p, which is not an event object', (raw) => {
    expect(refusalOf(EventContractError, () => parseEvent(MemberJoinedV1, raw)).path).toBe('(root)');
  });
});

describe('parseEvent, the tolerant reader', () => {
  it('accepts a detail with fields the contract does not know and leaves them out, at any depth', () => {
    const detail = { ...memberJoined({ club: { name: 'Analytical Engines', motto: 'compute' } }), referrer: 'a friend' };

    const parsed = parseEvent(MemberJoinedV1, toEventBridgeEvent(MemberJoinedV1, detail as never));

    expect(parsed.detail).toEqual(memberJoined());
    expect(parsed.detail).not.toHaveProperty('referrer');
  });
});

describe('parseEventOf', () => {
  const v2 = { ...memberJoined(), version: '2', locale: 'de' };

  it('reads each version with its own contract, chosen by detail.version', () => {
    const one = parseEventOf([MemberJoinedV1, MemberJoinedV2], toEventBridgeEvent(MemberJoinedV1, memberJoined()));
    const two = parseEventOf([MemberJoinedV1, MemberJoinedV2], toEventBridgeEvent(MemberJoinedV2, v2 as never));

    expect(one.contract).toBe(MemberJoinedV1);
    expect(one.detail).toEqual(memberJoined());
    expect(two.contract).toBe(MemberJoinedV2);
    expect(two.detail).toEqual(v2);
  });

  it('refuses a version it does not read, naming detail.version and the versions it reads', () => {
    const error = refusalOf(EventContractError, () => parseEventOf([MemberJoinedV1, MemberJoinedV2], toEventBridgeEvent(MemberJoinedV1, { ...memberJoined(), version: '3' } as never)));

    expect(error.path).toBe('detail.version');
    expect(error.problems).toEqual(['detail.version: expected one of 1, 2']);
  });

  it('refuses a detail that is not an object before looking for a version', () => {
    const error = refusalOf(EventContractError, () => parseEventOf([MemberJoinedV1, MemberJoinedV2], { ...toEventBridgeEvent(MemberJoinedV1, memberJoined()), detail: 'x' }));

    expect(error.path).toBe('detail');
  });

  it('checks the detail against the version it names', () => {
    const error = refusalOf(EventContractError, () => parseEventOf([MemberJoinedV1, MemberJoinedV2], toEventBridgeEvent(MemberJoinedV2, { ...memberJoined(), version: '2' } as never)));

    expect(error.path).toBe('detail.locale');
  });
});
