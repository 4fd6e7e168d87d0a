/**
 * Loads aws-local-stepfunctions, the ASL runner behind the local Step Functions. Its package says
 * Node >= 22 because it calls `Promise.withResolvers` (Node 22+); the polyfill below makes it run
 * on Node 20, which this repository supports. It is installed only where the runtime lacks it.
 */
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';

interface WithResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const PromiseWithResolvers = Promise as unknown as { withResolvers?: <T>() => WithResolvers<T> };
if (typeof PromiseWithResolvers.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>(): WithResolvers<T> {
      let resolve!: WithResolvers<T>['resolve'];
      let reject!: WithResolvers<T>['reject'];
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** A runner event (the subset of the runner's `EventLog` union the history reads). */
export interface RunnerEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string; type: string; input: unknown };
  index?: number;
  retry?: { retrier: unknown; attempt: number };
  Error?: string;
  Cause?: unknown;
  input?: unknown;
  output?: unknown;
}

export { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine };
