/**
 * Scaled Retry delays. A Standard workflow waits `IntervalSeconds * BackoffRate^n` (capped by
 * `MaxDelaySeconds`, randomised by `JitterStrategy: FULL`) before the n-th retry; locally, waiting
 * real seconds makes tests and failure drills slow. With `retryDelayScale` below 1 the local cloud
 * waits the same delay times the scale: the shape of the backoff (growth, cap, jitter) stays, only
 * the clock runs faster. With scale 1 the runner computes the delays itself, unchanged.
 *
 * aws-local-stepfunctions accepts `retryIntervalOverrides[stateName]` as milliseconds per retrier,
 * read each time a state fails. The object built here answers with getters, so each read computes
 * the delay for the retry about to happen from the retries already done (counted by the history
 * from the runner's StateRetried events). In a Map iteration, where the same state runs several
 * times at once, the count is shared by the iterations: the delays are then approximate.
 */

type StateDefinition = Record<string, unknown>;

interface Retrier {
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/** ASL defaults of a retrier. */
const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_BACKOFF_RATE = 2;

/** The delay in milliseconds before retry number `retriesDone + 1`, scaled. */
export function scaledRetryDelayMs(retrier: Retrier, retriesDone: number, scale: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const backoff = retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE;
  let seconds = interval * backoff ** retriesDone;
  if (typeof retrier.MaxDelaySeconds === 'number' && retrier.MaxDelaySeconds > 0) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return seconds * 1000 * scale;
}

/**
 * Builds the runner's `retryIntervalOverrides` for the states that have a Retry field; undefined
 * when the scale is 1 (the runner's own delays are then the faithful ones).
 */
export function createRetryIntervalOverrides(
  states: ReadonlyMap<string, StateDefinition>,
  scale: number,
  retriesOf: (stateName: string) => readonly number[],
): Record<string, number[]> | undefined {
  if (scale === 1) return undefined;
  const overrides: Record<string, number[]> = {};
  for (const [name, state] of states) {
    const retriers = state['Retry'];
    if (!Array.isArray(retriers) || retriers.length === 0) continue;
    Object.defineProperty(overrides, name, {
      enumerable: true,
      get: () => {
        const done = retriesOf(name);
        return retriers.map((retrier: Retrier, i) => scaledRetryDelayMs(retrier, done[i] ?? 0, scale));
      },
    });
  }
  return overrides;
}
