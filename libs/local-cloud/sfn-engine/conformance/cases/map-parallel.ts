/**
 * Map and Parallel states (developer guide, "Map workflow state", "Using Map state in Inline
 * mode", "Parallel workflow state"), and Wait states.
 */
import type { ConformanceCase } from '../types';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const identity = { StartAt: 'Each', States: { Each: { Type: 'Pass', End: true } } };

export const mapParallelCases: ConformanceCase[] = [
  {
    id: 'map/items-path-and-results-in-order',
    source: 'state-map-inline',
    rule: 'A Map runs its ItemProcessor on each element of ItemsPath; the result is the array of outputs in item order.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.detail.shipped', ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'sku.$': '$.sku', 'twice.$': 'States.MathAdd($.quantity, $.quantity)' }, End: true } } }, End: true } } },
    input: { ship: 'fast', detail: { delivery: 'home', shipped: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 4 }] } },
    expect: { status: 'SUCCEEDED', output: [{ sku: 'a', twice: 2 }, { sku: 'b', twice: 8 }] },
  },
  {
    id: 'map/item-selector-with-context',
    source: 'input-output-itemselector',
    rule: 'ItemSelector builds each iteration’s input; $$.Map.Item.Index and .Value give the item.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemSelector: { 'ContextIndex.$': '$$.Map.Item.Index', 'ContextValue.$': '$$.Map.Item.Value', 'shared.$': '$.shared' }, ItemProcessor: identity, End: true } } },
    input: { shared: 'S', items: ['x', 'y'] },
    expect: { status: 'SUCCEEDED', output: [{ ContextIndex: 0, ContextValue: 'x', shared: 'S' }, { ContextIndex: 1, ContextValue: 'y', shared: 'S' }] },
  },
  {
    id: 'map/parameters-is-legacy-item-selector',
    source: 'state-map-inline',
    rule: 'In a Map state, the older Parameters field works as ItemSelector.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', Parameters: { 'v.$': '$$.Map.Item.Value' }, Iterator: identity, End: true } } },
    input: { items: [1, 2] },
    expect: { status: 'SUCCEEDED', output: [{ v: 1 }, { v: 2 }] },
  },
  {
    id: 'map/result-path-and-selector',
    source: 'state-map-inline',
    rule: 'A Map applies ResultSelector and ResultPath to the array of results.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: identity, ResultSelector: { 'count.$': 'States.ArrayLength($)' }, ResultPath: '$.summary', End: true } } },
    input: { items: [1, 2, 3] },
    expect: { status: 'SUCCEEDED', output: { items: [1, 2, 3], summary: { count: 3 } } },
  },
  {
    id: 'map/empty-array',
    source: 'state-map-inline',
    rule: 'A Map over an empty array outputs an empty array.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: identity, End: true } } },
    input: { items: [] },
    expect: { status: 'SUCCEEDED', output: [], history: { events: [{ type: 'MapStateStarted', details: { length: 0 } }] } },
  },
  {
    id: 'map/items-path-not-an-array-fails',
    source: 'state-map-inline',
    rule: 'ItemsPath must select an array.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: identity, End: true } } },
    input: { items: 'nope' },
    expect: { status: 'FAILED', error: 'States.Runtime' },
  },
  {
    id: 'map/max-concurrency-one-runs-in-order',
    source: 'state-map-inline',
    rule: 'MaxConcurrency 1 runs one iteration at a time, in order.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 1, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, End: true } } },
    input: { items: [{ s: 3 }, { s: 1 }, { s: 2 }] },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 6, history: { events: [{ type: 'MapIterationSucceeded', details: { index: 0 } }, { type: 'MapIterationSucceeded', details: { index: 1 } }, { type: 'MapIterationSucceeded', details: { index: 2 } }] } },
  },
  {
    id: 'map/max-concurrency-zero-is-unlimited',
    source: 'state-map-inline',
    rule: 'MaxConcurrency 0 (the default) runs iterations concurrently.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 0, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, End: true } } },
    input: { items: [{ s: 3 }, { s: 1 }, { s: 2 }] },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 3 },
  },
  {
    id: 'map/max-concurrency-two',
    source: 'state-map-inline',
    rule: 'MaxConcurrency bounds how many iterations run at once.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, End: true } } },
    input: { items: [{ s: 4 }, { s: 1 }, { s: 1 }, { s: 1 }] },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 4 },
  },
  {
    id: 'map/iteration-failure-fails-map',
    source: 'state-map-inline',
    rule: 'An iteration that fails fails the Map state with its error.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } }, End: true } } },
    input: { items: [1] },
    mocks: { T: { '0': { Throw: { Error: 'ItemError', Cause: 'bad item' } } } },
    expect: { status: 'FAILED', error: 'ItemError', cause: 'bad item', history: { includes: ['MapStateStarted', 'MapIterationStarted', 'TaskFailed', 'MapIterationFailed', 'MapStateFailed', 'ExecutionFailed'] } },
  },
  {
    id: 'map/tolerated-failure-count',
    source: 'state-map-distributed',
    rule: 'ToleratedFailureCount lets that many iterations fail without failing the Map.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ToleratedFailureCount: 1, ItemProcessor: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Good' }, Bad: { Type: 'Fail', Error: 'Two' }, Good: { Type: 'Pass', End: true } } }, End: true } } },
    input: { items: [1, 2, 3] },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$[0]', equals: 1 }, { path: '$[2]', equals: 3 }] },
  },
  {
    id: 'map/exceed-tolerated-failure-count',
    source: 'state-map-distributed',
    rule: 'More failures than ToleratedFailureCount fail the Map with States.ExceedToleratedFailureThreshold.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ToleratedFailureCount: 1, ItemProcessor: { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'Each' } } }, End: true } } },
    input: { items: [1, 2, 3] },
    expect: { status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' },
  },
  {
    id: 'map/tolerated-failure-percentage',
    source: 'state-map-distributed',
    rule: 'ToleratedFailurePercentage lets up to that share of iterations fail.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ToleratedFailurePercentage: 50, ItemProcessor: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'Bad' }], Default: 'Good' }, Bad: { Type: 'Fail', Error: 'Big' }, Good: { Type: 'Pass', End: true } } }, End: true } } },
    input: { items: [1, 2, 3, 4] },
    expect: { status: 'SUCCEEDED', checks: [{ path: '$[1]', equals: 2 }] },
  },
  {
    id: 'map/exceed-tolerated-failure-percentage',
    source: 'state-map-distributed',
    rule: 'A failure share above ToleratedFailurePercentage fails the Map with States.ExceedToleratedFailureThreshold.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', ToleratedFailurePercentage: 25, ItemProcessor: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'Bad' }], Default: 'Good' }, Bad: { Type: 'Fail', Error: 'Big' }, Good: { Type: 'Pass', End: true } } }, End: true } } },
    input: { items: [1, 2, 3, 4] },
    expect: { status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' },
  },
  {
    id: 'map/jsonata-items-and-item-selector',
    source: 'state-map-inline',
    rule: 'In JSONata, Items gives the array and ItemSelector reads $states.context.Map.Item.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: { M: { Type: 'Map', Items: '{% $states.input.orders %}', ItemSelector: { index: '{% $states.context.Map.Item.Index %}', order: '{% $states.context.Map.Item.Value %}' }, ItemProcessor: identity, Output: '{% $states.result.index %}', End: true } },
    },
    input: { orders: ['a', 'b', 'c'] },
    expect: { status: 'SUCCEEDED', output: [0, 1, 2] },
  },
  {
    id: 'map/jsonata-items-literal-array',
    source: 'state-map-inline',
    rule: 'Items may be a literal JSON array.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: [1, 2], ItemProcessor: identity, End: true } } },
    expect: { status: 'SUCCEEDED', output: [1, 2] },
  },
  {
    id: 'map/history-events',
    source: 'state-map-inline',
    rule: 'An inline Map writes MapStateStarted with the item count and one MapIterationStarted/Succeeded pair per item.',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$', ItemProcessor: identity, End: true } } },
    input: ['only'],
    expect: {
      status: 'SUCCEEDED',
      history: {
        types: ['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded'],
        events: [{ type: 'MapStateStarted', details: { length: 1 } }, { type: 'MapIterationStarted', details: { name: 'M', index: 0 } }],
      },
    },
  },
  {
    id: 'parallel/output-is-array-in-branch-order',
    source: 'state-parallel',
    rule: 'A Parallel state’s result is the array of its branches’ outputs, in branch order.',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 5, Next: 'A' }, A: { Type: 'Pass', Result: 'first', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'second', End: true } } },
          ],
          End: true,
        },
      },
    },
    expect: { status: 'SUCCEEDED', output: ['first', 'second'], elapsedSeconds: 5 },
  },
  {
    id: 'parallel/branches-get-the-same-input',
    source: 'state-parallel',
    rule: 'Every branch receives the Parallel state’s effective input.',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          InputPath: '$.n',
          Branches: [
            { StartAt: 'Add', States: { Add: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, 1)' }, End: true } } },
            { StartAt: 'Sub', States: { Sub: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, -1)' }, End: true } } },
          ],
          ResultPath: '$.results',
          End: true,
        },
      },
    },
    input: { n: 10 },
    expect: { status: 'SUCCEEDED', output: { n: 10, results: [{ v: 11 }, { v: 9 }] } },
  },
  {
    id: 'parallel/jsonata-arguments-and-output',
    source: 'state-parallel',
    rule: 'A JSONata Parallel state passes Arguments to its branches and reads the array as $states.result.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Arguments: { base: '{% $states.input.base %}' },
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input.base * 2 %}', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $states.input.base * 3 %}', End: true } } },
          ],
          Output: '{% $sum($states.result) %}',
          End: true,
        },
      },
    },
    input: { base: 2 },
    expect: { status: 'SUCCEEDED', output: 10 },
  },
  {
    id: 'parallel/failure-aborts-other-branches',
    source: 'state-parallel',
    rule: 'When a branch fails, the other branches are stopped.',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 100, End: true } } },
            { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'Stop' } } },
          ],
          End: true,
        },
      },
    },
    expect: { status: 'FAILED', error: 'Stop', elapsedSeconds: 0, history: { includes: ['ParallelStateStarted', 'FailStateEntered', 'WaitStateAborted', 'ParallelStateFailed', 'ExecutionFailed'] } },
  },
  {
    id: 'parallel/history-events',
    source: 'state-parallel',
    rule: 'A Parallel state writes ParallelStateStarted before its branches and ParallelStateSucceeded after them.',
    definition: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true } } },
    expect: { status: 'SUCCEEDED', history: { types: ['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'PassStateEntered', 'PassStateExited', 'ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded'] } },
  },
  {
    id: 'wait/seconds',
    source: 'state-wait',
    rule: 'Seconds waits that many seconds and passes the input through.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
    input: { a: 1 },
    expect: { status: 'SUCCEEDED', output: { a: 1 }, elapsedSeconds: 10, history: { types: ['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded'] } },
  },
  {
    id: 'wait/timestamp',
    source: 'state-wait',
    rule: 'Timestamp waits until that instant.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2024-01-01T00:01:00Z', End: true } } },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 60 },
  },
  {
    id: 'wait/timestamp-in-the-past',
    source: 'state-wait',
    rule: 'A Timestamp in the past does not wait.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2016-03-14T01:59:00Z', End: true } } },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 0 },
  },
  {
    id: 'wait/seconds-path',
    source: 'state-wait',
    rule: 'SecondsPath reads the number of seconds from the input.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.expirydate', End: true } } },
    input: { expirydate: 15 },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 15 },
  },
  {
    id: 'wait/timestamp-path',
    source: 'state-wait',
    rule: 'TimestampPath reads the instant from the input.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.expirydate', End: true } } },
    input: { expirydate: '2024-01-01T00:00:30Z' },
    expect: { status: 'SUCCEEDED', elapsedSeconds: 30 },
  },
  {
    id: 'wait/seconds-path-not-a-number-fails',
    source: 'state-wait',
    rule: 'A SecondsPath value that is not a non-negative integer fails the execution.',
    definition: { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } },
    input: { s: 'ten' },
    expect: { status: 'FAILED', error: 'States.Runtime' },
  },
];
