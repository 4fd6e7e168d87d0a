/**
 * The measured profile of every function (`tools/cost-model/profile/functions.json`): what one
 * invocation costs in AWS's units, per outcome, as counted on the wire while the real bundles ran
 * against the local cloud (see src/measure). It is small and committed, so `npm run cost` needs no
 * running system; `npm run cost:measure` rewrites it, and a test re-measures the counts and fails
 * when the committed file no longer says what the code does.
 */
import { readFileSync } from 'node:fs';
import type { PublishedEvent } from '../sandbox/counting-proxy';

/** What one invocation asks of AWS, per invocation (means over the measured invocations). */
export interface RequestCounts {
  /** `<service>:<Operation>` → requests per invocation. */
  requests: Record<string, number>;
  dynamodbReadUnits: number;
  dynamodbWriteUnits: number;
  /** S3 requests at the PUT/COPY/POST/LIST price. */
  s3Tier1: number;
  /** S3 requests at the GET/HEAD (and other) price. */
  s3Tier2: number;
  sesRecipients: number;
  secretsManagerCalls: number;
  /** EventBridge entries put, and their size in 64 KB chunks. */
  eventsPublished: number;
  eventChunks: number;
}

/** A percentile pair, ms. */
export interface Percentiles {
  p50: number;
  p95: number;
}

/** One outcome (success or failure) of a function. */
export interface OutcomeProfile extends RequestCounts {
  /** Invocations measured (warm ones for the durations). */
  invocations: number;
  /** Handler duration of warm invocations. */
  durationMs: Percentiles;
  /** CPU time of warm invocations (user + system), p50. */
  cpuMs: number;
  /** Log bytes and log events the handler wrote per invocation (application logs). */
  logBytes: number;
  logEvents: number;
}

/** A function's profile. */
export interface FunctionProfile {
  app: string;
  name: string;
  stackName: string;
  logicalId: string;
  runtime: string;
  memoryMb: number;
  /** The code asset it was measured on (`asset.<hash>`): a different one means the profile may be stale. */
  asset?: string;
  coldStart: { samples: number; initMs: Percentiles; firstInvokeMs: Percentiles };
  success?: OutcomeProfile;
  failure?: OutcomeProfile;
  /** What a cold (first) invocation asks for beyond a warm one (a secret fetched once per sandbox, ...). */
  coldStartExtra?: Partial<Omit<RequestCounts, 'requests'>> & { requests?: Record<string, number> };
  /** One successful output, for the state machine walk. */
  sampleOutput?: unknown;
  /** The events a successful invocation puts on a bus. */
  publishes?: PublishedEvent[];
  /** The executions a successful invocation starts (state machine as `<stack>/<logicalId>`, and the execution name it gave, if any). */
  startsExecutions?: { stateMachine: string; name?: string; input: unknown }[];
}

/** The profile file. */
export interface MeasuredProfile {
  measuredOn: string;
  command: string;
  environment: { node: string; platform: string; cpus: number; note: string };
  /** Fresh-process repetitions the durations come from. */
  repeat: number;
  /** Scenario keys that were run for real. */
  scenarios: string[];
  /** What the measurement could not do as intended. */
  warnings?: string[];
  functions: Record<string, FunctionProfile>;
}

/** The profile file is missing or malformed. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** The key of a function in the profile. */
export function profileKey(fn: { stackName: string; logicalId: string }): string {
  return `${fn.stackName}/${fn.logicalId}`;
}

/** Reads and checks a profile file. */
export function readProfile(file: string): MeasuredProfile {
  let profile: MeasuredProfile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8')) as MeasuredProfile;
  } catch (error) {
    throw new ProfileError(`cannot read the function profile ${file}: ${(error as Error).message}. Run \`npm run cost:measure\` to write it.`);
  }
  if (!profile || typeof profile.functions !== 'object') throw new ProfileError(`${file} has no "functions": run \`npm run cost:measure\``);
  return profile;
}

/** The counts of a profile, in a stable text form (what the honesty test compares). */
export function countsOf(profile: MeasuredProfile): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const counts = (o: RequestCounts | undefined) =>
    o && {
      requests: Object.fromEntries(Object.entries(o.requests).sort().map(([k, v]) => [k, round(v)])),
      dynamodbReadUnits: round(o.dynamodbReadUnits),
      dynamodbWriteUnits: round(o.dynamodbWriteUnits),
      s3Tier1: round(o.s3Tier1),
      s3Tier2: round(o.s3Tier2),
      sesRecipients: round(o.sesRecipients),
      secretsManagerCalls: round(o.secretsManagerCalls),
      eventsPublished: round(o.eventsPublished),
    };
  for (const [key, fn] of Object.entries(profile.functions).sort(([a], [b]) => a.localeCompare(b))) {
    out[key] = { success: counts(fn.success), failure: counts(fn.failure), coldStartExtra: fn.coldStartExtra?.requests ?? {} };
  }
  return out;
}
