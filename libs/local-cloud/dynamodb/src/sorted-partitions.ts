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

/** A probe for a binary search: negative while the entry is before the wanted position. */
export type Probe = (entry: Item) => number;

const CHUNK = 512;

/** Index of the first element of a sorted array for which `probe` is >= 0. */
function lowerBound(entries: readonly Item[], probe: Probe): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (probe(entries[mid] as Item) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The sorted items of one partition, in chunks of at most 2 x 512 (a sorted array of sorted
 * arrays): an insert or remove moves at most a chunk, however large the partition grows (a
 * tenant's partition can hold every user of the tenant).
 */
export class Partition {
  private chunks: Item[][] = [];
  private starts: number[] | undefined;
  size = 0;

  private chunkFor(probe: Probe): number {
    // The first chunk whose last entry is >= the probe (the last chunk when none is).
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const chunk = this.chunks[mid] as Item[];
      if (probe(chunk[chunk.length - 1] as Item) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  insert(item: Item, compare: EntryOrder): void {
    this.size++;
    this.starts = undefined;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    const probe: Probe = (e) => compare(e, item);
    const c = this.chunkFor(probe);
    const chunk = this.chunks[c] as Item[];
    chunk.splice(lowerBound(chunk, probe), 0, item);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  /** Removes the entry equal to `item` by `compare`; false when there is none. */
  remove(item: Item, compare: EntryOrder): boolean {
    if (this.chunks.length === 0) return false;
    const probe: Probe = (e) => compare(e, item);
    const c = this.chunkFor(probe);
    const chunk = this.chunks[c] as Item[];
    const at = lowerBound(chunk, probe);
    if (at >= chunk.length || compare(chunk[at] as Item, item) !== 0) return false;
    chunk.splice(at, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.size--;
    this.starts = undefined;
    return true;
  }

  private chunkStarts(): number[] {
    if (!this.starts) {
      const starts: number[] = [];
      let n = 0;
      for (const chunk of this.chunks) {
        starts.push(n);
        n += chunk.length;
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** The entry at position `i` (0 <= i < size). */
  at(i: number): Item {
    const starts = this.chunkStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] as number) <= i) low = mid;
      else high = mid - 1;
    }
    return (this.chunks[low] as Item[])[i - (starts[low] as number)] as Item;
  }

  /** Position of the first entry for which `probe` is >= 0 (size when none is). */
  seek(probe: Probe): number {
    if (this.chunks.length === 0) return 0;
    const c = this.chunkFor(probe);
    const chunk = this.chunks[c] as Item[];
    const at = lowerBound(chunk, probe);
    return (this.chunkStarts()[c] as number) + at;
  }

  /** Entries from position `from` to `to` (exclusive), forwards or backwards. */
  *range(from: number, to: number, forward = true): Generator<Item> {
    if (from >= to) return;
    if (forward) for (let i = from; i < to; i++) yield this.at(i);
    else for (let i = to - 1; i >= from; i--) yield this.at(i);
  }

  *[Symbol.iterator](): Generator<Item> {
    for (const chunk of this.chunks) yield* chunk;
  }
}

const EMPTY = new Partition();

export class SortedPartitions {
  private readonly partitions = new Map<string, Partition>();
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

  insert(item: Item): void {
    const key = this.partitionOf(item);
    if (key === undefined) return;
    let partition = this.partitions.get(key);
    if (!partition) {
      partition = new Partition();
      this.partitions.set(key, partition);
      this.order = undefined;
    }
    partition.insert(item, this.compare);
    this.count++;
  }

  remove(item: Item): void {
    const key = this.partitionOf(item);
    if (key === undefined) return;
    const partition = this.partitions.get(key);
    if (!partition || !partition.remove(item, this.compare)) return;
    this.count--;
    if (partition.size === 0) {
      this.partitions.delete(key);
      this.order = undefined;
    }
  }

  /** The sorted entries of one partition (empty when there is none). */
  partition(key: string): Partition {
    return this.partitions.get(key) ?? EMPTY;
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
