/**
 * Workflow variables (developer guide, "Passing data between states with variables"): Assign in
 * both query languages, evaluation order, scopes, and how they show in the history.
 */
import type { ConformanceCase } from '../types';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A Choice whose rule and state both assign `tier`, then a state reading it. */
const TIERS = {
  QueryLanguage: 'JSONata',
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.value > 100 %}', Assign: { tier: 'premium' }, Next: 'Done' }], Default: 'Done', Assign: { tier: 'standard' } },
    Done: { Type: 'Pass', Output: '{% $tier %}', End: true },
  },
};

export const variableCases: ConformanceCase[] = [
  {
    id: 'variables/assign-and-read-later',
    source: 'workflow-variables',
    rule: 'A variable assigned in one state can be read by any later state.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Store',
      States: {
        Store: { Type: 'Pass', Assign: { productName: 'product1', count: 42, available: true }, Next: 'Between' },
        Between: { Type: 'Pass', Output: 'unrelated', Next: 'Use' },
        Use: { Type: 'Pass', Output: { product: '{% $productName %}', quantity: '{% $count %}', ok: '{% $available %}' }, End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: { product: 'product1', quantity: 42, ok: true } },
  },
  {
    id: 'variables/assign-evaluated-in-parallel',
    source: 'workflow-variables',
    rule: 'Every expression of an Assign reads the variables as they were on entry, so a swap works.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 3, y: 6 }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Next: 'Read' },
        Read: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: { x: 6, y: 3 } },
  },
  {
    id: 'variables/output-sees-values-from-before-the-state',
    source: 'workflow-variables',
    rule: 'Output and Assign of the same state both read the variables’ values from before it.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { n: 1 }, Next: 'Step' },
        Step: { Type: 'Pass', Assign: { n: '{% $n + 1 %}' }, Output: { seen: '{% $n %}' }, Next: 'After' },
        After: { Type: 'Pass', Output: { before: '{% $states.input.seen %}', now: '{% $n %}' }, End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: { before: 1, now: 2 } },
  },
  {
    id: 'variables/assign-from-task-result',
    source: 'workflow-variables',
    rule: 'Assign can read $states.result in a Task.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'FetchPrice',
      States: {
        FetchPrice: { Type: 'Task', Resource: LAMBDA, Assign: { currentPrice: '{% $states.result.Payload.current_price %}' }, Output: '{% $states.input %}', Next: 'Use' },
        Use: { Type: 'Pass', Output: { price: '{% $currentPrice %}', input: '{% $states.input %}' }, End: true },
      },
    },
    input: { product: 'p' },
    mocks: { FetchPrice: { '0': { Return: { Payload: { current_price: 12.5 } } } } },
    expect: { status: 'SUCCEEDED', output: { price: 12.5, input: { product: 'p' } } },
  },
  {
    id: 'variables/jsonpath-assign',
    source: 'workflow-variables',
    rule: 'In JSONPath states Assign takes static values and .$ paths, and $name reads a variable.',
    definition: {
      StartAt: 'Store',
      States: {
        Store: { Type: 'Pass', Assign: { 'customerName.$': '$.name', greeting: 'Hello' }, Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'name.$': '$customerName', 'text.$': "States.Format('{}, {}!', $greeting, $customerName)" }, End: true },
      },
    },
    input: { name: 'María' },
    expect: { status: 'SUCCEEDED', output: { name: 'María', text: 'Hello, María!' } },
  },
  {
    id: 'variables/jsonpath-assign-reads-selected-result',
    source: 'workflow-variables',
    rule: 'In a JSONPath Task, Assign reads the result after ResultSelector, before ResultPath.',
    definition: {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, ResultSelector: { 'id.$': '$.Payload.id' }, ResultPath: '$.task', Assign: { 'savedId.$': '$.id' }, Next: 'Use' },
        Use: { Type: 'Pass', Parameters: { 'saved.$': '$savedId', 'output.$': '$' }, End: true },
      },
    },
    input: { order: 1 },
    mocks: { T: { '0': { Return: { Payload: { id: 'i-7' } } } } },
    expect: { status: 'SUCCEEDED', output: { saved: 'i-7', output: { order: 1, task: { id: 'i-7' } } } },
  },
  {
    id: 'variables/choice-variable-operand',
    source: 'workflow-variables',
    rule: 'A JSONPath Choice Rule’s Variable may read a workflow variable.',
    definition: {
      StartAt: 'Store',
      States: {
        Store: { Type: 'Pass', Assign: { limit: 10 }, Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$limit', NumericGreaterThan: 5, Next: 'High' }], Default: 'Low' },
        High: { Type: 'Pass', Result: 'high', End: true },
        Low: { Type: 'Pass', Result: 'low', End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: 'high' },
  },
  {
    id: 'variables/choice-rule-assign',
    source: 'workflow-variables',
    rule: 'A matching Choice Rule’s Assign is used; the state-level Assign is used when no rule matches.',
    definition: TIERS,
    input: { value: 5 },
    expect: { status: 'SUCCEEDED', output: 'standard' },
  },
  {
    id: 'variables/choice-rule-assign-when-matched',
    source: 'workflow-variables',
    rule: 'When a rule matches, only its Assign is evaluated.',
    definition: TIERS,
    input: { value: 500 },
    expect: { status: 'SUCCEEDED', output: 'premium' },
  },
  {
    id: 'variables/catch-assign-replaces-state-assign',
    source: 'workflow-variables',
    rule: 'When a Catcher matches, its Assign runs and the state’s own Assign does not.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Assign: { outcome: 'success' }, Catch: [{ ErrorEquals: ['States.ALL'], Assign: { outcome: 'failure', errorDetails: '{% $states.errorOutput %}' }, Next: 'Report' }], Next: 'Report' },
        Report: { Type: 'Pass', Output: { outcome: '{% $outcome %}', error: '{% $errorDetails.Error %}' }, End: true },
      },
    },
    mocks: { T: { '0': { Throw: { Error: 'PaymentDeclined', Cause: 'card' } } } },
    expect: { status: 'SUCCEEDED', output: { outcome: 'failure', error: 'PaymentDeclined' } },
  },
  {
    id: 'variables/inner-scope-reads-outer',
    source: 'workflow-variables',
    rule: 'States in a Map iteration can read variables of the outer scope.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { factor: 10 }, Next: 'M' },
        M: { Type: 'Map', Items: '{% $states.input.n %}', ItemProcessor: { StartAt: 'Times', States: { Times: { Type: 'Pass', Output: '{% $states.input * $factor %}', End: true } } }, End: true },
      },
    },
    input: { n: [1, 2, 3] },
    expect: { status: 'SUCCEEDED', output: [10, 20, 30] },
  },
  {
    id: 'variables/inner-scope-ends-with-branch',
    source: 'workflow-variables',
    rule: 'Variables assigned in a Parallel branch go out of scope when it ends; Output carries data out.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Set', States: { Set: { Type: 'Pass', Assign: { inner: 'x' }, Next: 'Out' }, Out: { Type: 'Pass', Output: '{% $inner %}', End: true } } }],
          Assign: { fromBranch: '{% $states.result[0] %}' },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: { fromBranch: '{% $fromBranch %}', innerVisible: '{% $exists($inner) %}' }, End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: { fromBranch: 'x', innerVisible: false } },
  },
  {
    id: 'variables/iterations-are-isolated',
    source: 'workflow-variables',
    rule: 'Each Map iteration has its own scope: it cannot see another iteration’s variables.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          MaxConcurrency: 1,
          Items: '{% [1, 2] %}',
          ItemProcessor: { StartAt: 'Peek', States: { Peek: { Type: 'Pass', Output: '{% $exists($mine) %}', Next: 'Set' }, Set: { Type: 'Pass', Assign: { mine: '{% $states.input %}' }, End: true } } },
          Output: '{% $states.result %}',
          End: true,
        },
      },
    },
    expect: { status: 'SUCCEEDED', output: [false, false] },
  },
  {
    id: 'variables/catch-in-parallel-assigns-outer-scope',
    source: 'workflow-variables',
    rule: 'A Catcher of a Parallel state assigns variables in the scope of the Parallel state.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'E' } } }], Catch: [{ ErrorEquals: ['States.ALL'], Assign: { errorOccurred: true }, Next: 'After' }], Next: 'After' },
        After: { Type: 'Pass', Output: '{% $errorOccurred %}', End: true },
      },
    },
    expect: { status: 'SUCCEEDED', output: true },
  },
  {
    id: 'variables/assigned-variables-in-history',
    source: 'workflow-variables',
    rule: 'A state’s exit event lists the variables it assigned, as JSON text.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Pass', Assign: { a: 1, b: { c: 'd' } }, End: true } } },
    expect: { status: 'SUCCEEDED', history: { events: [{ type: 'PassStateExited', details: { name: 'S', assignedVariables: { a: '1', b: '{"c":"d"}' }, assignedVariablesDetails: { truncated: false } } }] } },
  },
  {
    id: 'variables/unassigned-variable-fails-jsonata',
    source: 'workflow-variables',
    rule: 'Reading a variable that was never assigned leaves the expression undefined: States.QueryEvaluationError.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'Maybe',
      States: {
        Maybe: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.set %}', Next: 'Set' }], Default: 'Read' },
        Set: { Type: 'Pass', Assign: { later: 1 }, Next: 'Read' },
        Read: { Type: 'Pass', Output: '{% $later %}', End: true },
      },
    },
    input: { set: false },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError' },
  },
  {
    id: 'variables/wait-assign',
    source: 'workflow-variables',
    rule: 'Wait states can assign variables.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Assign: { waited: true }, Next: 'R' }, R: { Type: 'Pass', Output: '{% $waited %}', End: true } } },
    expect: { status: 'SUCCEEDED', output: true, elapsedSeconds: 1 },
  },
];
