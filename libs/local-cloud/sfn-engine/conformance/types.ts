/**
 * The shape of a conformance case: pure data, so the same table runs against this library and,
 * end to end, against the local Step Functions endpoint. Task results are given the way AWS's
 * Step Functions Local mock configuration gives them (`MockedResponses`: per attempt, `Return`
 * or `Throw`), so an endpoint that loads mocks can run the cases too.
 */

/** One mocked response of a Task attempt (Step Functions Local's mock format). */
export type MockedResponse = { Return: unknown } | { Throw: { Error: string; Cause?: string } } | { Hang: true };

/**
 * Mocked responses of a Task state by attempt: keys are attempt numbers (`"0"`) or inclusive
 * ranges (`"1-3"`), counted across every entry of the state in the execution, as in AWS's format.
 * `Hang` (this suite's own) never answers: for TimeoutSeconds and HeartbeatSeconds cases.
 */
export type MockedAttempts = Record<string, MockedResponse>;

/** A check of one value of the output, for outputs that are not fixed (UUIDs, random numbers). */
export interface OutputCheck {
  /** A reference path into the output, e.g. `$.id`; `$` is the whole output. */
  path: string;
  equals?: unknown;
  /** Inclusive bounds of a number. */
  between?: [number, number];
  /** A regular expression a string must match. */
  matches?: string;
  /** `typeof` of the value, or `array` / `null`. */
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
}

/** Facts the execution history must show. */
export interface HistoryExpectation {
  /** The exact sequence of event types. */
  types?: string[];
  /** Event types that must appear (in this order, not necessarily adjacent). */
  includes?: string[];
  /** Event types that must not appear. */
  excludes?: string[];
  /** Events (matched by type, in order) whose details must contain these members. */
  events?: { type: string; details: Record<string, unknown> }[];
}

/** What an execution must end with. */
export interface ExecutionExpectation {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  output?: unknown;
  checks?: OutputCheck[];
  error?: string;
  /** A substring of the cause. */
  causeIncludes?: string;
  /** Exact cause. */
  cause?: string;
  history?: HistoryExpectation;
  /** Virtual seconds from start to end (Wait states, retry back-off, time-outs). */
  elapsedSeconds?: number;
  /** The arguments each Task attempt received, by state name, in order. */
  taskArguments?: Record<string, unknown[]>;
}

/** What validation must answer. */
export interface ValidationExpectation {
  result: 'OK' | 'FAIL';
  /** Diagnostic codes that must be present. */
  codes?: string[];
  /** Locations (JSON pointers) that must be named. */
  locations?: string[];
  /** Substrings the messages must contain (each in some message). */
  messageIncludes?: string[];
}

/** One case. */
export interface ConformanceCase {
  /** Unique, `area/what-it-pins`. */
  id: string;
  /** The developer guide page the rule or example comes from (its file name). */
  source: string;
  /** The rule, in one sentence. */
  rule: string;
  definition: unknown;
  input?: unknown;
  mocks?: Record<string, MockedAttempts>;
  /** A fixed value for every random draw (jitter, $random, States.MathRandom without seed). */
  random?: number;
  /** The execution's expected end; absent for validation-only cases. */
  expect?: ExecutionExpectation;
  validation?: ValidationExpectation;
}
