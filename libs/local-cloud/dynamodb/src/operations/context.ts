/**
 * What an operation sees of the engine: tables by name, the clock, and `commit`, the one way to
 * change items (journaled first, then applied, all writes of a call at once).
 */
import type { Item } from '../attribute-value';
import type { Table } from '../table';

/** One item's change: `after` undefined deletes it. */
export interface PlannedWrite {
  table: Table;
  key: string;
  before: Item | undefined;
  after: Item | undefined;
}

/** A ClientRequestToken's record: the request it came with and the answer it got. */
export interface TokenRecord {
  token: string;
  requestHash: string;
  response: unknown;
  /** Milliseconds since the epoch when the first request completed. */
  at: number;
}

export interface EngineContext {
  /** The table a TableName (or table ARN) names; ResourceNotFoundException otherwise. */
  table(name: unknown): Table;
  /** Applies writes atomically (and durably, with a data directory), with the token of a transaction. */
  commit(writes: PlannedWrite[], token?: TokenRecord): void;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A ClientRequestToken seen in the last 10 minutes. */
  token(token: string): TokenRecord | undefined;
}
