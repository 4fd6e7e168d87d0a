import { compileTargetInput, InvalidTargetInputError, type EventEnvelope } from '../../src/eventbridge/target-input';
import type { RuleModel, RuleTargetModel } from '../../src/model';

const rule = { name: 'r', arn: 'arn:aws:events:us-east-1:000000000000:rule/bus/r' } as RuleModel;

const event: EventEnvelope = {
  version: '0',
  id: 'e-1',
  'detail-type': 'UserSignup',
  source: 'onboarding.signup',
  account: '000000000000',
  time: '2024-05-01T10:00:00Z',
  region: 'us-east-1',
  resources: ['arn:one'],
  detail: { signupId: 's-1', name: 'Ada "the first"', count: 3, nested: { 'with-dash': 'x' }, list: [{ id: 'a' }, { id: 'b' }] },
};

function render(target: Partial<RuleTargetModel>) {
  return compileTargetInput(rule, { id: 't', arn: 'arn:target', ...target }).render(event, '2024-05-01T10:00:01.123Z');
}

describe('target input', () => {
  it('delivers the whole event when the target sets no input', () => {
    expect(render({})).toEqual(event);
  });

  it('delivers the constant Input instead of the event', () => {
    expect(render({ input: '{"fixed": true}' })).toEqual({ fixed: true });
  });

  it('delivers what InputPath selects', () => {
    expect(render({ inputPath: '$.detail.nested' })).toEqual({ 'with-dash': 'x' });
    expect(render({ inputPath: "$['detail-type']" })).toBe('UserSignup');
    expect(render({ inputPath: '$.detail.list[1].id' })).toBe('b');
  });

  it('renders a string template, keeping quotes inside the value escaped', () => {
    const output = render({ inputTransformer: { InputPathsMap: { name: '$.detail.name', n: '$.detail.count' }, InputTemplate: '"<name> signed up <n> times"' } });

    expect(output).toBe('Ada "the first" signed up 3 times');
  });

  it('inserts objects, arrays and numbers as JSON outside strings', () => {
    const output = render({
      inputTransformer: { InputPathsMap: { nested: '$.detail.nested', ids: '$.detail.list[*].id', n: '$.detail.count' }, InputTemplate: '{"n": <n>, "nested": <nested>, "ids": <ids>}' },
    });

    expect(output).toEqual({ n: 3, nested: { 'with-dash': 'x' }, ids: ['a', 'b'] });
  });

  it('gives the ingestion time and the whole event through the reserved variables', () => {
    const output = render({ inputTransformer: { InputTemplate: '{"at": <aws.events.event.ingestion-time>, "event": <aws.events.event.json>}' } });

    expect(output).toEqual({ at: '2024-05-01T10:00:01.123Z', event });
  });

  it('delivers text that is not JSON as it is', () => {
    const output = render({ inputTransformer: { InputPathsMap: { id: '$.detail.signupId' }, InputTemplate: 'signup <id> arrived' } });

    expect(output).toBe('signup "s-1" arrived');
  });

  it('refuses an InputPathsMap variable with a reserved name', () => {
    expect(() => render({ inputTransformer: { InputPathsMap: { 'aws.events.rule-name': '$.id' }, InputTemplate: '<aws.events.rule-name>' } })).toThrow(InvalidTargetInputError);
  });

  it('refuses a JSON path outside what EventBridge evaluates, naming the rule and target', () => {
    expect(() => render({ inputPath: '$..detail' })).toThrow(/Rule r, target t: InputPath/);
  });

  it('refuses an Input that is not JSON', () => {
    expect(() => render({ input: 'not json' })).toThrow(/Input must be valid JSON/);
  });
});
