/**
 * The clock port of the engines that wait (SQS visibility and long polling, schedules): time and
 * timers in one interface, so a test can drive an engine through hours in microseconds with the
 * manual clock of `@onboarding/local-aws-core/testing`.
 */

/** A timer that can be cancelled; cancelling a fired or cancelled timer does nothing. */
export interface TimerHandle {
  cancel(): void;
}

/** Time in epoch milliseconds, and timers on the same time line. */
export interface Clock {
  now(): number;
  /** Calls `callback` once, `delayMs` from now (0 or less: as soon as possible). */
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

/** Node's timers stop at 2^31-1 ms (24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now()` and unref'd Node timers (a pending timer never keeps a process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const due = Date.now() + Math.max(0, delayMs);
    const arm = () => {
      const left = due - Date.now();
      timer = setTimeout(() => {
        if (cancelled) return;
        if (due - Date.now() > 0) arm();
        else callback();
      }, Math.min(Math.max(0, left), MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    return {
      cancel() {
        cancelled = true;
        if (timer) clearTimeout(timer);
      },
    };
  },
};
