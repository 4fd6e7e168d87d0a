/**
 * Messages the local cloud could not deliver, kept per dead-letter queue ARN (there is no SQS
 * emulator: a queue used as a DLQ or an on-failure destination is a list here). With a data
 * directory they are written to `<data-dir>/dead-letters.json` and survive a restart: accepted
 * work that failed is never silently lost.
 */
import { randomUUID } from 'node:crypto';
import { JsonStore } from '../emulators/json-store';

/** One dead letter: what failed, why, and when. */
export interface DeadLetterRecord {
  /** Identifies the record (replay removes it by id). Records kept before ids existed have none. */
  id?: string;
  /** The queue ARN (or `lambda-async:<function>` when the function has no destination: AWS would drop it). */
  queue: string;
  receivedAt: string;
  /** Who sent it: `events:<rule>/<target>` or `lambda:<function>`. */
  source: string;
  body: unknown;
}

export class DeadLetterStore {
  private readonly store: JsonStore<DeadLetterRecord[]>;

  constructor(file?: string) {
    this.store = JsonStore.open<DeadLetterRecord[]>(file, []);
  }

  add(queue: string, source: string, body: unknown): void {
    this.store.data.push({ id: randomUUID(), queue, receivedAt: new Date().toISOString(), source, body });
    void this.store.save();
  }

  /** Removes the records with these ids (once replayed); resolves when that is on disk. */
  remove(ids: Iterable<string>): Promise<void> {
    const gone = new Set(ids);
    const kept = this.store.data.filter((r) => r.id === undefined || !gone.has(r.id));
    if (kept.length === this.store.data.length) return Promise.resolve();
    this.store.data.splice(0, this.store.data.length, ...kept);
    return this.store.save();
  }

  /** Dead letters of one queue, or all, oldest first. */
  list(queue?: string): DeadLetterRecord[] {
    return queue ? this.store.data.filter((r) => r.queue === queue) : [...this.store.data];
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
