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
