/**
 * Items grouped by partition key, each partition kept sorted by sort key: the storage of a table
 * and of each of its secondary indexes. A partition is a sorted array (binary search to insert,
 * remove and start a range), so a Query is a binary search plus a walk, and a write costs a
 * search and a splice in one partition. A Scan walks partitions in a stable order (sorted by
 * their encoded key, cached until a partition is added or removed), which is what lets
 * ExclusiveStartKey resume exactly where a page stopped.
 */
import type { AttributeValue, Item } from './attribute-value';

/** Orders two items of one partition; 0 only for the same item (entries are unique). */
export type EntryOrder = (a: Item, b: Item) => number;

export class SortedPartitions {
  private readonly partitions = new Map<string, Item[]>();
  private order: string[] | undefined;
  private count = 0;

  constructor(
    /** The encoded partition key of an item (undefined: the item is not in this index). */
    readonly partitionOf: (item: Item) => string | undefined,
    readonly compare: EntryOrder,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Index of the first entry that is >= `probe` (by `compare`) in a partition. */
  private static lowerBound(entries: Item[], probe: (entry: Item) => number): number {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (probe(entries[mid] as Item) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(item: Item): void {
    const key = this.partitionOf(item);
    if (key === undefined) return;
    let entries = this.partitions.get(key);
    if (!entries) {
      entries = [];
      this.partitions.set(key, entries);
      this.order = undefined;
    }
    const at = SortedPartitions.lowerBound(entries, (e) => this.compare(e, item));
    entries.splice(at, 0, item);
    this.count++;
  }

  remove(item: Item): void {
    const key = this.partitionOf(item);
    if (key === undefined) return;
    const entries = this.partitions.get(key);
    if (!entries) return;
    const at = SortedPartitions.lowerBound(entries, (e) => this.compare(e, item));
    if (at < entries.length && this.compare(entries[at] as Item, item) === 0) {
      entries.splice(at, 1);
      this.count--;
      if (entries.length === 0) {
        this.partitions.delete(key);
        this.order = undefined;
      }
    }
  }

  /** The sorted entries of one partition (do not mutate). */
  partition(key: string): readonly Item[] {
    return this.partitions.get(key) ?? [];
  }

  /** Position of the first entry of a partition for which `probe` is >= 0 (probe < 0: before the wanted range). */
  static seek(entries: readonly Item[], probe: (entry: Item) => number): number {
    return SortedPartitions.lowerBound(entries as Item[], probe);
  }

  /** Partition keys in scan order. */
  partitionKeys(): readonly string[] {
    this.order ??= [...this.partitions.keys()].sort();
    return this.order;
  }

  clear(): void {
    this.partitions.clear();
    this.order = undefined;
    this.count = 0;
  }
}

/** A key value's encoding in a Map key: type letter and value (numbers and binaries are canonical). */
export function encodeKeyValue(value: AttributeValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if ('S' in value) return `S${value.S}`;
  if ('N' in value) return `N${value.N}`;
  if ('B' in value) return `B${value.B}`;
  return undefined;
}
