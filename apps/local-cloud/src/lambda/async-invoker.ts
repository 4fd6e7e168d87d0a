/**
 * Lambda's asynchronous invocation (InvocationType Event, how EventBridge invokes a function):
 * the event is accepted at once, run in the background, retried on a function error as the
 * function's `EventInvokeConfig` says (Lambda's defaults: 2 retries, 6 hours), and after the last
 * failure sent to its on-failure destination or dead-letter queue in Lambda's destination record
 * format. Lambda waits 1 then 2 minutes between retries; locally the waits are scaled down
 * (`retryDelayMs`) so a failing step shows up in seconds.
 */
import type { FunctionModel, InvokeResult } from '../model';
import type { DeadLetterStore } from '../boot/dead-letter-store';
import { ResourceNotFoundError } from './errors';
import type { LambdaRuntime } from './lambda-runtime';

export interface AsyncInvokerOptions {
  runtime: LambdaRuntime;
  deadLetters: DeadLetterStore;
  /** Delay before retry `n` (1-based). @default 200 ms × n (Lambda: 1 min, 2 min) */
  retryDelayMs?: (retry: number) => number;
  /**
   * The journal of accepted work (src/persistence, with --data-dir): an accepted invocation is
   * recorded (`durable` of invokeAsync resolves once it is on disk) and settled when it succeeded or
   * was dead-lettered. With a journal, what is still running or waiting at stop stays owed (it
   * runs again at the next boot) instead of becoming a `Shutdown` dead letter.
   */
  journal?: {
    accepted(invocation: { requestId: string; functionName: string; payload: unknown; acceptedAt: number }): Promise<void>;
    settled(requestId: string, deadLettered: boolean): void;
  };
}

export class AsyncInvoker {
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  /** Retries waiting for their time, with what to do with their event if the cloud stops first. */
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  constructor(private readonly options: AsyncInvokerOptions) {}

  /**
   * Accepts an event for a function and runs it in the background.
   * @throws ResourceNotFoundError (synchronously, as the Invoke call would fail) when there is no such function
   */
  invokeAsync(functionArnOrName: string, event: unknown, accepted?: { requestId: string; acceptedAt: number }): { requestId: string; durable: Promise<void> } {
    const fn = this.options.runtime.find(functionArnOrName);
    if (!fn) throw new ResourceNotFoundError(`Function not found: ${functionArnOrName}`);
    // `accepted` carries the identity of an invocation accepted before a restart (recovery).
    const requestId = accepted?.requestId ?? crypto.randomUUID();
    const acceptedAt = accepted?.acceptedAt ?? Date.now();
    const durable = this.options.journal?.accepted({ requestId, functionName: fn.functionName, payload: event, acceptedAt }) ?? Promise.resolve();
    // A caller that does not wait for it must not turn a failed journal write into an unhandled rejection.
    durable.catch(() => undefined);
    this.inFlight += 1;
    void this.attempt(fn.functionName, event, requestId, acceptedAt, 1);
    return { requestId, durable };
  }

  /** Resolves when no async invocation is running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels the retries still waiting (their events go to the dead letters: never dropped). */
  stop(): void {
    this.stopped = true;
    for (const [timer, deadLetter] of this.waiting) {
      clearTimeout(timer);
      if (this.options.journal) this.done();
      else deadLetter();
    }
    this.waiting.clear();
  }

  private done(requestId?: string, deadLettered = false): void {
    if (requestId !== undefined) this.options.journal?.settled(requestId, deadLettered);
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async attempt(functionName: string, event: unknown, requestId: string, acceptedAt: number, invokeCount: number): Promise<void> {
    const fn = this.options.runtime.find(functionName);
    if (!fn) return this.done();
    const config = fn.asyncInvoke ?? { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 };
    let result: InvokeResult | undefined;
    let failure: { errorType: string; errorMessage: string } | undefined;
    try {
      result = await this.options.runtime.invoke(fn.arn, event);
      if (result.FunctionError) failure = result.Payload as { errorType: string; errorMessage: string };
    } catch (error) {
      failure = { errorType: (error as Error).name, errorMessage: (error as Error).message };
    }
    if (!failure) return this.done(requestId);
    // Stopping with a journal: the invocation stays owed and runs again at the next boot.
    if (this.stopped && this.options.journal) return this.done();
    const failed = failure;
    const retriesDone = invokeCount - 1;
    const tooOld = Date.now() - acceptedAt > config.maximumEventAgeInSeconds * 1000;
    if (!this.stopped && retriesDone < config.maximumRetryAttempts && !tooOld) {
      const delay = (this.options.retryDelayMs ?? ((n: number) => 200 * n))(invokeCount);
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        void this.attempt(functionName, event, requestId, acceptedAt, invokeCount + 1);
      }, delay);
      this.waiting.set(timer, () => this.deadLetter(fn, event, requestId, invokeCount, 'Shutdown', result, failed));
      return;
    }
    this.deadLetter(fn, event, requestId, invokeCount, this.stopped ? 'Shutdown' : tooOld ? 'EventAgeExceeded' : 'RetriesExhausted', result, failure);
  }

  private deadLetter(
    fn: FunctionModel,
    event: unknown,
    requestId: string,
    invokeCount: number,
    condition: string,
    result: InvokeResult | undefined,
    failure: { errorType: string; errorMessage: string },
  ): void {
    const config = fn.asyncInvoke;
    this.options.deadLetters.add(config?.onFailureArn ?? `lambda-async:${fn.functionName}`, `lambda:${fn.functionName}`, {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId, functionArn: `${fn.arn}:$LATEST`, condition, approximateInvokeCount: invokeCount },
      requestPayload: event,
      responseContext: { statusCode: result?.StatusCode ?? 500, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: result?.Payload ?? failure,
    });
    this.done(requestId, true);
  }
}
