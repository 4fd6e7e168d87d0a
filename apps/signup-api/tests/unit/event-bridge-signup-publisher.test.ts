/** The EventBridge adapter of the SignupPublisher port, against a mocked EventBridge client. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventContractError, EventPublisher } from '@onboarding/events';
import { exampleUserSignupV2 } from '@onboarding/contract-user-signup-v2/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { EventBridgeSignupPublisher } from '../../src/adapters/event-bridge-signup-publisher';
import { SignupNotPublishedError } from '../../src/domain/errors';
import type { SignupSubmission } from '../../src/ports/signup-publisher';

const eventBridge = mockClient(EventBridgeClient);
const publisher = new EventBridgeSignupPublisher(new EventPublisher({ client: new EventBridgeClient({}), eventBusName: 'onboarding' }));
// The contract's shared example, without the version the publisher stamps.
const { version: _stamped, ...example } = exampleUserSignupV2();
const submission: SignupSubmission = example;

afterEach(() => eventBridge.reset());

describe('EventBridgeSignupPublisher', () => {
  it('publishes the submission as a UserSignup v2 event on the bus', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });

    await publisher.publish(submission);

    const entries = eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries);
    expect(entries).toEqual([[{ Source: 'onboarding.signup', DetailType: 'UserSignup', EventBusName: 'onboarding', Detail: expect.any(String) }]]);
    expect(JSON.parse(entries[0]?.[0]?.Detail ?? '')).toEqual({ ...submission, version: '2' });
  });

  it('turns a refused entry into SignupNotPublishedError, keeping the cause', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });

    const publishing = publisher.publish(submission);

    await expect(publishing).rejects.toBeInstanceOf(SignupNotPublishedError);
    await expect(publishing).rejects.toMatchObject({ message: expect.stringContaining('ThrottlingException'), cause: expect.objectContaining({ name: 'EventPublishError' }) });
  });

  it('lets a contract refusal through as itself: it is a bug, not a reason to retry', async () => {
    const publishing = publisher.publish({ ...submission, tenantId: 'Not A Tenant' });

    await expect(publishing).rejects.toBeInstanceOf(EventContractError);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });
});
