/**
 * A state machine's role may invoke the functions its definition calls, and no other: compared on
 * the synthesized templates, and shown to catch both an extra grant and a missing one.
 */
import { invokedFunctions, stateMachineInvokeProblems } from '../src/state-machine-invokes';
import { resourcesOf, type CfnTemplate } from '../src/template-values';
import { deployedStacks, eachStack } from './support/deployed-stacks';
import { identityPolicy, templateOf } from './support/template';

describe('state machine roles in the deployed stacks', () => {
  const withMachines = eachStack.filter(([, stack]) => resourcesOf(stack.template, 'AWS::StepFunctions::StateMachine').length > 0);

  it('include the onboarding state machine', () => {
    expect(withMachines.map(([where]) => where)).toEqual(['orchestration/cdk.out/OnboardingOrchestration.template.json']);
  });

  it.each(withMachines)('%s: each role may invoke exactly the functions its definition calls', (_where, stack) => {
    expect(stateMachineInvokeProblems(stack.template)).toEqual([]);
  });

  it('finds the six team functions the onboarding calls', () => {
    const orchestration = deployedStacks.find((s) => s.app === 'orchestration');
    const [, machine] = resourcesOf(orchestration?.template ?? {}, 'AWS::StepFunctions::StateMachine')[0] ?? [];

    const { functions } = invokedFunctions(machine?.Properties?.['DefinitionString']);

    const distinct = new Set(functions.map((f) => JSON.stringify(f)));
    expect(distinct.size).toBe(6);
    for (const f of functions) expect(f).toEqual({ Ref: expect.stringMatching(/^SsmParameterValueonboarding.+functions.+arn/) });
  });
});

describe('stateMachineInvokeProblems', () => {
  /** A machine calling function A (in a Parallel branch) and function B (short form). */
  function machineTemplate(invokeResources: unknown[]): CfnTemplate {
    const definition = {
      'Fn::Join': [
        '',
        [
          '{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:',
          { Ref: 'AWS::Partition' },
          ':states:::lambda:invoke","Parameters":{"FunctionName":"',
          { Ref: 'FunctionA' },
          '","Payload.$":"$"},"End":true}}}],"Next":"B"},"B":{"Type":"Task","Resource":"',
          { 'Fn::GetAtt': ['FunctionB', 'Arn'] },
          '","End":true}}}',
        ],
      ],
    };
    return templateOf({
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, DefinitionString: definition } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      RolePolicy: identityPolicy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: invokeResources }),
    });
  }
  const exact = [{ Ref: 'FunctionA' }, { 'Fn::Join': ['', [{ Ref: 'FunctionA' }, ':*']] }, { 'Fn::GetAtt': ['FunctionB', 'Arn'] }];

  it('accepts a role that may invoke the called functions and their versions', () => {
    expect(stateMachineInvokeProblems(machineTemplate(exact))).toEqual([]);
  });

  it('reports a function the role may invoke but the definition never calls', () => {
    const problems = stateMachineInvokeProblems(machineTemplate([...exact, { Ref: 'FunctionC' }]));

    expect(problems).toEqual(['Machine: its role may invoke {"Ref":"FunctionC"}, which the definition never calls']);
  });

  it('reports a function the definition calls but the role may not invoke', () => {
    const problems = stateMachineInvokeProblems(machineTemplate([{ Ref: 'FunctionA' }]));

    expect(problems).toEqual(['Machine: the definition calls {"Fn::GetAtt":["FunctionB","Arn"]}, which its role may not invoke']);
  });

  it('reports a role that may invoke every function', () => {
    const problems = stateMachineInvokeProblems(machineTemplate([...exact, '*']));

    expect(problems).toEqual(['Machine: its role may invoke "*", which the definition never calls']);
  });
});
