import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('reads the table names', () => {
    expect(loadConfig({ USERS_TABLE_NAME: 'users', IDEMPOTENCY_TABLE_NAME: 'idem' })).toEqual({ usersTableName: 'users', idempotencyTableName: 'idem' });
  });

  it.each(['USERS_TABLE_NAME', 'IDEMPOTENCY_TABLE_NAME'])('fails naming %s when it is missing or blank', (variable) => {
    const env: Record<string, string> = { USERS_TABLE_NAME: 'users', IDEMPOTENCY_TABLE_NAME: 'idem' };
    env[variable] = ' ';

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
