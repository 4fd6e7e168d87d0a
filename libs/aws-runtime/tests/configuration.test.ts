import { booleanVariable, ConfigurationError, optionalVariable, positiveIntegerVariable, requiredVariable } from '../src';

/** The error a call throws, for assertions on its fields. */
function errorOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('requiredVariable', () => {
  it('reads a variable, trimmed', () => {
    expect(requiredVariable({ TABLE_NAME: ' users ' }, 'TABLE_NAME')).toBe('users');
  });

  it.each([['missing', {}], ['blank', { TABLE_NAME: '  ' }]])('refuses a %s variable with a ConfigurationError naming it', (_case, env) => {
    const error = errorOf(() => requiredVariable(env, 'TABLE_NAME'));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ name: 'ConfigurationError', variable: 'TABLE_NAME', message: 'Environment variable TABLE_NAME is not set' });
  });
});

describe('optionalVariable', () => {
  it('reads a set variable and answers undefined for a missing or blank one', () => {
    expect([optionalVariable({ A: ' x ' }, 'A'), optionalVariable({}, 'A'), optionalVariable({ A: '' }, 'A')]).toEqual(['x', undefined, undefined]);
  });
});

describe('positiveIntegerVariable', () => {
  it('reads a whole number, and takes the fallback when the variable is not set', () => {
    expect(positiveIntegerVariable({ TIMEOUT_MS: '2000' }, 'TIMEOUT_MS', 5000)).toBe(2000);
    expect(positiveIntegerVariable({}, 'TIMEOUT_MS', 5000)).toBe(5000);
  });

  it.each(['soon', '0', '-1', '2.5'])('refuses %j, naming the variable but not repeating the value', (value) => {
    const error = errorOf(() => positiveIntegerVariable({ TIMEOUT_MS: value }, 'TIMEOUT_MS', 5000));

    expect(error).toMatchObject({ variable: 'TIMEOUT_MS', message: 'Environment variable TIMEOUT_MS must be a positive integer' });
  });
});

describe('booleanVariable', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['', false],
    [undefined, false],
  ])('reads %j as %s', (value, expected) => {
    expect(booleanVariable({ FLAG: value }, 'FLAG')).toBe(expected);
  });

  it('refuses a value that is neither true nor false, so a typo never means false', () => {
    expect(errorOf(() => booleanVariable({ FLAG: 'ture' }, 'FLAG'))).toMatchObject({ variable: 'FLAG', message: 'Environment variable FLAG must be "true" or "false"' });
  });
});
