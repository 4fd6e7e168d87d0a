import { executionNameOf } from '../src';

describe('executionNameOf', () => {
  it('reads the execution name the state machine passes with a step payload', () => {
    expect(executionNameOf({ signupId: 's-1', executionName: 'signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70' })).toBe('signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70');
  });

  it('accepts the full 80 characters and the punctuation our names may use', () => {
    expect(executionNameOf({ executionName: `a.b:c_d-${'e'.repeat(72)}` })).toHaveLength(80);
  });

  it('is undefined for a payload without one', () => {
    expect(executionNameOf({ signupId: 's-1' })).toBeUndefined();
  });

  it.each([
    ['that is longer than 80 characters', 'a'.repeat(81)],
    ['that is empty', ''],
    ['with a line break that could forge a log line', 'x\n{"level":"ERROR"}'],
    ['with white space', 'signup 1'],
    ['that is not a string', 42],
  ])('leaves out a value %s', (_case, executionName) => {
    expect(executionNameOf({ executionName })).toBeUndefined();
  });

  it.each([undefined, null, 'signup-1', 7, ['executionName']])('never throws, whatever the payload (%p)', (payload) => {
    expect(executionNameOf(payload)).toBeUndefined();
  });
});
