import fc from 'fast-check';
import { InvalidExecutionNameError } from '../../src/domain/errors';
import {
  EXECUTION_NAME_PREFIX,
  MAX_EXECUTION_NAME_LENGTH,
  executionNameFor,
  executionNameProblems,
  isValidExecutionName,
  signupIdOfExecutionName,
} from '../../src/domain/execution-name';

describe('executionNameFor', () => {
  it('names the execution of a signup signup-<signupId>', () => {
    const name = executionNameFor('0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70');

    expect(name).toBe('signup-0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70');
  });

  it('gives every UUID signupId a valid name that leads back to the signupId', () => {
    fc.assert(
      fc.property(fc.uuid(), (signupId) => {
        const name = executionNameFor(signupId);

        expect(isValidExecutionName(name)).toBe(true);
        expect(signupIdOfExecutionName(name)).toBe(signupId);
      }),
    );
  });

  it('refuses an empty signupId', () => {
    expect(() => executionNameFor('')).toThrow(InvalidExecutionNameError);
  });

  it('refuses a signupId that would make the name longer than 80 characters, saying so', () => {
    const signupId = 'a'.repeat(MAX_EXECUTION_NAME_LENGTH - EXECUTION_NAME_PREFIX.length + 1);

    expect(() => executionNameFor(signupId)).toThrow(/at most 80 characters \(has 81\)/);
  });

  it('accepts a signupId that makes a name of exactly 80 characters', () => {
    const signupId = 'a'.repeat(MAX_EXECUTION_NAME_LENGTH - EXECUTION_NAME_PREFIX.length);

    expect(executionNameFor(signupId)).toHaveLength(80);
  });
});

describe('executionNameProblems', () => {
  it.each([
    ['a space', 'signup-a b'],
    ['a tab', 'signup-a\tb'],
    ['a bracket', 'signup-a[b]'],
    ['a brace', 'signup-{b}'],
    ['an angle bracket', 'signup-<b>'],
    ['a wildcard', 'signup-a*'],
    ['a question mark', 'signup-a?'],
    ['a colon', 'signup-a:b'],
    ['a slash', 'signup-a/b'],
    ['a quote', 'signup-"b"'],
    ['a hash', 'signup-#b'],
    ['a dollar', 'signup-$b'],
    ['a comma', 'signup-a,b'],
  ])('refuses a name with %s', (_what, name) => {
    expect(executionNameProblems(name)).toContainEqual(expect.stringContaining('must not contain white space'));
  });

  it('refuses control characters', () => {
    expect(executionNameProblems('signup-a\u0001b')).toContain('must not contain control characters');
    expect(executionNameProblems('signup-a\u0085b')).toContain('must not contain control characters');
  });

  it('refuses characters outside ASCII, which break the execution logs and metrics', () => {
    expect(executionNameProblems('signup-é')).toEqual(['must contain ASCII characters only']);
  });

  it('refuses an empty name', () => {
    expect(executionNameProblems('')).toEqual(['must not be empty']);
  });

  it('accepts letters, digits, dashes and underscores', () => {
    expect(executionNameProblems('signup-Abc_123-xyz')).toEqual([]);
  });
});

describe('signupIdOfExecutionName', () => {
  it('returns undefined for a name that is not an onboarding execution', () => {
    expect(signupIdOfExecutionName('manual-run-1')).toBeUndefined();
    expect(signupIdOfExecutionName('signup-')).toBeUndefined();
  });
});
