/**
 * Every cdk-nag finding a stack accepts carries a reason a reviewer can judge, whether it was
 * acknowledged (acknowledgeNag, recorded in the cloud assembly's metadata) or suppressed (cdk-nag's
 * NagSuppressions, recorded on the template resource).
 */
import { acknowledgementProblems, nagAcknowledgements, unacknowledgedViolations, type NagAcknowledgement } from '../src/nag-acknowledgements';
import { deployedStacks, eachStack } from './support/deployed-stacks';
import { templateOf } from './support/template';

describe('cdk-nag acknowledgements in the deployed stacks', () => {
  it('are found in the cloud assemblies (the house constructs acknowledge X-Ray in every app)', () => {
    const apps = new Set(deployedStacks.filter((s) => nagAcknowledgements(s).length > 0).map((s) => s.app));

    expect(apps.size).toBe(new Set(deployedStacks.map((s) => s.app)).size);
  });

  it.each(eachStack)('%s accepts each finding with a reason, naming the finding of a granular rule', (_where, stack) => {
    expect(nagAcknowledgements(stack).flatMap(acknowledgementProblems)).toEqual([]);
  });

  it.each(eachStack)('%s has no validation failure on record', (_where, stack) => {
    expect(unacknowledgedViolations(stack.validationReport)).toEqual([]);
  });
});

describe('nagAcknowledgements', () => {
  it('reads acknowledgements from metadata and suppressions from the template', () => {
    const stack = {
      metadata: { '/Stack/Queue': [{ type: 'aws:cdk:acknowledged-rules', data: { 'Annotation::AwsSolutions-SQS3': 'This queue is itself a dead-letter queue.' } }] },
      template: templateOf({
        Policy: {
          Type: 'AWS::IAM::Policy',
          Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'ok', applies_to: ['Resource::*'] }] } },
        },
      }),
    };

    expect(nagAcknowledgements(stack)).toEqual([
      { where: '/Stack/Queue', rule: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue.', mechanism: 'acknowledgement' },
      { where: 'Policy', rule: 'AwsSolutions-IAM5[Resource::*]', reason: 'ok', mechanism: 'suppression' },
    ]);
  });
});

describe('acknowledgementProblems', () => {
  const ack = (rule: string, reason: string): NagAcknowledgement => ({ where: '/Stack/Thing', rule, reason, mechanism: 'acknowledgement' });

  it('accepts a reason a reviewer can judge', () => {
    expect(acknowledgementProblems(ack('AwsSolutions-IAM5[Resource::*]', 'X-Ray calls have no resource-level permissions.'))).toEqual([]);
  });

  it.each(['', 'needed', '   padded reason   '])('refuses the reason %j', (reason) => {
    expect(acknowledgementProblems(ack('AwsSolutions-SQS3', reason))).toEqual(['/Stack/Thing: AwsSolutions-SQS3 is accepted without a reason of at least 20 characters']);
  });

  it('refuses accepting every wildcard of a construct at once', () => {
    expect(acknowledgementProblems(ack('AwsSolutions-IAM5', 'Wildcards are fine on this policy.'))).toEqual([
      '/Stack/Thing: AwsSolutions-IAM5 is accepted for every finding; name the one it is about (AwsSolutions-IAM5[...])',
    ]);
  });
});

describe('unacknowledgedViolations', () => {
  it('reports the violations a validation report lists', () => {
    const report = { pluginReports: [{ summary: { pluginName: 'AwsSolutionsChecks', status: 'failure' }, violations: [{ ruleName: 'AwsSolutions-SQS4' }] }] };

    expect(unacknowledgedViolations(report)).toEqual(['AwsSolutionsChecks: AwsSolutions-SQS4 is violated and not acknowledged']);
  });
});
