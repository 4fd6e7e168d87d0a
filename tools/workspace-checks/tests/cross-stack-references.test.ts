/**
 * Teams wire their stacks through SSM parameters only: no deployed template exports a value or
 * imports one with Fn::ImportValue. The reader is the one every team's infra tests use.
 */
import { crossStackReferences } from '@onboarding/cdk-constructs/testing';
import { eachStack } from './support/deployed-stacks';
import { templateOf } from './support/template';

describe('cross-stack references in the deployed stacks', () => {
  it.each(eachStack)('%s neither exports nor imports a CloudFormation value', (_where, stack) => {
    expect(crossStackReferences(stack.template)).toEqual([]);
  });
});

describe('crossStackReferences', () => {
  it('finds an import however deep it sits', () => {
    const template = templateOf({
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { BUS: { 'Fn::Join': ['', ['arn:', { 'Fn::ImportValue': 'BusArn' }]] } } } } },
    });

    expect(crossStackReferences(template)).toEqual(['(template).Resources.Fn.Properties.Environment.Variables.BUS.Fn::Join[1][1].Fn::ImportValue imports a value from another stack']);
  });

  it('finds an exported output, and lets a plain output be', () => {
    const template = templateOf({}, { Outputs: { Exported: { Value: 'x', Export: { Name: 'x' } }, Plain: { Value: 'y' } } });

    expect(crossStackReferences(template)).toEqual(['Outputs.Exported is exported']);
  });
});
