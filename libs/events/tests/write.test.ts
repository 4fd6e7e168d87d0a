/**
 * The strict writer: writeDetail refuses fields the contract does not declare, and EventPublisher: one validated PutEvents entry per event, and an error whenever EventBridge did
 * not take the event, because PutEvents answers 200 even when it refuses every entry.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventContractError, EventPublisher, EventPublishError, writeDetail } from '../src';
import { memberJoined, MemberJoinedV1 } from './support/fixture-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { refusalOf } from '../src/testing';
import 'aws-sdk-client-mock-jest';

const eventBridge = mockClient(EventBridgeClient);
const publisher = new EventPublisher({ client: new EventBridgeClient({ region: 'us-east-1' }), eventBusName: 'onboarding' });

/** What a producer passes: the detail without `version`, which the publisher stamps. */
function producerDetail() {
  const { version: _version, ...detail } = memberJoined();
  return detail;
}

afterEach(() => eventBridge.reset());

describe('EventPublisher', () => {
  it('sends one PutEvents entry with the source, detail-type, bus and the version-stamped detail', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    const result = await publisher.publish(MemberJoinedV1, producerDetail());

    expect(result).toEqual({ eventId: 'evt-1', detail: memberJoined() });
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    const entries = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries;
    expect(entries).toHaveLength(1);
    expect(entries?.[0]).toEqual({
      Source: 'example.members',
      DetailType: 'MemberJoined',
      EventBusName: 'onboarding',
      Detail: expect.any(String),
    });
    expect(JSON.parse(entries?.[0]?.Detail ?? '')).toEqual({ ...memberJoined(), version: '1' });
  });

  it('sends the normalized detail, not what the producer typed', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    await publisher.publish(MemberJoinedV1, { ...producerDetail(), email: ' Ada@Example.COM ', plan: undefined });

    const detail = JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '');
    expect(detail.email).toBe('ada@example.com');
    expect(detail.plan).toBe('free');
  });

  it('stamps the contract version over whatever version a caller slips in', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    await publisher.publish(MemberJoinedV1, { ...producerDetail(), version: '7' } as ReturnType<typeof producerDetail>);

    const detail = JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '');
    expect(detail.version).toBe('1');
  });

  it('refuses an invalid detail without calling EventBridge', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    const publishing = publisher.publish(MemberJoinedV1, { ...producerDetail(), email: 'not-an-address' });

    await expect(publishing).rejects.toBeInstanceOf(EventContractError);
    await expect(publishing).rejects.toMatchObject({ path: 'detail.email' });
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('throws EventPublishError with the error code when EventBridge refuses the entry', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });

    const publishing = publisher.publish(MemberJoinedV1, producerDetail());

    await expect(publishing).rejects.toBeInstanceOf(EventPublishError);
    await expect(publishing).rejects.toMatchObject({ errorCodes: ['ThrottlingException'], message: expect.stringContaining('Rate exceeded') });
  });

  it('throws EventPublishError when EventBridge answers without an event id', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });

    await expect(publisher.publish(MemberJoinedV1, producerDetail())).rejects.toMatchObject({ name: 'EventPublishError', errorCodes: ['NoEventId'] });
  });

  it('throws EventPublishError, keeping the cause, when the call itself fails', async () => {
    const networkError = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    eventBridge.on(PutEventsCommand).rejects(networkError);

    const publishing = publisher.publish(MemberJoinedV1, producerDetail());

    await expect(publishing).rejects.toBeInstanceOf(EventPublishError);
    await expect(publishing).rejects.toMatchObject({ errorCodes: ['TimeoutError'], cause: networkError });
  });
});

describe('writeDetail, the strict writer', () => {
  it('refuses a field the contract does not declare, naming it under detail', () => {
    const error = refusalOf(EventContractError, () => writeDetail(MemberJoinedV1, { ...producerDetail(), password: 'hunter2' } as never));

    expect(error.path).toBe('detail.password');
    expect(error.problems).toEqual(['detail.password: unknown field: MemberJoined v1 does not declare it']);
  });

  it('names each unknown field on its own line, nested ones and ones inside arrays too', () => {
    const detail = { ...producerDetail(), admin: true, club: { name: 'x', motto: 'y' }, tags: [{ label: 'a', colour: 'red' }] };

    const error = refusalOf(EventContractError, () => writeDetail(MemberJoinedV1, detail as never));

    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['detail.admin', 'detail.club.motto', 'detail.tags.0.colour']);
  });

  it('lists every problem of an invalid detail before looking for unknown fields', () => {
    const error = refusalOf(EventContractError, () => writeDetail(MemberJoinedV1, { ...producerDetail(), email: 'nope', tenantId: 'X' }));

    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['detail.email', 'detail.tenantId']);
  });

  it('does not count a field given as undefined, which JSON leaves out anyway', () => {
    expect(writeDetail(MemberJoinedV1, { ...producerDetail(), tags: undefined })).toEqual(memberJoined());
  });

  it('refuses a publish with an unknown field without calling EventBridge', async () => {
    const publishing = publisher.publish(MemberJoinedV1, { ...producerDetail(), password: 'hunter2' } as never);

    await expect(publishing).rejects.toMatchObject({ name: 'EventContractError', path: 'detail.password' });
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });
});
