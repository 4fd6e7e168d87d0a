/**
 * When each item of a TTL-enabled table expires: a min-heap of (expiry, item key). Entries are
 * never updated in place: a write pushes a new entry, and an entry whose item has changed since is
 * dropped when it comes to the top (its item no longer has that expiry). DynamoDB's rules decide
 * what expires: a top-level Number of epoch seconds, less than now, and not more than five years
 * in the past (older values are ignored, as DynamoDB ignores them).
 */
import type { Item } from './attribute-value';

interface Entry {
  expiresAt: number;
  key: string;
}

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;

/** The expiry (epoch seconds) DynamoDB would act on for an item, or undefined. */
export function expiryOf(item: Item | undefined, attributeName: string): number | undefined {
  const value = item?.[attributeName];
  if (!value || !('N' in value)) return undefined;
  const seconds = Number(value.N);
  return Number.isFinite(seconds) ? seconds : undefined;
}

export class TtlIndex {
  private heap: Entry[] = [];

  constructor(readonly attributeName: string) {}

  get size(): number {
    return this.heap.length;
  }

  /** Records an item's expiry after a write (no-op when it has none). */
  track(key: string, item: Item | undefined): void {
    const expiresAt = expiryOf(item, this.attributeName);
    if (expiresAt === undefined) return;
    this.heap.push({ expiresAt, key });
    this.up(this.heap.length - 1);
  }

  /**
   * Keys whose recorded expiry has passed at `nowSeconds` and that `stillExpired` confirms
   * (the item still has an expiry in the past); stale entries are dropped on the way.
   */
  takeExpired(nowSeconds: number, stillExpired: (key: string) => boolean, limit = 10_000): string[] {
    const keys: string[] = [];
    while (this.heap.length > 0 && keys.length < limit) {
      const top = this.heap[0] as Entry;
      if (top.expiresAt >= nowSeconds) break;
      this.pop();
      if (top.expiresAt < nowSeconds - FIVE_YEARS_SECONDS) continue;
      if (stillExpired(top.key)) keys.push(top.key);
    }
    return keys;
  }

  /** Seconds of the next recorded expiry, if any. */
  next(): number | undefined {
    return this.heap[0]?.expiresAt;
  }

  private pop(): void {
    const last = this.heap.pop() as Entry;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Entry).expiresAt <= (heap[i] as Entry).expiresAt) break;
      [heap[parent], heap[i]] = [heap[i] as Entry, heap[parent] as Entry];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && (heap[left] as Entry).expiresAt < (heap[smallest] as Entry).expiresAt) smallest = left;
      if (right < heap.length && (heap[right] as Entry).expiresAt < (heap[smallest] as Entry).expiresAt) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i] as Entry, heap[smallest] as Entry];
      i = smallest;
    }
  }
}

/** True when an item with this expiry is due for deletion at `nowSeconds`. */
export function isExpired(expiresAt: number | undefined, nowSeconds: number): boolean {
  return expiresAt !== undefined && expiresAt < nowSeconds && expiresAt >= nowSeconds - FIVE_YEARS_SECONDS;
}
