/**
 * The journal of accepted work that has not been done yet (`<data-dir>/accepted-work.jsonl`):
 *
 * - bus events: EventBridge accepted them (PutEvents answered) and owes each matched target a
 *   delivery. Written durably before PutEvents answers; each target's delivery, once it ended
 *   (delivered, or kept as a dead letter), is recorded after it.
 * - asynchronous invocations: Lambda accepted the event (InvocationType Event, how EventBridge calls a
 *   function) and owes it a run with retries. Written durably when accepted; settled when the
 *   invocation succeeded or was dead-lettered.
 *
 * The journal is ordered (append-journal.ts), and an async invocation is accepted before the bus
 * records the delivery that made it: after a crash, either both are on disk or the delivery is
 * still owed. At boot, whatever is still owed is handed to recovery (re-delivered, re-invoked; every
 * consumer is idempotent, so at-least-once is enough), and the file is compacted to just that.
 */
import type { EventEnvelope } from '../eventbridge/target-input';
import { AppendJournal } from './append-journal';

/** A bus event with the deliveries still owed (targets as `<rule>/<targetId>`). */
export interface OwedEvent {
  event: EventEnvelope;
  eventBusName: string;
  targets: string[];
  acceptedAt: string;
}

/** An accepted asynchronous invocation not yet finished. */
export interface OwedInvocation {
  requestId: string;
  functionName: string;
  payload: unknown;
  acceptedAt: number;
}

type WorkEntry =
  | { k: 'event'; bus: string; event: EventEnvelope; targets: string[]; at: string }
  | { k: 'delivered'; id: string; target: string }
  | { k: 'async'; id: string; fn: string; payload: unknown; at: number }
  | { k: 'async-done'; id: string };

export interface WorkJournalOptions {
  /**
   * Resolves once the dead letters are on disk: a delivery that ended as a dead letter is settled
   * only after its dead letter is kept, so a crash in between re-delivers rather than loses it.
   */
  deadLettersSaved?: () => Promise<void>;
  /** Appends after which the file is compacted to the work still owed. @default 50000 */
  compactEvery?: number;
}

/** The accepted-work journal of a data directory. */
export class WorkJournal {
  private readonly events = new Map<string, { owed: OwedEvent; remaining: Set<string> }>();
  private readonly invocations = new Map<string, OwedInvocation>();
  private appendsSinceCompaction = 0;
  private compacting = false;
  private readonly compactEvery: number;

  private constructor(
    private readonly journal: AppendJournal<WorkEntry>,
    private readonly options: WorkJournalOptions,
  ) {
    this.compactEvery = options.compactEvery ?? 50_000;
  }

  /** Opens the journal; what it still owes is in `owedEvents()` / `owedInvocations()` until recovery. */
  static async open(file: string, options: WorkJournalOptions = {}): Promise<WorkJournal> {
    const { journal, contents } = await AppendJournal.open<WorkEntry>(file);
    const work = new WorkJournal(journal, options);
    for (const entry of contents.records) work.apply(entry);
    await journal.rewrite(() => work.snapshot());
    return work;
  }

  /** Bus events with deliveries still owed, oldest first. */
  owedEvents(): OwedEvent[] {
    return [...this.events.values()].map(({ owed, remaining }) => ({ ...owed, targets: [...remaining] }));
  }

  /** Asynchronous invocations still owed, oldest first. */
  owedInvocations(): OwedInvocation[] {
    return [...this.invocations.values()];
  }

  /** Records accepted bus events (those with at least one target); resolves once on disk. */
  eventsAccepted(accepted: { event: EventEnvelope; eventBusName: string; targets: string[] }[]): Promise<void> {
    const writes: Promise<void>[] = [];
    const at = new Date().toISOString();
    for (const { event, eventBusName, targets } of accepted) {
      if (targets.length === 0) continue;
      const known = this.events.get(event.id);
      if (known) {
        // Delivered again (recovery, or a replayed dead letter): owe these targets once more.
        const fresh = targets.filter((t) => !known.remaining.has(t));
        if (fresh.length === 0) continue;
        for (const t of fresh) known.remaining.add(t);
        writes.push(this.append({ k: 'event', bus: eventBusName, event, targets: fresh, at }, true));
        continue;
      }
      this.events.set(event.id, { owed: { event, eventBusName, targets, acceptedAt: at }, remaining: new Set(targets) });
      writes.push(this.append({ k: 'event', bus: eventBusName, event, targets, at }, true));
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Records that one target's delivery of an event ended (delivered, or dead-lettered). */
  eventSettled(eventId: string, target: string, deadLettered = false): void {
    const settle = () => {
      const owed = this.events.get(eventId);
      if (!owed || !owed.remaining.delete(target)) return;
      if (owed.remaining.size === 0) this.events.delete(eventId);
      void this.append({ k: 'delivered', id: eventId, target }, false).catch(() => undefined);
    };
    if (deadLettered && this.options.deadLettersSaved) void this.options.deadLettersSaved().then(settle, settle);
    else settle();
  }

  /** Records an accepted asynchronous invocation; resolves once on disk. A known request id is not recorded twice. */
  invocationAccepted(invocation: OwedInvocation): Promise<void> {
    if (this.invocations.has(invocation.requestId)) return Promise.resolve();
    this.invocations.set(invocation.requestId, invocation);
    return this.append({ k: 'async', id: invocation.requestId, fn: invocation.functionName, payload: invocation.payload, at: invocation.acceptedAt }, true);
  }

  /** Records that an asynchronous invocation finished (succeeded, or dead-lettered). */
  invocationSettled(requestId: string, deadLettered = false): void {
    const settle = () => {
      if (!this.invocations.delete(requestId)) return;
      void this.append({ k: 'async-done', id: requestId }, false).catch(() => undefined);
    };
    if (deadLettered && this.options.deadLettersSaved) void this.options.deadLettersSaved().then(settle, settle);
    else settle();
  }

  /** Work still owed right now (for the console and tests). */
  owed(): { events: number; invocations: number } {
    return { events: this.events.size, invocations: this.invocations.size };
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private append(entry: WorkEntry, durable: boolean): Promise<void> {
    const written = this.journal.append(entry, { durable });
    if (++this.appendsSinceCompaction >= this.compactEvery && !this.compacting) {
      // The file only needs what is still owed; rewriting it keeps a long-running cloud's journal small.
      this.compacting = true;
      this.appendsSinceCompaction = 0;
      void this.journal
        .rewrite(() => this.snapshot())
        .catch(() => undefined)
        .finally(() => (this.compacting = false));
    }
    return written;
  }

  private apply(entry: WorkEntry): void {
    switch (entry.k) {
      case 'event': {
        const known = this.events.get(entry.event.id);
        if (known) for (const t of entry.targets) known.remaining.add(t);
        else this.events.set(entry.event.id, { owed: { event: entry.event, eventBusName: entry.bus, targets: entry.targets, acceptedAt: entry.at }, remaining: new Set(entry.targets) });
        break;
      }
      case 'delivered': {
        const owed = this.events.get(entry.id);
        owed?.remaining.delete(entry.target);
        if (owed && owed.remaining.size === 0) this.events.delete(entry.id);
        break;
      }
      case 'async':
        this.invocations.set(entry.id, { requestId: entry.id, functionName: entry.fn, payload: entry.payload, acceptedAt: entry.at });
        break;
      case 'async-done':
        this.invocations.delete(entry.id);
        break;
    }
  }

  private snapshot(): WorkEntry[] {
    const entries: WorkEntry[] = [];
    for (const { owed, remaining } of this.events.values()) entries.push({ k: 'event', bus: owed.eventBusName, event: owed.event, targets: [...remaining], at: owed.acceptedAt });
    for (const inv of this.invocations.values()) entries.push({ k: 'async', id: inv.requestId, fn: inv.functionName, payload: inv.payload, at: inv.acceptedAt });
    return entries;
  }
}
