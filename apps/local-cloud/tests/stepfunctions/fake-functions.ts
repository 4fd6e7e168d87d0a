/**
 * Fake boundaries of the Step Functions tests: `invokeFunction` answers like the Lambda runtime
 * (an InvokeResult; a thrown error comes back as `FunctionError: 'Unhandled'` with an error
 * payload) and `putEvents` like the bus. Their behaviour follows a tiny contract keyed on the
 * payload, so each test says what should happen in its input:
 *
 * - create-user: `failTimes: n` fails the first n calls for that signupId with
 *   UserStoreUnavailableError; `reject: true` always fails with DuplicateUserError; otherwise
 *   answers `{ userId: 'u-<signupId>' }`.
 * - send-welcome-email: answers `{ messageId: 'm-<signupId>' }`.
 * - echo: answers its payload.
 * - hang: answers only after `release()`.
 */
import type { InvokeFunction, InvokeResult, PutEvents, PutEventsEntry } from '../../src/model';

export interface FakeCalls {
  invocations: { functionName: string; payload: unknown }[];
  putEvents: PutEventsEntry[][];
}

function ok(payload: unknown): InvokeResult {
  return { StatusCode: 200, Payload: payload, durationMs: 1, coldStart: false };
}

function unhandled(errorType: string, errorMessage: string): InvokeResult {
  return { StatusCode: 200, FunctionError: 'Unhandled', Payload: { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`] }, durationMs: 1, coldStart: false };
}

export function fakeBoundaries(options: { failPutEvents?: boolean } = {}) {
  const calls: FakeCalls = { invocations: [], putEvents: [] };
  const attempts = new Map<string, number>();
  const hanging: (() => void)[] = [];
  const answered: Promise<InvokeResult>[] = [];

  const invokeFunction: InvokeFunction = async (functionArnOrName, payload) => {
    calls.invocations.push({ functionName: functionArnOrName, payload });
    const name = functionArnOrName.split(':').pop();
    const input = (payload ?? {}) as { signupId?: string; failTimes?: number; reject?: boolean };
    switch (name) {
      case 'create-user': {
        const key = input.signupId ?? '';
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        if (input.reject) return unhandled('DuplicateUserError', 'A user with this email exists in the tenant');
        if (attempt <= (input.failTimes ?? 0)) return unhandled('UserStoreUnavailableError', 'users table throttled');
        return ok({ userId: `u-${input.signupId}` });
      }
      case 'send-welcome-email':
        return ok({ messageId: `m-${input.signupId}` });
      case 'echo':
        return ok(payload);
      case 'crash':
        return { StatusCode: 200, FunctionError: 'Unhandled', Payload: null, durationMs: 1, coldStart: false };
      case 'hang': {
        const answer = new Promise<void>((resolve) => hanging.push(resolve)).then(() => ok({ released: true }));
        answered.push(answer);
        return answer;
      }
      default:
        throw Object.assign(new Error(`Function not found: ${functionArnOrName}`), { name: 'ResourceNotFoundException' });
    }
  };

  const putEvents: PutEvents = async (entries) => {
    calls.putEvents.push(entries);
    if (options.failPutEvents) return { FailedEntryCount: entries.length, Entries: entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'bus down' })) };
    return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${calls.putEvents.length}-${i}` })) };
  };

  return {
    calls,
    invokeFunction,
    putEvents,
    /** Lets every hanging invocation answer; resolves once they have. */
    release: async () => {
      hanging.splice(0).forEach((resolve) => resolve());
      await Promise.all(answered.splice(0));
    },
  };
}
