/**
 * Time as the engine sees it. Every wait (Wait states, retry back-off, task time-outs, heartbeat
 * deadlines, the execution's TimeoutSeconds) goes through a {@link Clock}, so a test can run a
 * workflow that waits for days in milliseconds with a {@link VirtualClock}.
 */

/** The engine's source of time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** The longest delay one Node.js timer takes (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, Math.min(ms, MAX_TIMER_MS)),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wall-clock time and real timers (longer waits than one timer allows are chained). */
export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    let remaining = ms;
    while (remaining > MAX_TIMER_MS) {
      await realSleep(MAX_TIMER_MS, signal);
      remaining -= MAX_TIMER_MS;
    }
    await realSleep(remaining, signal);
  },
};

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** The clock's time at creation, as epoch milliseconds or a Date. @default 2024-01-01T00:00:00.000Z */
  start?: number | Date;
  /**
   * Jump to the next timer by itself whenever the event loop has nothing else to do first (after
   * a `setImmediate` turn), so an execution runs to its end in virtual time without a test
   * advancing the clock. Turn it off to step time with {@link VirtualClock.advance}.
   * @default true
   */
  autoAdvance?: boolean;
}

/**
 * A clock whose time moves only when timers are due. Timers fire in time order (ties in the order
 * they were set). With `autoAdvance` (the default) the clock moves to the earliest timer after one
 * turn of the event loop, which lets work that settles without real timers (task stubs that
 * return or resolve at once) run first. A task stub that waits on real I/O or real timers races
 * virtual time: use the system clock for those, or `autoAdvance: false` and advance by hand.
 */
export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers: Timer[] = [];
  private scheduled = false;
  private readonly autoAdvance: boolean;

  constructor(options: VirtualClockOptions = {}) {
    const start = options.start ?? Date.UTC(2024, 0, 1);
    this.time = typeof start === 'number' ? start : start.getTime();
    this.autoAdvance = options.autoAdvance ?? true;
  }

  now(): number {
    return this.time;
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
      this.schedule();
    });
  }

  /**
   * Moves time forward by `ms`, firing every timer due on the way, in order. Work that is ready to
   * run (a state about to start its Wait) runs first, so its timers count.
   */
  async advance(ms: number): Promise<void> {
    await flush();
    await flush();
    const target = this.time + ms;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
      await flush();
    }
    this.time = Math.max(this.time, target);
  }

  /** Moves time to the earliest timer and fires it (and any due at the same instant); false when there is none. */
  async advanceToNext(): Promise<boolean> {
    const next = this.timers[0];
    if (!next) return false;
    await this.advance(next.at - this.time);
    return true;
  }

  private insert(timer: Timer): void {
    let i = this.timers.length;
    while (i > 0) {
      const t = this.timers[i - 1] as Timer;
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) break;
      i--;
    }
    this.timers.splice(i, 0, timer);
  }

  private schedule(): void {
    if (!this.autoAdvance || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      // A second turn lets promise chains started by the first one settle before time moves.
      setImmediate(() => {
        this.scheduled = false;
        const next = this.timers.shift();
        if (!next) return;
        this.time = Math.max(this.time, next.at);
        next.resolve();
        if (this.timers.length > 0) this.schedule();
      });
    });
  }
}

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
