/**
 * Task tokens of `.waitForTaskToken` tasks and the callbacks that complete them
 * (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). One registry can serve many executions
 * and machines, as the Step Functions endpoint does; refusals carry the API's exception names.
 */
import { randomBytes } from 'node:crypto';
import { TaskCallbackError, TaskFailure } from './errors';
import { toJson } from './json';

const TOKEN_PREFIX = 'AQ';
/** How many finished tokens are remembered (to answer TaskTimedOut rather than TaskDoesNotExist). */
const REMEMBERED_FINISHED = 10_000;
const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{40,}$/;

interface Waiting {
  resolve(output: unknown): void;
  reject(error: unknown): void;
  heartbeat(): void;
}

/** Issues task tokens and routes callbacks to the tasks waiting on them. */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, Waiting>();
  private readonly finished = new Map<string, 'completed' | 'timed-out'>();

  /** A new opaque token (base64url, prefixed like AWS's). */
  newToken(): string {
    return `${TOKEN_PREFIX}${randomBytes(48).toString('base64url')}`;
  }

  /** Registers a waiting task; its promise settles on the callback. @internal */
  wait(token: string, onHeartbeat: () => void): { promise: Promise<unknown>; close(reason: 'completed' | 'timed-out'): void } {
    let waiting!: Waiting;
    const promise = new Promise<unknown>((resolve, reject) => {
      waiting = { resolve, reject, heartbeat: onHeartbeat };
    });
    this.waiting.set(token, waiting);
    return {
      promise,
      close: (reason) => {
        this.waiting.delete(token);
        this.remember(token, reason);
      },
    };
  }

  /** Tokens whose tasks are waiting now. */
  get pendingTokens(): string[] {
    return [...this.waiting.keys()];
  }

  /**
   * SendTaskSuccess: completes the task with `output` (JSON text, or a value).
   * @throws TaskCallbackError InvalidToken, TaskDoesNotExist, TaskTimedOut or InvalidOutput
   */
  sendTaskSuccess(token: string, output: unknown): void {
    const waiting = this.find(token);
    let value: unknown;
    if (typeof output === 'string') {
      try {
        value = JSON.parse(output);
      } catch {
        throw new TaskCallbackError('InvalidOutput', 'The output is not valid JSON text');
      }
    } else value = toJson(output);
    this.complete(token);
    waiting.resolve(value);
  }

  /**
   * SendTaskFailure: fails the task with an error name and cause.
   * @throws TaskCallbackError InvalidToken, TaskDoesNotExist or TaskTimedOut
   */
  sendTaskFailure(token: string, error = '', cause = ''): void {
    const waiting = this.find(token);
    this.complete(token);
    waiting.reject(new TaskFailure(error, cause));
  }

  /**
   * SendTaskHeartbeat: resets the task's HeartbeatSeconds deadline.
   * @throws TaskCallbackError InvalidToken, TaskDoesNotExist or TaskTimedOut
   */
  sendTaskHeartbeat(token: string): void {
    this.find(token).heartbeat();
  }

  private complete(token: string): void {
    this.waiting.delete(token);
    this.remember(token, 'completed');
  }

  private remember(token: string, reason: 'completed' | 'timed-out'): void {
    this.finished.set(token, reason);
    if (this.finished.size > REMEMBERED_FINISHED) this.finished.delete(this.finished.keys().next().value as string);
  }

  private find(token: string): Waiting {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new TaskCallbackError('InvalidToken', 'Invalid token');
    const waiting = this.waiting.get(token);
    if (waiting) return waiting;
    if (this.finished.get(token) === 'timed-out') throw new TaskCallbackError('TaskTimedOut', 'Task Timed Out');
    throw new TaskCallbackError('TaskDoesNotExist', 'Task does not exist anymore');
  }
}
