/**
 * The two shapes a contract has. An event contract is what goes over the bus: its EventBridge
 * `source` and `detail-type`, its schema version and the schema of its `detail`. A step contract is
 * what the state machine and one team's function exchange: the payload the step receives, what it
 * returns, and the names of the errors it may throw.
 *
 * Each contract version is its own Nx project under `libs/contracts/<name>/v<N>` that calls one of
 * the two `define…` functions below. Schemas are open objects (`z.object`): readers ignore fields
 * they do not know, and the writer helpers refuse them (see `write.ts`).
 */
import type { z } from 'zod';

/** Error names a step may fail with, as the state machine retries (`retryable`) or catches them. */
export interface StepErrorNames {
  /** Transient failures: the state machine retries them with backoff and jitter. */
  readonly retryable: readonly string[];
  /** Failures retrying cannot fix: the state machine takes the failure path at once. */
  readonly permanent: readonly string[];
}

/** A versioned event contract. `detail` always carries `version`, `signupId` and `tenantId`. */
export interface EventContract<Schema extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  /** The contract's name: its `detail-type`. */
  readonly name: string;
  /** The EventBridge `source` of the event. */
  readonly source: string;
  /** The EventBridge `detail-type` of the event. */
  readonly detailType: string;
  /** The schema version, also carried in `detail.version`. A breaking change is a new version. */
  readonly version: string;
  /** The zod schema of `detail`. */
  readonly schema: Schema;
  /** One sentence for the catalog and the JSON Schema export. */
  readonly description: string;
}

/** A versioned step contract between the state machine and the function that implements the step. */
export interface StepContract<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType, Step extends string = string> {
  readonly kind: 'step';
  /** The contract's name: the step's name, which is also the state name and the SSM parameter's. */
  readonly name: Step;
  readonly step: Step;
  /** The contract version. A breaking change is a new version. */
  readonly version: string;
  /** The payload the state machine passes. */
  readonly input: Input;
  /** What the function returns. */
  readonly output: Output;
  /** The step's own error names; every step may also throw {@link COMMON_STEP_ERRORS}. */
  readonly errors: StepErrorNames;
  /** One sentence for the catalog and the JSON Schema export. */
  readonly description: string;
}

/** Any contract. */
export type Contract = EventContract | StepContract;

/** The detail type a contract describes, after parsing (defaults applied, strings normalized). */
export type DetailOf<C extends EventContract> = z.output<C['schema']>;

/** What a publisher passes: the detail before defaults and normalization, without `version`. */
export type DetailInputOf<C extends EventContract> = Omit<z.input<C['schema']>, 'version'>;

/** A step's payload as the function sees it, after parsing. */
export type StepInputOf<C extends StepContract> = z.output<C['input']>;

/** A step's result as the function writes it (before defaults). */
export type StepOutputOf<C extends StepContract> = z.input<C['output']>;

/** Declares an event contract. Frozen, so no consumer can change what another reads. */
export function defineEventContract<Schema extends z.ZodType>(contract: Omit<EventContract<Schema>, 'kind' | 'name'>): EventContract<Schema> {
  return Object.freeze({ ...contract, kind: 'event', name: contract.detailType });
}

/** Declares a step contract. Frozen, so no consumer can change what another reads. */
export function defineStepContract<Input extends z.ZodType, Output extends z.ZodType, Step extends string>(
  contract: Omit<StepContract<Input, Output, Step>, 'kind' | 'name'>,
): StepContract<Input, Output, Step> {
  return Object.freeze({ ...contract, kind: 'step', name: contract.step, errors: Object.freeze({ ...contract.errors }) });
}

/** True for a value declared with {@link defineEventContract} or {@link defineStepContract}. */
export function isContract(value: unknown): value is Contract {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (kind === 'event' || kind === 'step') && typeof (value as { version?: unknown }).version === 'string';
}
