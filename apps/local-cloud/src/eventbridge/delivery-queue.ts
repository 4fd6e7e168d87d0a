/**
 * The bus's delivery queue. EventBridge answers PutEvents as soon as it has accepted the events and
 * delivers them to targets afterwards; so does the local bus. An accepted event is never dropped:
 * each delivery is retried on failure (with backoff, within the target's RetryPolicy), and one that
 * still fails is kept as a dead letter, where tests, the console and a DLQ forwarder can see it.
 */

/** One delivery to run. */
export interface DeliveryJob {
  /** Delivers once; rejects when the target refused or failed. */
  run(): Promise<void>;
  /** Retries allowed after the first attempt. */
  maxRetries: number;
  /** A delivery older than this (since acceptance) is not retried any more. */
  maxAgeMs: number;
  acceptedAt: number;
}

/** Options of {@link DeliveryQueue}. */
export interface DeliveryQueueOptions<J extends DeliveryJob = DeliveryJob> {
  /** Deliveries running at once. @default 64 */
  concurrency?: number;
  /** First retry delay; doubles each retry. @default 20 */
  baseRetryDelayMs?: number;
  /** Longest retry delay. @default 1000 */
  maxRetryDelayMs?: number;
  /** Whether an error is worth retrying. @default every error but a caller (4xx) fault */
  isRetryable?: (error: unknown) => boolean;
  /** Called once per delivery that failed for good. */
  onDeadLetter(job: J, error: unknown, attempts: number): void;
  /** Clock, for the age limit. */
  nowMs?: () => number;
}

/** True unless the error says it is the caller's fault (AWS-style `fault`/`$fault`, or a 4xx status). */
export function isRetryableDeliveryError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return true;
  const e = error as { fault?: unknown; $fault?: unknown; statusCode?: unknown; retryable?: unknown };
  if (e.retryable === false) return false;
  if (e.fault === 'client' || e.$fault === 'client') return false;
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return false;
  return true;
}

/** Runs deliveries in the background with bounded concurrency; `idle()` tells when all are done. */
export class DeliveryQueue<J extends DeliveryJob = DeliveryJob> {
  private readonly pending: { job: J; attempt: number }[] = [];
  private head = 0;
  private active = 0;
  private waitingRetries = 0;
  private idleWaiters: (() => void)[] = [];
  private scheduled = false;
  private readonly concurrency: number;
  private readonly baseRetryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly isRetryable: (error: unknown) => boolean;
  private readonly nowMs: () => number;

  constructor(private readonly options: DeliveryQueueOptions<J>) {
    this.concurrency = options.concurrency ?? 64;
    this.baseRetryDelayMs = options.baseRetryDelayMs ?? 20;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 1000;
    this.isRetryable = options.isRetryable ?? isRetryableDeliveryError;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Queues a delivery. It starts after the current call stack: the PutEvents answer goes first. */
  enqueue(job: J): void {
    this.pending.push({ job, attempt: 0 });
    this.schedule();
  }

  /** Deliveries queued, running or waiting for a retry. */
  get size(): number {
    return this.pending.length - this.head + this.active + this.waitingRetries;
  }

  /** Resolves when no delivery is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.concurrency && this.head < this.pending.length) {
      const item = this.pending[this.head] as { job: J; attempt: number };
      this.pending[this.head] = undefined as never;
      this.head++;
      this.active++;
      void this.attempt(item.job, item.attempt);
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    this.notifyIfIdle();
  }

  private async attempt(job: J, attempt: number): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      const tooOld = this.nowMs() - job.acceptedAt > job.maxAgeMs;
      if (attempt < job.maxRetries && !tooOld && this.isRetryable(error)) {
        this.retryLater(job, attempt + 1);
      } else {
        try {
          this.options.onDeadLetter(job, error, attempt + 1);
        } catch {
          // A failing dead-letter hook must not stop the queue.
        }
      }
    } finally {
      this.active--;
      this.pump();
    }
  }

  private retryLater(job: J, attempt: number): void {
    this.waitingRetries++;
    const delay = Math.min(this.maxRetryDelayMs, this.baseRetryDelayMs * 2 ** (attempt - 1));
    setTimeout(() => {
      this.waitingRetries--;
      this.pending.push({ job, attempt });
      this.pump();
    }, delay);
  }

  private notifyIfIdle(): void {
    if (this.size !== 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
