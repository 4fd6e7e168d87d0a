import { buildStateGraph, compensatedStateOf, describeChoiceRule, type MachineGraph } from '../../src/console/state-graph';
import { onboardingDefinition } from './onboarding-definition';

const edgesFrom = (graph: MachineGraph, from: string) => graph.edges.filter((e) => e.from === from).map((e) => `${e.kind}:${e.to}`);

describe('buildStateGraph', () => {
  it('reads every top-level state of the onboarding definition with its transitions', () => {
    const graph = buildStateGraph(onboardingDefinition);

    expect(graph.startAt).toBe('ApplySignupDefaults');
    expect(edgesFrom(graph, 'ApplySignupDefaults')).toEqual(['next:CreateUser']);
    expect(graph.states.map((s) => s.name)).toEqual(expect.arrayContaining(['CreateUser', 'WelcomeAndStorage', 'CheckWelcomeAndStorage', 'NotifyTeam', 'DeleteUserStorage', 'DeleteUser', 'OnboardingFailed']));
    expect(edgesFrom(graph, 'CreateUser')).toEqual(['next:WelcomeAndStorage', 'catch:CreateUserFailed']);
    expect(edgesFrom(graph, 'CheckWelcomeAndStorage')).toEqual(['choice:CompensateAfterSendWelcomeEmail', 'choice:CompensateAfterCreateUserStorage', 'default:NotifyTeam']);
    expect(graph.states.find((s) => s.name === 'OnboardingFailed')?.terminal).toBe(true);
    expect(graph.states.find((s) => s.name === 'NotifyTeam')?.terminal).toBe(false);
  });

  it('nests the branches of a Parallel state as graphs of their own', () => {
    const graph = buildStateGraph(onboardingDefinition);

    const parallel = graph.states.find((s) => s.name === 'WelcomeAndStorage');

    expect(parallel?.type).toBe('Parallel');
    expect(parallel?.children?.map((b) => b.startAt)).toEqual(['SendWelcomeEmail', 'CreateUserStorage']);
    expect(parallel?.children?.[0]?.edges).toEqual([{ from: 'SendWelcomeEmail', to: 'SendWelcomeEmailFailed', kind: 'catch', label: 'catch' }]);
    expect(parallel?.children?.[0]?.states.every((s) => s.terminal)).toBe(true);
  });

  it('labels Choice rules with their condition and Catch edges with the errors they catch', () => {
    const graph = buildStateGraph({
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.n', NumericGreaterThan: 3 }, { Not: { Variable: '$.s', StringEquals: 'x' } }], Next: 'Work' },
            { Variable: '$.flag', IsPresent: true, Next: 'Done' },
          ],
          Default: 'Done',
        },
        Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['Boom', 'Bang'], Next: 'Done' }], Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    });

    expect(graph.edges.map((e) => e.label)).toEqual(['$.n > 3 and not ($.s == "x")', '$.flag exists', 'default', undefined, 'catch Boom, Bang']);
  });

  it('refuses something that is not a state machine definition', () => {
    expect(() => buildStateGraph({ States: {} })).toThrow(TypeError);
    expect(() => buildStateGraph('{"StartAt": "A"}')).toThrow('StartAt string and a States object');
  });
});

describe('compensation steps', () => {
  it('pairs an undoing step with the step it undoes by the saga naming convention', () => {
    const names = ['CreateUser', 'CreateUserStorage', 'DeleteUserStorage', 'DeleteUser', 'ReserveSeat', 'ReleaseSeat', 'NotifyTeam'];

    expect(compensatedStateOf('DeleteUserStorage', names)).toBe('CreateUserStorage');
    expect(compensatedStateOf('DeleteUser', names)).toBe('CreateUser');
    expect(compensatedStateOf('ReleaseSeat', names)).toBe('ReserveSeat');
    expect(compensatedStateOf('NotifyTeam', names)).toBeUndefined();
    expect(compensatedStateOf('DeleteTenant', names)).toBeUndefined();
  });

  it('marks the onboarding compensation path and nothing on the forward path', () => {
    const graph = buildStateGraph(onboardingDefinition);

    const compensation = graph.states.filter((s) => s.compensation).map((s) => s.name);

    expect(compensation.sort()).toEqual(['CompensateAfterCreateUserStorage', 'CompensateAfterSendWelcomeEmail', 'DeleteUser', 'DeleteUserStorage']);
  });
});

describe('describeChoiceRule', () => {
  it('reads comparison operators, Path variants and type tests', () => {
    expect(describeChoiceRule({ Variable: '$.a', StringEqualsPath: '$.b' })).toBe('$.a == $.b');
    expect(describeChoiceRule({ Variable: '$.a', StringEquals: '$.b' })).toBe('$.a == "$.b"');
    expect(describeChoiceRule({ Variable: '$.a', NumericLessThanEquals: 2 })).toBe('$.a <= 2');
    expect(describeChoiceRule({ Variable: '$.a', IsString: true })).toBe('$.a is string');
    expect(describeChoiceRule({ Or: [{ Variable: '$.a', BooleanEquals: true }, { Variable: '$.b', IsNull: false }] })).toBe('$.a == true or $.b is not null');
  });
});
