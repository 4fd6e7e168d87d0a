/**
 * The console's change feed: services publish "something changed" notes (an execution moved on,
 * an event went over the bus), and the feed hands them, batched, to the pages listening on
 * `GET /api/stream` (server-sent events). Notes only say what changed; a page fetches the new
 * state itself, so a burst of 500 signups costs a few small messages, not 500 × 30 history events.
 * Publishing with nobody listening costs one check.
 */

/** What changed. `executions` notes carry the execution's ARN. */
export interface ConsoleChange {
  topic: 'executions' | 'events' | 'webhook' | 'dead-letters' | 'emails' | 'faults';
  executionArn?: string;
}

export type ConsoleChangeListener = (changes: ConsoleChange[]) => void;

export interface ConsoleFeedOptions {
  /** Notes published within this window go out together. @default 100 */
  batchMs?: number;
}

export class ConsoleFeed {
  private readonly listeners = new Set<ConsoleChangeListener>();
  private readonly closers: (() => void)[] = [];
  private readonly pending = new Map<string, ConsoleChange>();
  private timer: NodeJS.Timeout | undefined;
  private readonly batchMs: number;

  constructor(options: ConsoleFeedOptions = {}) {
    this.batchMs = options.batchMs ?? 100;
  }

  /** How many pages are listening. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  publish(change: ConsoleChange): void {
    if (this.listeners.size === 0) return;
    this.pending.set(`${change.topic}|${change.executionArn ?? ''}`, change);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.batchMs);
    this.timer.unref();
  }

  /** Listens for batches of changes; returns the function that stops listening. */
  subscribe(listener: ConsoleChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.clear();
    };
  }

  /** Runs `closer` when the feed closes (the console ends its open streams then). */
  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  /** Drops every listener and pending note, and runs the closers (at stop). */
  close(): void {
    this.listeners.clear();
    this.clear();
    for (const closer of this.closers.splice(0)) closer();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const changes = [...this.pending.values()];
    this.pending.clear();
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch {
        // A listener whose connection broke is removed by its own close handler.
      }
    }
  }
}
