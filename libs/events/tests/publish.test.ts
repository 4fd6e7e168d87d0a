/**
 * EventPublisher: one validated PutEvents entry per event, and an error whenever EventBridge did
 * not take the event, because PutEvents answers 200 even when it refuses every entry.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventContractError, EventPublisher, EventPublishError, UserSignupV1 } from '../src';
import { exampleUserSignup } from '../src/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

const eventBridge = mockClient(EventBridgeClient);
const publisher = new EventPublisher({ client: new EventBridgeClient({ region: 'us-east-1' }), eventBusName: 'onboarding' });

/** What a producer passes: the detail without `version`, which the publisher stamps. */
function producerDetail() {
  const { version: _version, ...detail } = exampleUserSignup();
  return detail;
}

afterEach(() => eventBridge.reset());

describe('EventPublisher', () => {
  it('sends one PutEvents entry with the source, detail-type, bus and the version-stamped detail', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    const result = await publisher.publish(UserSignupV1, producerDetail());

    expect(result).toEqual({ eventId: 'evt-1', detail: exampleUserSignup() });
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    const entries = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries;
    expect(entries).toHaveLength(1);
    expect(entries?.[0]).toEqual({
      Source: 'onboarding.signup',
      DetailType: 'UserSignup',
      EventBusName: 'onboarding',
      Detail: expect.any(String),
    });
    expect(JSON.parse(entries?.[0]?.Detail ?? '')).toEqual({ ...exampleUserSignup(), version: '1' });
  });

  it('sends the normalized detail, not what the producer typed', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    await publisher.publish(UserSignupV1, { ...producerDetail(), email: ' Ada@Example.COM ', plan: undefined });

    const detail = JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '');
    expect(detail.email).toBe('ada@example.com');
    expect(detail.plan).toBe('free');
  });

  it('stamps the contract version over whatever version a caller slips in', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    await publisher.publish(UserSignupV1, { ...producerDetail(), version: '7' } as ReturnType<typeof producerDetail>);

    const detail = JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '');
    expect(detail.version).toBe('1');
  });

  it('refuses an invalid detail without calling EventBridge', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    const publishing = publisher.publish(UserSignupV1, { ...producerDetail(), email: 'not-an-address' });

    await expect(publishing).rejects.toBeInstanceOf(EventContractError);
    await expect(publishing).rejects.toMatchObject({ path: 'detail.email' });
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('throws EventPublishError with the error code when EventBridge refuses the entry', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });

    const publishing = publisher.publish(UserSignupV1, producerDetail());

    await expect(publishing).rejects.toBeInstanceOf(EventPublishError);
    await expect(publishing).rejects.toMatchObject({ errorCodes: ['ThrottlingException'], message: expect.stringContaining('Rate exceeded') });
  });

  it('throws EventPublishError when EventBridge answers without an event id', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });

    await expect(publisher.publish(UserSignupV1, producerDetail())).rejects.toMatchObject({ name: 'EventPublishError', errorCodes: ['NoEventId'] });
  });

  it('throws EventPublishError, keeping the cause, when the call itself fails', async () => {
    const networkError = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    eventBridge.on(PutEventsCommand).rejects(networkError);

    const publishing = publisher.publish(UserSignupV1, producerDetail());

    await expect(publishing).rejects.toBeInstanceOf(EventPublishError);
    await expect(publishing).rejects.toMatchObject({ errorCodes: ['TimeoutError'], cause: networkError });
  });
});
