/**
 * Publisher-side helper: validates a detail against its contract, stamps the version, and sends
 * it with PutEvents. PutEvents answers 200 even when it refuses entries, so the helper checks
 * `FailedEntryCount` and throws: a refused event is never silently lost.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DetailInputOf, DetailOf, EventContract } from './contracts/define-contract';
import { EventPublishError } from './errors';
import { parseDetail } from './parse';

/** Options of {@link EventPublisher}. */
export interface EventPublisherOptions {
  /** The EventBridge client, created once per cold start by the caller. */
  client: EventBridgeClient;
  /** Name or ARN of the event bus. */
  eventBusName: string;
}

/** Builds the PutEvents entry of a detail, after validating it. Exported for tests and tools. */
export function toPutEventsEntry<C extends EventContract>(
  contract: C,
  detail: DetailInputOf<C>,
  eventBusName: string,
): { entry: PutEventsRequestEntry; detail: DetailOf<C> } {
  const parsed = parseDetail(contract, { ...detail, version: contract.version });
  return {
    detail: parsed,
    entry: {
      EventBusName: eventBusName,
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(parsed),
    },
  };
}

/** Publishes contract-checked events to one event bus. */
export class EventPublisher {
  constructor(private readonly options: EventPublisherOptions) {}

  /**
   * Validates and publishes one event. Resolves with the event id EventBridge assigned.
   * @throws EventContractError when the detail does not match the contract (nothing is sent)
   * @throws EventPublishError when EventBridge refuses the entry or the call fails
   */
  async publish<C extends EventContract>(contract: C, detail: DetailInputOf<C>): Promise<{ eventId: string; detail: DetailOf<C> }> {
    const { entry, detail: parsed } = toPutEventsEntry(contract, detail, this.options.eventBusName);
    let response;
    try {
      response = await this.options.client.send(new PutEventsCommand({ Entries: [entry] }));
    } catch (cause) {
      throw new EventPublishError(`PutEvents failed for ${contract.detailType}`, [(cause as Error)?.name ?? 'Unknown'], { cause });
    }
    const result = response.Entries?.[0];
    if ((response.FailedEntryCount ?? 0) > 0 || !result?.EventId) {
      const code = result?.ErrorCode ?? 'NoEventId';
      throw new EventPublishError(`EventBridge refused ${contract.detailType}: ${code} ${result?.ErrorMessage ?? ''}`.trim(), [code]);
    }
    return { eventId: result.EventId, detail: parsed };
  }
}
