/**
 * Publisher-side helpers, the strict writer: a detail is validated against its contract, fields
 * the contract does not declare are refused (each named), the version is stamped, and the event is
 * sent with PutEvents. PutEvents answers 200 even when it refuses entries, so the publisher checks
 * `FailedEntryCount` and throws: a refused event is never silently lost.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DetailInputOf, DetailOf, EventContract } from './define-contract';
import { EventPublishError } from './errors';
import { contractError, parseDetail } from './parse';
import { unknownFields } from './unknown-fields';

/**
 * Checks a detail the way a writer must: valid for its contract, and no field the contract does
 * not declare (a reader would drop it, so writing it would lose data silently). Stamps `version`.
 * @throws EventContractError naming the offending field (`detail.<field>`)
 */
export function writeDetail<C extends EventContract>(contract: C, detail: DetailInputOf<C>): DetailOf<C> {
  const written = { ...detail, version: contract.version };
  const parsed = parseDetail(contract, written);
  const unknown = unknownFields(written, parsed, 'detail');
  if (unknown.length > 0) {
    throw contractError(
      contract,
      unknown.map((path) => ({ path, message: `unknown field: ${contract.detailType} v${contract.version} does not declare it` })),
      'detail',
    );
  }
  return parsed;
}

/** Options of {@link EventPublisher}. */
export interface EventPublisherOptions {
  /** The EventBridge client, created once per cold start by the caller. */
  client: EventBridgeClient;
  /** Name or ARN of the event bus. */
  eventBusName: string;
}

/** Builds the PutEvents entry of a detail, after checking it with {@link writeDetail}. */
export function toPutEventsEntry<C extends EventContract>(
  contract: C,
  detail: DetailInputOf<C>,
  eventBusName: string,
): { entry: PutEventsRequestEntry; detail: DetailOf<C> } {
  const written = writeDetail(contract, detail);
  return {
    detail: written,
    entry: {
      EventBusName: eventBusName,
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(written),
    },
  };
}

/** Publishes contract-checked events to one event bus. */
export class EventPublisher {
  constructor(private readonly options: EventPublisherOptions) {}

  /**
   * Checks and publishes one event. Resolves with the event id EventBridge assigned.
   * @throws EventContractError when the detail does not match the contract (nothing is sent)
   * @throws EventPublishError when EventBridge refuses the entry or the call fails
   */
  async publish<C extends EventContract>(contract: C, detail: DetailInputOf<C>): Promise<{ eventId: string; detail: DetailOf<C> }> {
    const { entry, detail: written } = toPutEventsEntry(contract, detail, this.options.eventBusName);
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
    return { eventId: result.EventId, detail: written };
  }
}
