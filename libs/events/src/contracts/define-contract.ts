/**
 * The shape every event contract has: where the event comes from, what it is called, which schema
 * version it is, and the zod schema of its `detail`.
 */
import type { z } from 'zod';

/** A versioned event contract. `detail` always carries `version`, `signupId` and `tenantId`. */
export interface EventContract<Schema extends z.ZodType = z.ZodType> {
  /** The EventBridge `source` of the event. */
  readonly source: string;
  /** The EventBridge `detail-type` of the event. */
  readonly detailType: string;
  /** The schema version, also carried in `detail.version`. A breaking change is a new version. */
  readonly version: string;
  /** The zod schema of `detail`. */
  readonly schema: Schema;
  /** One sentence for people reading the JSON Schema export. */
  readonly description: string;
}

/** The detail type a contract describes, after parsing (defaults applied, strings normalized). */
export type DetailOf<C extends EventContract> = z.output<C['schema']>;

/** What a publisher passes: the detail before defaults and normalization, without `version`. */
export type DetailInputOf<C extends EventContract> = Omit<z.input<C['schema']>, 'version'>;

/** Declares a contract; the identity function that keeps the literal types. */
export function defineContract<Schema extends z.ZodType>(contract: EventContract<Schema>): EventContract<Schema> {
  return Object.freeze(contract);
}
