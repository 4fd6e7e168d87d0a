/**
 * Errors, Retry, Catch and time-outs (developer guide, "Handling errors in Step Functions
 * workflows", "Task workflow state", "Fail workflow state"). Elapsed times are virtual seconds.
 */
import type { ConformanceCase } from '../types';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

function retrying(retry: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Retry: retry, ...extra, End: true } } };
}

const withCatch = (catchers: ({ Next: string } & Record<string, unknown>)[], extra: Record<string, unknown> = {}) => ({
  StartAt: 'T',
  States: {
    T: { Type: 'Task', Resource: LAMBDA, Catch: catchers, ...extra, End: true },
    Recover: { Type: 'Pass', End: true },
    ...(catchers.some((c) => c.Next === 'Other') ? { Other: { Type: 'Pass', Result: 'other', End: true } } : {}),
  },
});

export const errorCases: ConformanceCase[] = [
  {
    id: 'errors/retry-interval-and-backoff',
    source: 'concepts-error-handling',
    rule: 'A retrier waits IntervalSeconds, multiplied by BackoffRate on each further attempt, up to MaxAttempts retries.',
    definition: retrying([{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }]),
    mocks: { T: { '0-1': { Throw: { Error: 'States.Timeout', Cause: 'slow' } }, '2': { Return: 'done' } } },
    expect: { status: 'SUCCEEDED', output: 'done', elapsedSeconds: 7.5, history: { types: ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded'] } },
  },
  {
    id: 'errors/retry-defaults',
    source: 'concepts-error-handling',
    rule: 'A retrier defaults to IntervalSeconds 1, MaxAttempts 3 and BackoffRate 2.0.',
    definition: retrying([{ ErrorEquals: ['Flaky'] }]),
    mocks: { T: { '0-3': { Throw: { Error: 'Flaky' } } } },
    expect: { status: 'FAILED', error: 'Flaky', elapsedSeconds: 7, taskArguments: { T: [{}, {}, {}, {}] } },
  },
  {
    id: 'errors/retry-max-delay-seconds',
    source: 'concepts-error-handling',
    rule: 'MaxDelaySeconds caps the interval between retries.',
    definition: retrying([{ ErrorEquals: ['Flaky'], IntervalSeconds: 5, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 10 }]),
    mocks: { T: { '0-2': { Throw: { Error: 'Flaky' } }, '3': { Return: 1 } } },
    expect: { status: 'SUCCEEDED', output: 1, elapsedSeconds: 25 },
  },
  {
    id: 'errors/retry-full-jitter',
    source: 'concepts-error-handling',
    rule: 'JitterStrategy FULL waits a random fraction of each computed interval.',
    definition: retrying([{ ErrorEquals: ['Flaky'], JitterStrategy: 'FULL' }]),
    mocks: { T: { '0-2': { Throw: { Error: 'Flaky' } }, '3': { Return: 1 } } },
    random: 0.5,
    expect: { status: 'SUCCEEDED', output: 1, elapsedSeconds: 3.5 },
  },
  {
    id: 'errors/max-attempts-zero-never-retries',
    source: 'concepts-error-handling',
    rule: 'MaxAttempts 0 means the error is never retried.',
    definition: retrying([{ ErrorEquals: ['Fatal'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }]),
    mocks: { T: { '0': { Throw: { Error: 'Fatal', Cause: 'no retry' } } } },
    expect: { status: 'FAILED', error: 'Fatal', cause: 'no retry', elapsedSeconds: 0 },
  },
  {
    id: 'errors/retriers-keep-their-own-counts',
    source: 'concepts-error-handling',
    rule: 'The first retrier whose ErrorEquals matches is used, and each retrier counts its own attempts.',
    definition: retrying([{ ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 }, { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 }]),
    mocks: { T: { '0': { Throw: { Error: 'ErrorA' } }, '1': { Throw: { Error: 'ErrorB' } }, '2': { Throw: { Error: 'ErrorC' } }, '3': { Throw: { Error: 'ErrorB' } } } },
    expect: { status: 'FAILED', error: 'ErrorB', elapsedSeconds: 8 },
  },
  {
    id: 'errors/retry-counts-reset-on-re-entry',
    source: 'concepts-error-handling',
    rule: 'Retry counts start again each time the state is entered.',
    definition: {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.r', Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1, IntervalSeconds: 1 }], Next: 'Again' },
        Again: { Type: 'Choice', Choices: [{ Variable: '$.r', StringEquals: 'first', Next: 'T' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    mocks: { T: { '0': { Throw: { Error: 'Flaky' } }, '1': { Return: 'first' }, '2': { Throw: { Error: 'Flaky' } }, '3': { Return: 'second' } } },
    expect: { status: 'SUCCEEDED', output: { r: 'second' }, elapsedSeconds: 2 },
  },
  {
    id: 'errors/catch-all-custom-error',
    source: 'concepts-error-handling',
    rule: 'States.ALL catches any error a task raises; the output is the error output {Error, Cause}.',
    definition: withCatch([{ ErrorEquals: ['States.ALL'], Next: 'Recover' }]),
    mocks: { T: { '0': { Throw: { Error: 'CustomError', Cause: 'This is a custom error!' } } } },
    expect: { status: 'SUCCEEDED', output: { Error: 'CustomError', Cause: 'This is a custom error!' } },
  },
  {
    id: 'errors/catch-result-path',
    source: 'input-output-resultpath',
    rule: 'A Catcher’s ResultPath puts the error output into the state input.',
    definition: withCatch([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }]),
    input: { foo: 'bar' },
    mocks: { T: { '0': { Throw: { Error: 'Error', Cause: 'oops' } } } },
    expect: { status: 'SUCCEEDED', output: { foo: 'bar', error: { Error: 'Error', Cause: 'oops' } } },
  },
  {
    id: 'errors/catchers-in-order',
    source: 'concepts-error-handling',
    rule: 'Catchers are scanned in order; the first whose ErrorEquals matches is used.',
    definition: withCatch([
      { ErrorEquals: ['Other.Error'], Next: 'Other' },
      { ErrorEquals: ['Known.Error'], Next: 'Recover', ResultPath: null },
      { ErrorEquals: ['States.ALL'], Next: 'Other' },
    ]),
    input: { keep: true },
    mocks: { T: { '0': { Throw: { Error: 'Known.Error' } } } },
    expect: { status: 'SUCCEEDED', output: { keep: true } },
  },
  {
    id: 'errors/retry-before-catch',
    source: 'concepts-error-handling',
    rule: 'Retries are exhausted before a Catcher takes the error.',
    definition: withCatch([{ ErrorEquals: ['States.ALL'], Next: 'Recover' }], { Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 1 }] }),
    mocks: { T: { '0-2': { Throw: { Error: 'Flaky', Cause: 'still down' } } } },
    expect: { status: 'SUCCEEDED', output: { Error: 'Flaky', Cause: 'still down' }, elapsedSeconds: 2, taskArguments: { T: [{}, {}, {}] } },
  },
  {
    id: 'errors/task-failed-matches-task-errors',
    source: 'concepts-error-handling',
    rule: 'States.TaskFailed matches any task error except a time-out.',
    definition: withCatch([{ ErrorEquals: ['States.TaskFailed'], Next: 'Recover' }]),
    mocks: { T: { '0': { Throw: { Error: 'Lambda.ServiceException', Cause: 'x' } } } },
    expect: { status: 'SUCCEEDED', output: { Error: 'Lambda.ServiceException', Cause: 'x' } },
  },
  {
    id: 'errors/task-failed-does-not-match-timeout',
    source: 'concepts-error-handling',
    rule: 'States.TaskFailed does not match States.Timeout.',
    definition: withCatch([{ ErrorEquals: ['States.TaskFailed'], Next: 'Recover' }], { TimeoutSeconds: 10 }),
    mocks: { T: { '0': { Hang: true } } },
    expect: { status: 'FAILED', error: 'States.Timeout', elapsedSeconds: 10 },
  },
  {
    id: 'errors/timeout-seconds',
    source: 'state-task',
    rule: 'A task running longer than TimeoutSeconds fails with States.Timeout and a TaskTimedOut event.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 30, End: true } } },
    mocks: { T: { '0': { Hang: true } } },
    expect: {
      status: 'FAILED',
      error: 'States.Timeout',
      elapsedSeconds: 30,
      history: { types: ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed'], events: [{ type: 'TaskScheduled', details: { resourceType: 'lambda', resource: 'invoke', timeoutInSeconds: 30 } }, { type: 'TaskTimedOut', details: { error: 'States.Timeout' } }] },
    },
  },
  {
    id: 'errors/timeout-is-caught-and-retried',
    source: 'concepts-error-handling',
    rule: 'States.Timeout can be retried and caught like other errors.',
    definition: withCatch([{ ErrorEquals: ['States.Timeout'], Next: 'Recover' }], { TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1, IntervalSeconds: 2 }] }),
    mocks: { T: { '0-1': { Hang: true } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.Error', equals: 'States.Timeout' }], elapsedSeconds: 12 },
  },
  {
    id: 'errors/heartbeat-timeout',
    source: 'state-task',
    rule: 'A callback task that sends no heartbeat within HeartbeatSeconds fails with States.HeartbeatTimeout.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, TimeoutSeconds: 600, HeartbeatSeconds: 20, End: true } } },
    mocks: { T: { '0': { Return: {} } } },
    expect: { status: 'FAILED', error: 'States.HeartbeatTimeout', elapsedSeconds: 20, history: { events: [{ type: 'TaskScheduled', details: { resource: 'invoke.waitForTaskToken', heartbeatInSeconds: 20, timeoutInSeconds: 600 } }, { type: 'TaskTimedOut', details: { error: 'States.HeartbeatTimeout' } }] } },
  },
  {
    id: 'errors/states-timeout-catches-heartbeat-timeout',
    source: 'concepts-error-handling',
    rule: 'States.Timeout also matches a missed heartbeat.',
    definition: withCatch([{ ErrorEquals: ['States.Timeout'], Next: 'Recover' }], { Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 5 }),
    mocks: { T: { '0': { Return: {} } } },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$.Error', equals: 'States.HeartbeatTimeout' }], elapsedSeconds: 5 },
  },
  {
    id: 'errors/runtime-is-not-caught-by-all',
    source: 'concepts-error-handling',
    rule: 'States.Runtime is not retried or caught, not even by States.ALL.',
    definition: withCatch([{ ErrorEquals: ['States.ALL'], Next: 'Recover' }], { OutputPath: '$.missing', Retry: [{ ErrorEquals: ['States.ALL'] }] }),
    mocks: { T: { '0': { Return: { present: 1 } } } },
    expect: { status: 'FAILED', error: 'States.Runtime', elapsedSeconds: 0 },
  },
  {
    id: 'errors/fail-state',
    source: 'state-fail',
    rule: 'A Fail state ends the execution with its Error and Cause.',
    definition: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack' } } },
    expect: { status: 'FAILED', error: 'ErrorA', cause: 'Kaiju attack', history: { types: ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed'], events: [{ type: 'ExecutionFailed', details: { error: 'ErrorA', cause: 'Kaiju attack' } }] } },
  },
  {
    id: 'errors/fail-state-error-path',
    source: 'state-fail',
    rule: 'ErrorPath and CausePath take the error and cause from the input.',
    definition: { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.code', CausePath: '$.message' } } },
    input: { code: 'E42', message: 'The answer was wrong' },
    expect: { status: 'FAILED', error: 'E42', cause: 'The answer was wrong' },
  },
  {
    id: 'errors/task-failed-event-details',
    source: 'concepts-error-handling',
    rule: 'A failed task writes TaskFailed with the error and cause, then the execution fails with them.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true } } },
    mocks: { T: { '0': { Throw: { Error: 'EventBridge.AccessDenied', Cause: 'denied' } } } },
    expect: { status: 'FAILED', error: 'EventBridge.AccessDenied', cause: 'denied', history: { events: [{ type: 'TaskFailed', details: { resourceType: 'events', resource: 'putEvents', error: 'EventBridge.AccessDenied', cause: 'denied' } }, { type: 'ExecutionFailed', details: { error: 'EventBridge.AccessDenied', cause: 'denied' } }] } },
  },
  {
    id: 'errors/execution-timeout-seconds',
    source: 'statemachine-structure',
    rule: 'A state machine’s TimeoutSeconds ends a longer execution as TIMED_OUT.',
    definition: { TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
    expect: { status: 'TIMED_OUT', elapsedSeconds: 5, history: { types: ['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut'] } },
  },
  {
    id: 'errors/branch-failure-fails-parallel',
    source: 'state-parallel',
    rule: 'A failing branch fails the Parallel state with the branch’s error; a Catcher on it can handle it.',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Ok', States: { Ok: { Type: 'Pass', End: true } } },
            { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'BranchBroke', Cause: 'from branch 2' } } },
          ],
          Catch: [{ ErrorEquals: ['BranchBroke'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: { Error: 'BranchBroke', Cause: 'from branch 2' }, history: { includes: ['ParallelStateEntered', 'ParallelStateStarted', 'FailStateEntered', 'ParallelStateFailed', 'ParallelStateExited', 'PassStateEntered'] } },
  },
  {
    id: 'errors/branch-failed-matches-branch-errors',
    source: 'concepts-error-handling',
    rule: 'States.BranchFailed in a Parallel state’s Catch matches an error raised by one of its branches.',
    definition: {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'Inner', Cause: 'c' } } }], Catch: [{ ErrorEquals: ['States.BranchFailed'], Next: 'Handled' }], End: true },
        Handled: { Type: 'Pass', Result: 'caught', End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: 'caught' },
  },
  {
    id: 'errors/retry-parallel-reruns-branches',
    source: 'state-parallel',
    rule: 'Retrying a Parallel state runs all its branches again.',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: LAMBDA, End: true } } }, { StartAt: 'Static', States: { Static: { Type: 'Pass', Result: 's', End: true } } }],
          Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1, IntervalSeconds: 1 }],
          End: true,
        },
      },
    },
    mocks: { Work: { '0': { Throw: { Error: 'Flaky' } }, '1': { Return: 'w' } } },
    expect: { status: 'SUCCEEDED', output: ['w', 's'], elapsedSeconds: 1, history: { includes: ['ParallelStateStarted', 'ParallelStateFailed', 'ParallelStateStarted', 'ParallelStateSucceeded'] } },
  },
  {
    id: 'errors/error-output-in-catch-is-error-and-cause',
    source: 'concepts-error-handling',
    rule: 'The error output of a caught error has exactly the fields Error and Cause.',
    definition: withCatch([{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'Recover' }]),
    input: {},
    mocks: { T: { '0': { Throw: { Error: 'E', Cause: '' } } } },
    expect: { status: 'SUCCEEDED', output: { caught: { Error: 'E', Cause: '' } } },
  },
];
