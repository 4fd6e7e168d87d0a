/**
 * ConsumedCapacity, computed with DynamoDB's rules (developer guide, "Read/write capacity mode"):
 * a write costs one unit per started KB of the larger of the old and new item, plus one per
 * secondary index the item is written to; a read costs one unit per started 4 KB, half of that
 * when eventually consistent; transactions cost twice. Answered only when asked for.
 */
import { itemSize, type Item } from './attribute-value';
import type { Table } from './table';

export type ReturnConsumedCapacity = 'INDEXES' | 'TOTAL' | 'NONE';

export interface ConsumedCapacity {
  TableName: string;
  CapacityUnits: number;
  Table?: { CapacityUnits: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits: number }>;
}

/** Capacity of one table, by part (table or index name). */
export class CapacityMeter {
  private table = 0;
  private readonly indexes = new Map<string, { kind: 'GSI' | 'LSI'; units: number }>();

  constructor(readonly tableName: string) {}

  addTable(units: number): void {
    this.table += units;
  }

  addIndex(name: string, kind: 'GSI' | 'LSI', units: number): void {
    const entry = this.indexes.get(name) ?? { kind, units: 0 };
    entry.units += units;
    this.indexes.set(name, entry);
  }

  report(mode: ReturnConsumedCapacity | undefined): ConsumedCapacity | undefined {
    if (mode === undefined || mode === 'NONE') return undefined;
    let total = this.table;
    for (const entry of this.indexes.values()) total += entry.units;
    const capacity: ConsumedCapacity = { TableName: this.tableName, CapacityUnits: total };
    if (mode === 'INDEXES') {
      capacity.Table = { CapacityUnits: this.table };
      for (const [name, entry] of this.indexes) {
        const key = entry.kind === 'GSI' ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes';
        (capacity[key] ??= {})[name] = { CapacityUnits: entry.units };
      }
    }
    return capacity;
  }
}

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
export const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** Meters a write of one item (`before` → `after`) on a table and the indexes it touches. */
export function meterWrite(meter: CapacityMeter, table: Table, before: Item | undefined, after: Item | undefined, factor = 1): void {
  const size = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  meter.addTable(writeUnits(size) * factor);
  for (const index of table.indexes.values()) {
    const was = before !== undefined && index.data.partitionOf(before) !== undefined;
    const is = after !== undefined && index.data.partitionOf(after) !== undefined;
    if (!was && !is) continue;
    const projectedSize = Math.max(was ? itemSize(index.project(before as Item)) : 0, is ? itemSize(index.project(after as Item)) : 0);
    meter.addIndex(index.name, index.kind, writeUnits(projectedSize) * factor);
  }
}
