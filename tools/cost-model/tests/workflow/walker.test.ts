import { UnsupportedDefinitionError, errorMatches, retryDelayMs, walkExecution, type TaskAttempt, type TaskOutcome } from '../../src/workflow/walker';

/** A runner that answers from a script per state: each entry is one attempt. */
function scripted(script: Record<string, (TaskOutcome | ((a: TaskAttempt) => TaskOutcome))[]>) {
  const calls: TaskAttempt[] = [];
  const runTask = (attempt: TaskAttempt): TaskOutcome => {
    calls.push(attempt);
    const answers = script[attempt.stateName] ?? [];
    const answer = answers[Math.min(attempt.attempt - 1, answers.length - 1)] ?? { ok: true, result: {}, durationMs: 0 };
    return typeof answer === 'function' ? answer(attempt) : answer;
  };
  return { calls, runTask };
}
const ok = (result: unknown, durationMs = 10): TaskOutcome => ({ ok: true, result, durationMs });
const fail = (error: string, durationMs = 10): TaskOutcome => ({ ok: false, error, cause: 'boom', durationMs });

describe('error matching and retry delays (ASL specification)', () => {
  it('matches a name, States.ALL (but not States.Runtime) and States.TaskFailed (but not States.Timeout)', () => {
    expect(errorMatches(['MyError'], 'MyError')).toBe(true);
    expect(errorMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });

  it('waits IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds (defaults 1 s and 2.0)', () => {
    expect([0, 1, 2, 3].map((n) => retryDelayMs({ IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5 }, n))).toEqual([1000, 2000, 4000, 5000]);
    expect(retryDelayMs({}, 2)).toBe(4000);
  });
});

const retrying = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'fn', 'Payload.$': '$' },
      Retry: [
        { ErrorEquals: ['Permanent'], MaxAttempts: 0 },
        { ErrorEquals: ['Busy'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 2, JitterStrategy: 'FULL' },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5 },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
      ResultSelector: { 'value.$': '$.Payload.value' },
      ResultPath: '$.work',
      TimeoutSeconds: 30,
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
};

describe('Retry and Catch', () => {
  it('retries with the first matching retrier only, counts each retry as a transition, then catches', async () => {
    const { runTask, calls } = scripted({ Work: [fail('Busy'), fail('Busy'), fail('Busy')] });

    const walk = await walkExecution({ definition: retrying, input: { id: 1 }, runTask });

    // Busy matches the second retrier: 2 retries, then the third failure goes to the catcher (the
    // States.ALL retrier after it is never consulted).
    expect(calls).toHaveLength(3);
    expect(walk.visited).toEqual(['Work', 'Caught']);
    expect(walk.transitions).toBe(2 + 2);
    expect(walk.output).toEqual({ id: 1, error: { Error: 'Busy', Cause: 'boom' } });
    expect(walk.status).toBe('SUCCEEDED');
  });

  it('expects half of each delay under full jitter, and the whole delay (and task time-outs) at worst', async () => {
    const { runTask } = scripted({ Work: [fail('Busy', 10), fail('Busy', 10), ok({ Payload: { value: 7 } }, 10)] });

    const walk = await walkExecution({ definition: retrying, input: {}, runTask });

    expect(walk.output).toEqual({ work: { value: 7 } });
    expect(walk.expectedDurationMs).toBe(30 + (2000 + 4000) / 2);
    expect(walk.worstCaseDurationMs).toBe(30_000 + 30_000 + 10 + 2000 + 4000);
  });

  it('does not retry an error whose retrier allows no attempt', async () => {
    const { runTask, calls } = scripted({ Work: [fail('Permanent')] });

    const walk = await walkExecution({ definition: retrying, input: {}, runTask });

    expect(calls).toHaveLength(1);
    expect(walk.visited).toEqual(['Work', 'Caught']);
  });

  it('fails the execution when nothing catches, with the error name', async () => {
    const definition = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } };

    const walk = await walkExecution({ definition, input: {}, runTask: scripted({ Work: [fail('X'), fail('X'), fail('X'), fail('X')] }).runTask });

    expect(walk.status).toBe('FAILED');
    expect(walk.error).toBe('X');
    expect(walk.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
  });
});

describe('data flow and routing (JSONPath)', () => {
  it('routes a Choice on the data the previous states produced', async () => {
    const definition = {
      StartAt: 'Look',
      States: {
        Look: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'found.$': '$.Payload.found' }, ResultPath: '$.look', Next: 'Found?' },
        'Found?': { Type: 'Choice', Choices: [{ Variable: '$.look.found', BooleanEquals: true, Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Succeed' },
        No: { Type: 'Fail', ErrorPath: '$.reason', Cause: 'not found' },
      },
    };

    const found = await walkExecution({ definition, input: {}, runTask: scripted({ Look: [ok({ Payload: { found: true } })] }).runTask });
    const missing = await walkExecution({ definition, input: { reason: 'NotFound' }, runTask: scripted({ Look: [ok({ Payload: { found: false } })] }).runTask });

    expect(found.visited).toEqual(['Look', 'Found?', 'Yes']);
    expect(missing.visited).toEqual(['Look', 'Found?', 'No']);
    expect(missing).toMatchObject({ status: 'FAILED', error: 'NotFound', cause: 'not found' });
  });

  it('runs every branch of a Parallel, takes the longest as its duration and fails it with a branch error', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };

    const both = await walkExecution({ definition, input: {}, runTask: scripted({ A: [ok('a', 30)], B: [ok('b', 70)] }).runTask });
    const failing = await walkExecution({ definition, input: {}, runTask: scripted({ A: [ok('a')], B: [fail('Bad'), fail('Bad'), fail('Bad'), fail('Bad')] }).runTask });

    expect(both.output).toEqual(['a', 'b']);
    expect(both.expectedDurationMs).toBe(70);
    expect(both.transitions).toBe(3);
    expect(both.history.map((e) => e.type)).toEqual([
      'ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded',
    ]);
    expect(failing.visited).toEqual(['Both', 'A', 'B', 'Caught']);
  });

  it('iterates a Map over ItemsPath with ItemSelector, MaxConcurrency batching its duration', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 2,
          ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
          ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          End: true,
        },
      },
    };
    const seen: unknown[] = [];
    const runTask = (attempt: TaskAttempt): TaskOutcome => {
      seen.push(attempt.args);
      return ok('done', 10);
    };

    const walk = await walkExecution({ definition, input: { items: ['a', 'b', 'c'] }, runTask });

    expect(seen).toEqual([{ value: 'a', index: 0 }, { value: 'b', index: 1 }, { value: 'c', index: 2 }]);
    expect(walk.output).toEqual(['done', 'done', 'done']);
    expect(walk.expectedDurationMs).toBe(20);
    expect(walk.transitions).toBe(4);
  });

  it('adds a Wait state to the duration', async () => {
    const definition = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 5, End: true } } };

    const walk = await walkExecution({ definition, input: {}, runTask: () => ok({}) });

    expect(walk.expectedDurationMs).toBe(5000);
  });
});

describe('JSONata states and variables', () => {
  const definition = {
    QueryLanguage: 'JSONata',
    StartAt: 'Create',
    States: {
      Create: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'create', Payload: { id: '{% $states.input.signupId %}', execution: '{% $states.context.Execution.Name %}' } },
        Assign: { userId: '{% $states.result.Payload.userId %}' },
        Output: '{% $states.input %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failure: '{% $states.errorOutput.Error %}' }, Output: '{% $merge([$states.input, {"failed": true}]) %}', Next: 'Failed?' }],
        Next: 'Failed?',
      },
      'Failed?': {
        Type: 'Choice',
        Choices: [{ Condition: '{% $exists($failure) %}', Next: 'Undo' }],
        Default: 'Notify',
      },
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: { userId: '{% $userId %}', n: '{% $count($states.input.items) %}' } }, End: true },
      Undo: { Type: 'Pass', Output: { undone: '{% $failure %}', input: '{% $states.input %}' }, End: true },
    },
  };

  it('evaluates Arguments, Assign and Output, and later states read the variables', async () => {
    const { runTask, calls } = scripted({ Create: [ok({ Payload: { userId: 'u-1' } })], Notify: [ok({ Payload: 'sent' })] });

    const walk = await walkExecution({ definition, input: { signupId: 's-1', items: [1, 2] }, context: { Execution: { Name: 'signup-s-1' } }, runTask });

    expect(walk.visited).toEqual(['Create', 'Failed?', 'Notify']);
    expect(calls[0]?.args).toEqual({ FunctionName: 'create', Payload: { id: 's-1', execution: 'signup-s-1' } });
    expect(calls[1]?.args).toEqual({ Payload: { userId: 'u-1', n: 2 } });
  });

  it('gives a Catch $states.errorOutput, and its Assign routes the Choice', async () => {
    const { runTask } = scripted({ Create: [fail('Duplicate'), fail('Duplicate'), fail('Duplicate'), fail('Duplicate')] });

    const walk = await walkExecution({ definition, input: { signupId: 's-1', items: [] }, runTask });

    expect(walk.visited).toEqual(['Create', 'Failed?', 'Undo']);
    expect(walk.output).toEqual({ undone: 'Duplicate', input: { signupId: 's-1', items: [], failed: true } });
  });

  it('mixes query languages per state', async () => {
    const mixed = {
      QueryLanguage: 'JSONata',
      StartAt: 'Old',
      States: {
        Old: { Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: { 'n.$': '$.n' }, ResultPath: '$.copy', Next: 'New' },
        New: { Type: 'Pass', Output: '{% $states.input.copy.n * 2 %}', End: true },
      },
    };

    const walk = await walkExecution({ definition: mixed, input: { n: 21 }, runTask: () => ok({}) });

    expect(walk.output).toBe(42);
  });
});

describe('what the walker refuses', () => {
  it('refuses a Distributed Map, naming the state', async () => {
    const definition = { StartAt: 'Big', States: { Big: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true } } };

    await expect(walkExecution({ definition, input: [], runTask: () => ok({}) })).rejects.toThrow(/Map state Big is a Distributed Map/);
  });

  it('refuses a walk that never ends', async () => {
    const definition = { StartAt: 'Again', States: { Again: { Type: 'Pass', Next: 'Again' } } };

    await expect(walkExecution({ definition, input: {}, runTask: () => ok({}), maxStates: 50 })).rejects.toThrow(UnsupportedDefinitionError);
  });

  it('refuses something that is not a definition', async () => {
    await expect(walkExecution({ definition: { States: {} }, input: {}, runTask: () => ok({}) })).rejects.toThrow(/StartAt and States/);
  });
});
