/**
 * Definition-time validation (API reference, ValidateStateMachineDefinition and its diagnostic
 * codes; developer guide, the state pages' field rules and "Passing data between states with
 * variables" for variable names and scopes).
 */
import type { ConformanceCase } from '../types';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

function invalid(id: string, source: string, rule: string, definition: unknown, codes: string[], locations: string[], messageIncludes: string[] = []): ConformanceCase {
  return { id: `validation/${id}`, source, rule, definition, validation: { result: 'FAIL', codes, locations, messageIncludes } };
}

export const validationCases: ConformanceCase[] = [
  invalid('missing-next-target', 'API_ValidateStateMachineDefinitionDiagnostic', 'A Next that names no state is MISSING_TRANSITION_TARGET.', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }, ['MISSING_TRANSITION_TARGET'], ['/States/A/Next'], ['Nowhere']),
  invalid('missing-start-at-target', 'API_ValidateStateMachineDefinitionDiagnostic', 'A StartAt that names no state is MISSING_TRANSITION_TARGET.', { StartAt: 'Z', States: { A: { Type: 'Succeed' } } }, ['MISSING_TRANSITION_TARGET'], ['/StartAt']),
  invalid('no-terminal-state', 'API_ValidateStateMachineDefinitionDiagnostic', 'A workflow without a terminal state is MISSING_END_STATE.', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }, ['MISSING_END_STATE'], ['/States']),
  invalid('next-and-end', 'statemachine-structure', 'A state cannot have both Next and End.', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A']),
  invalid('neither-next-nor-end', 'statemachine-structure', 'A non-terminal state type needs Next or End.', { StartAt: 'A', States: { A: { Type: 'Pass' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A']),
  invalid('unknown-state-type', 'statemachine-structure', 'Type must be one of the eight state types.', { StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Type']),
  invalid('unknown-field', 'statemachine-structure', 'A field no state type has is refused, naming it.', { StartAt: 'A', States: { A: { Type: 'Pass', Foo: 1, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Foo'], ["'Foo'"]),
  invalid('jsonpath-field-in-jsonata-state', 'transforming-data', 'JSONata states have no InputPath, Parameters, ResultSelector, ResultPath or OutputPath.', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Parameters: { a: 1 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Parameters'], ['JSONata']),
  invalid('jsonata-field-in-jsonpath-state', 'transforming-data', 'JSONPath states have no Arguments or Output.', { StartAt: 'A', States: { A: { Type: 'Pass', Output: { a: 1 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Output']),
  invalid('jsonpath-state-in-jsonata-machine', 'transforming-data', 'If the top-level QueryLanguage is JSONata, no state can use JSONPath.', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/QueryLanguage']),
  invalid('jsonata-syntax-error', 'transforming-data', 'A JSONata expression that does not parse is refused, naming the field.', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: { total: '{% $states.input.a + %}' }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Output/total'], ["'Output'"]),
  invalid('bad-json-path', 'amazon-states-language-paths', 'A path that does not parse is refused.', { StartAt: 'A', States: { A: { Type: 'Pass', InputPath: 'dataset', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/InputPath']),
  invalid('result-path-must-be-reference-path', 'amazon-states-language-paths', 'ResultPath must be a reference path.', { StartAt: 'A', States: { A: { Type: 'Pass', ResultPath: '$.a[*]', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/ResultPath']),
  invalid('bad-parameters-path', 'input-output-inputpath-params', 'A .$ field whose value is not a path or intrinsic is refused.', { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': 'not a path' }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Parameters/x.$']),
  invalid('unknown-intrinsic', 'intrinsic-functions', 'An unknown intrinsic function is refused.', { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': 'States.Nope($.a)' }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Parameters/x.$']),
  invalid('task-without-resource', 'state-task', 'A Task needs a Resource.', { StartAt: 'A', States: { A: { Type: 'Task', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A'], ['Resource']),
  invalid('invalid-resource', 'API_ValidateStateMachineDefinitionDiagnostic', 'A Resource that is not a Step Functions resource ARN is INVALID_RESOURCE.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'my-function', End: true } } }, ['INVALID_RESOURCE'], ['/States/A/Resource']),
  invalid('heartbeat-not-below-timeout', 'state-task', 'HeartbeatSeconds must be smaller than TimeoutSeconds.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/HeartbeatSeconds']),
  invalid('states-all-not-alone', 'concepts-error-handling', 'States.ALL must appear alone in ErrorEquals.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }], End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Retry/0/ErrorEquals']),
  invalid('states-all-not-last', 'concepts-error-handling', 'A retrier with States.ALL must be the last one.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }], End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Retry/0/ErrorEquals']),
  invalid('backoff-rate-below-one', 'concepts-error-handling', 'BackoffRate must be at least 1.0.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }], End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Retry/0/BackoffRate']),
  invalid('unknown-jitter-strategy', 'concepts-error-handling', 'JitterStrategy is FULL or NONE.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'HALF' }], End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Retry/0/JitterStrategy']),
  invalid('custom-error-with-states-prefix', 'concepts-error-handling', 'Custom error names cannot start with States.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.MyError'], Next: 'A' }], End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Catch/0/ErrorEquals/0']),
  invalid('catch-next-missing', 'concepts-error-handling', 'A Catcher needs a Next that names a state.', { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }], End: true } } }, ['MISSING_TRANSITION_TARGET'], ['/States/A/Catch/0/Next']),
  invalid('choice-without-choices', 'state-choice', 'A Choice state needs a non-empty Choices array.', { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [], Default: 'B' }, B: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Choices']),
  invalid('choice-rule-two-operators', 'state-choice', 'A Choice Rule has exactly one comparison operator.', { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEquals: 'x', NumericEquals: 1, Next: 'B' }] }, B: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Choices/0']),
  invalid('choice-operand-wrong-type', 'state-choice', 'A comparison operator’s operand must have the operator’s type.', { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 'one', Next: 'B' }] }, B: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Choices/0/NumericEquals']),
  invalid('nested-rule-with-next', 'state-choice', 'Rules nested in And, Or or Not cannot have Next.', { StartAt: 'A', States: { A: { Type: 'Choice', Choices: [{ Not: { Variable: '$.a', IsNull: true, Next: 'B' }, Next: 'B' }] }, B: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Choices/0/Not/Next']),
  invalid('wait-two-durations', 'state-wait', 'A Wait state has exactly one of Seconds, SecondsPath, Timestamp, TimestampPath.', { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, Timestamp: '2024-01-01T00:00:00Z', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A']),
  invalid('wait-bad-timestamp', 'state-wait', 'A Timestamp must be RFC3339.', { StartAt: 'A', States: { A: { Type: 'Wait', Timestamp: '2024-01-01 10:00', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Timestamp']),
  invalid('fail-error-and-error-path', 'state-fail', 'A Fail state has Error or ErrorPath, not both.', { StartAt: 'A', States: { A: { Type: 'Fail', Error: 'E', ErrorPath: '$.e' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A']),
  invalid('map-without-processor', 'state-map-inline', 'A Map state needs an ItemProcessor.', { StartAt: 'A', States: { A: { Type: 'Map', End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A']),
  invalid('map-tolerated-percentage-over-100', 'state-map-distributed', 'ToleratedFailurePercentage is from 0 to 100.', { StartAt: 'A', States: { A: { Type: 'Map', ToleratedFailurePercentage: 150, ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Succeed' } } }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/ToleratedFailurePercentage']),
  invalid('branch-next-outside-branch', 'state-parallel', 'States in a branch can only transition to states of the same branch.', { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'After' } } }], Next: 'After' }, After: { Type: 'Succeed' } } }, ['MISSING_TRANSITION_TARGET'], ['/States/P/Branches/0/States/B/Next']),
  invalid('duplicate-state-name-across-branches', 'API_ValidateStateMachineDefinitionDiagnostic', 'State names are unique in the whole state machine.', { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: { Type: 'Succeed' } } }], End: true } } }, ['DUPLICATE_STATE_NAME'], ['/States/P/Branches/0/States/P']),
  invalid('unreachable-state', 'statemachine-structure', 'Every state must be reachable from StartAt.', { StartAt: 'A', States: { A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/Orphan']),
  invalid('invalid-variable-name', 'workflow-variables', 'A variable name starts with a letter or underscore and has only letters, digits and underscores.', { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { '1st': 1 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Assign/1st']),
  invalid('variable-sub-path', 'workflow-variables', 'Assign cannot assign to a sub-path of a variable.', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Assign: { 'x.y': 42 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Assign/x.y']),
  invalid('reserved-variable-states', 'workflow-variables', '$states is reserved.', { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Assign: { states: 1 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], ['/States/A/Assign/states']),
  invalid('variable-name-too-long', 'workflow-variables', 'A variable name has at most 80 characters.', { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { ['v'.repeat(81)]: 1 }, End: true } } }, ['SCHEMA_VALIDATION_FAILED'], [`/States/A/Assign/${'v'.repeat(81)}`]),
  invalid(
    'inner-scope-assigns-outer-variable',
    'workflow-variables',
    'A state in a Parallel branch or Map iteration cannot assign a variable of an outer scope.',
    { QueryLanguage: 'JSONata', StartAt: 'Init', States: { Init: { Type: 'Pass', Assign: { total: 0 }, Next: 'M' }, M: { Type: 'Map', Items: [1], ItemProcessor: { StartAt: 'Add', States: { Add: { Type: 'Pass', Assign: { total: 1 }, End: true } } }, End: true } } },
    ['SCHEMA_VALIDATION_FAILED'],
    ['/States/M/ItemProcessor/States/Add/Assign/total'],
    ['outer scope'],
  ),
  invalid('definition-not-json', 'API_ValidateStateMachineDefinitionDiagnostic', 'Text that is not JSON is INVALID_JSON_DESCRIPTION.', '{"StartAt": "A", ', ['INVALID_JSON_DESCRIPTION'], []),
  invalid('machine-timeout-not-positive', 'statemachine-structure', 'The state machine’s TimeoutSeconds is a positive integer.', { TimeoutSeconds: 0, StartAt: 'A', States: { A: { Type: 'Succeed' } } }, ['SCHEMA_VALIDATION_FAILED'], ['/TimeoutSeconds']),
  {
    id: 'validation/sibling-branches-may-reuse-names',
    source: 'workflow-variables',
    rule: 'Sibling branches are separate scopes: each may assign the same name.',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { local: 1 }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { local: 2 }, End: true } } },
          ],
          End: true,
        },
      },
    },
    validation: { result: 'OK' },
  },
  {
    id: 'validation/rich-valid-definition',
    source: 'transforming-data',
    rule: 'A definition using every JSONata field validates.',
    definition: {
      QueryLanguage: 'JSONata',
      TimeoutSeconds: 300,
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Arguments: { a: '{% $states.input %}' }, Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'M', Assign: { e: '{% $states.errorOutput %}' }, Output: '{% 1 %}' }], Output: '{% $states.result %}', Next: 'M' },
        M: { Type: 'Map', Items: '{% [1, 2] %}', ItemSelector: { v: '{% $states.context.Map.Item.Value %}' }, MaxConcurrency: '{% 2 %}', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, Next: 'W' },
        W: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'T' },
        T: { Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'f' }, TimeoutSeconds: '{% 5 %}', Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL', MaxDelaySeconds: 5 }], Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'F', Output: { x: 1 }, Assign: { z: 1 } }], Default: 'S', Output: '{% 2 %}' },
        F: { Type: 'Fail', Error: "{% 'E' %}", Cause: "{% 'c' %}" },
        S: { Type: 'Succeed', Output: '{% 1 %}' },
      },
    },
    validation: { result: 'OK' },
  },
];
