/** Waiting on a condition instead of sleeping: a test is as fast as the code, and never flaky for want of time. */

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How many turns of the event loop to check for. @default 1000 */
  readonly turns?: number;
  /** Said by the error when the condition never holds. @default 'condition not met' */
  readonly description?: string;
}

/**
 * Resolves as soon as `condition` holds, checking once per turn of the event loop (after I/O
 * callbacks, through `setImmediate`); rejects after `turns` turns.
 */
export async function waitFor(condition: () => boolean, options: WaitForOptions = {}): Promise<void> {
  const turns = options.turns ?? 1_000;
  if (!Number.isInteger(turns) || turns < 1) throw new Error(`turns must be a whole number from 1, not ${turns}`);
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (condition()) return;
  throw new Error(`${options.description ?? 'condition not met'} after ${turns} turns of the event loop`);
}

/** What {@link eventually} polls: falsy until the awaited thing has happened, then the value wanted. */
export type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/**
 * Polls `probe` every 20 ms until it answers a truthy value and resolves with that value; rejects
 * with `Timed out waiting for <what>` after `timeoutMs`. For conditions that need I/O to check (an
 * HTTP call, a file, another process), where {@link waitFor}'s event-loop turns are too short a unit.
 */
export async function eventually<T>(probe: Probe<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
