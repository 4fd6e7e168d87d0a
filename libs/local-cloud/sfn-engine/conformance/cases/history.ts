/**
 * Execution history (API reference, GetExecutionHistory and HistoryEvent; developer guide,
 * "Viewing execution details"): event types, detail members and their JSON text.
 */
import type { ConformanceCase } from '../types';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction';

export const historyCases: ConformanceCase[] = [
  {
    id: 'history/execution-and-state-data-as-json-text',
    source: 'API_HistoryEvent',
    rule: 'Execution and state events carry input and output as JSON text, with truncated: false.',
    definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: { b: 2 }, End: true } } },
    input: { a: 1 },
    expect: {
      status: 'SUCCEEDED',
      history: {
        types: ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
        events: [
          { type: 'ExecutionStarted', details: { input: '{"a":1}', inputDetails: { truncated: false } } },
          { type: 'PassStateEntered', details: { name: 'P', input: '{"a":1}', inputDetails: { truncated: false } } },
          { type: 'PassStateExited', details: { name: 'P', output: '{"b":2}', outputDetails: { truncated: false } } },
          { type: 'ExecutionSucceeded', details: { output: '{"b":2}', outputDetails: { truncated: false } } },
        ],
      },
    },
  },
  {
    id: 'history/optimized-integration-task-events',
    source: 'API_TaskScheduledEventDetails',
    rule: 'A service integration writes TaskScheduled (resourceType, resource, region, parameters), TaskStarted and TaskSucceeded.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', Payload: { x: 1 } }, End: true } } },
    mocks: { T: { '0': { Return: { StatusCode: 200, Payload: 'ok' } } } },
    expect: {
      status: 'SUCCEEDED',
      history: {
        types: ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded'],
        events: [
          { type: 'TaskScheduled', details: { resourceType: 'lambda', resource: 'invoke', parameters: '{"FunctionName":"f","Payload":{"x":1}}' } },
          { type: 'TaskStarted', details: { resourceType: 'lambda', resource: 'invoke' } },
          { type: 'TaskSucceeded', details: { resourceType: 'lambda', resource: 'invoke', output: '{"StatusCode":200,"Payload":"ok"}' } },
        ],
      },
    },
  },
  {
    id: 'history/sdk-integration-resource-type',
    source: 'supported-services-awssdk',
    rule: 'An AWS SDK integration’s resourceType is aws-sdk:<service> and its resource the action.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem', Parameters: { TableName: 't', Key: { pk: { S: '1' } } }, End: true } } },
    mocks: { T: { '0': { Return: { Item: {} } } } },
    expect: { status: 'SUCCEEDED', history: { events: [{ type: 'TaskScheduled', details: { resourceType: 'aws-sdk:dynamodb', resource: 'getItem' } }] } },
  },
  {
    id: 'history/lambda-function-arn-events',
    source: 'API_LambdaFunctionScheduledEventDetails',
    rule: 'A Lambda function ARN used as the Resource writes LambdaFunction* events.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } },
    input: { who: 'AWS Step Functions' },
    mocks: { T: { '0': { Return: 'Hello, AWS Step Functions!' } } },
    expect: {
      status: 'SUCCEEDED',
      output: 'Hello, AWS Step Functions!',
      history: {
        types: ['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded'],
        events: [
          { type: 'LambdaFunctionScheduled', details: { resource: FUNCTION_ARN, input: '{"who":"AWS Step Functions"}' } },
          { type: 'LambdaFunctionSucceeded', details: { output: '"Hello, AWS Step Functions!"' } },
        ],
      },
    },
  },
  {
    id: 'history/lambda-function-failed',
    source: 'API_LambdaFunctionFailedEventDetails',
    rule: 'A failing Lambda function ARN task writes LambdaFunctionFailed with the error and cause.',
    definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } },
    mocks: { T: { '0': { Throw: { Error: 'HandledError', Cause: 'It failed' } } } },
    expect: { status: 'FAILED', error: 'HandledError', history: { events: [{ type: 'LambdaFunctionFailed', details: { error: 'HandledError', cause: 'It failed' } }] } },
  },
  {
    id: 'history/succeed-state-events',
    source: 'state-succeed',
    rule: 'A Succeed state writes SucceedStateEntered and SucceedStateExited.',
    definition: { StartAt: 'S', States: { S: { Type: 'Succeed' } } },
    expect: { status: 'SUCCEEDED', history: { types: ['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded'] } },
  },
  {
    id: 'history/evaluation-failed-names-state-and-field',
    source: 'API_EvaluationFailedEventDetails',
    rule: 'A failing JSONata expression writes EvaluationFailed naming the state and the field.',
    definition: { QueryLanguage: 'JSONata', StartAt: 'Greet', States: { Greet: { Type: 'Pass', Assign: { x: '{% $number("abc") + $undefinedThing %}' }, End: true } } },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', history: { events: [{ type: 'EvaluationFailed', details: { state: 'Greet', location: 'Assign', error: 'States.QueryEvaluationError' } }, { type: 'ExecutionFailed', details: { error: 'States.QueryEvaluationError' } }] } },
  },
  {
    id: 'history/choice-and-wait-events',
    source: 'API_HistoryEvent',
    rule: 'Choice and Wait states write their Entered and Exited events.',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'W' }], Default: 'W' }, W: { Type: 'Wait', Seconds: 1, End: true } } },
    input: { go: true },
    expect: { status: 'SUCCEEDED', history: { types: ['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded'] } },
  },
];
