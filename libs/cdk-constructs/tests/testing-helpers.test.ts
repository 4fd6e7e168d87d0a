import { App, CfnOutput, CfnWaitConditionHandle, Fn, Stack } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Template } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import { ServiceFunction } from '../src';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { actionsOnAnyResource, crossStackReferences, dashboardMetrics, functionEnvironment, logicalIdOf, renderTemplateValue, statementsFor, testApp } from '../src/testing';

describe('renderTemplateValue', () => {
  it('renders references in Fn::Sub notation inside a joined string', () => {
    const value = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:::', { 'Fn::GetAtt': ['Queue', 'QueueName'] }]] };

    expect(renderTemplateValue(value)).toBe('arn:${AWS::Partition}:sqs:::${Queue.QueueName}');
  });

  it('keeps an Fn::Sub template as it is, and numbers and booleans as text', () => {
    expect(renderTemplateValue({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' })).toBe('arn:${AWS::Partition}:s3:::b');
    expect([renderTemplateValue(7), renderTemplateValue(true)]).toEqual(['7', 'true']);
  });

  it('writes an intrinsic it does not render as its JSON, so it shows in a failed assertion', () => {
    expect(renderTemplateValue({ 'Fn::Select': [0, ['a']] })).toBe('${{"Fn::Select":[0,["a"]]}}');
  });
});

describe('template readers', () => {
  const app = testApp();
  const stack = new Stack(app, 'S');
  const fn = new ServiceFunction(stack, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo', environment: { TABLE_NAME: 'demo' } });
  new Dashboard(stack, 'Dashboard', { widgets: [[new GraphWidget({ left: [new Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: fn.functionName } })] })]] });
  const template = Template.fromStack(stack);

  it('finds the logical id of the one resource of a type, and refuses when there is none or several', () => {
    expect(logicalIdOf(template, 'AWS::Lambda::Function')).toBe(stack.getLogicalId(fn.node.defaultChild as never));
    expect(() => logicalIdOf(template, 'AWS::SQS::Queue')).toThrow('Expected exactly one AWS::SQS::Queue, found 0');
  });

  it("reads a function's environment, from the template or its JSON", () => {
    expect(functionEnvironment(template)).toMatchObject({ TABLE_NAME: 'demo', POWERTOOLS_SERVICE_NAME: 'demo' });
    expect(functionEnvironment(template.toJSON())).toEqual(functionEnvironment(template));
    expect(() => functionEnvironment(template, 'Dashboard9E4231ED')).toThrow(/is not a Lambda function/);
  });

  it('picks the statements about one service, and the actions allowed on any resource', () => {
    const app = testApp();
    const granted = new Stack(app, 'Granted');
    const grantee = new ServiceFunction(granted, 'Fn', { entry: join(__dirname, 'fixtures/handler.ts'), serviceName: 'demo' });
    grantee.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] }));
    const grantedTemplate = Template.fromStack(granted);

    expect(statementsFor(grantedTemplate, 's3')).toEqual([expect.objectContaining({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] })]);
    expect(statementsFor(grantedTemplate, 'sqs')).toEqual([]);
    expect(actionsOnAnyResource(grantedTemplate).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('lists the metrics a dashboard graphs, with references rendered', () => {
    expect(dashboardMetrics(template)).toEqual([['AWS/Lambda', 'Errors', 'FunctionName', `\${${logicalIdOf(template, 'AWS::Lambda::Function')}}`]]);
  });
});

describe('crossStackReferences', () => {
  /** A stack with one resource that needs no configuration, so the template is valid. */
  function bareStack(): Stack {
    const stack = new Stack(new App(), 'S');
    new CfnWaitConditionHandle(stack, 'Placeholder');
    return stack;
  }

  it('is empty for a stack wired without exports', () => {
    const stack = bareStack();
    new CfnOutput(stack, 'Plain', { value: 'x' });

    expect(crossStackReferences(Template.fromStack(stack))).toEqual([]);
  });

  it('names every export and every import, however deep it sits', () => {
    const stack = bareStack();
    new CfnOutput(stack, 'Shared', { value: 'x', exportName: 'shared' });
    new CfnOutput(stack, 'Uses', { value: Fn.join('-', ['a', Fn.importValue('other')]) });

    expect(crossStackReferences(Template.fromStack(stack))).toEqual(['Outputs.Shared is exported', '(template).Outputs.Uses.Value.Fn::Join[1][1].Fn::ImportValue imports a value from another stack']);
  });
});
