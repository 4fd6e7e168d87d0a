/** A {@link Clock} that moves only when a test says so: timers fire in due order as time advances. */
import type { Clock, TimerHandle } from './clock';

interface PendingTimer {
  due: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** A manual clock for tests: `advance(ms)` runs every timer that falls due, at its own due time. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers: PendingTimer[] = [];
  private seq = 0;

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = { due: this.current + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Timers not yet fired nor cancelled. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing each due timer with `now()` at its due time (timers set while firing count too). */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `target` (epoch ms or a Date); never backwards. */
  advanceTo(target: number | Date): void {
    const end = typeof target === 'number' ? target : target.getTime();
    if (end < this.current) throw new Error(`ManualClock cannot go back in time (from ${this.current} to ${end})`);
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.due <= end).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      next.cancelled = true;
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = end;
    for (let i = this.timers.length - 1; i >= 0; i--) if ((this.timers[i] as PendingTimer).cancelled) this.timers.splice(i, 1);
  }
}
