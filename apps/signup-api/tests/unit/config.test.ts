/** Configuration is read in one place and a missing variable stops the cold start, by name. */
import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig } from '../../src/config';

const complete = { EVENT_BUS_NAME: 'onboarding', IDEMPOTENCY_TABLE_NAME: 'signup-idempotency' };

describe('loadConfig', () => {
  it('reads the bus and the idempotency table names', () => {
    expect(loadConfig(complete)).toEqual({ eventBusName: 'onboarding', idempotencyTableName: 'signup-idempotency' });
  });

  it.each(Object.keys(complete))('refuses to start without %s, naming it', (variable) => {
    const env = { ...complete, [variable]: undefined };

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('counts a blank variable as missing', () => {
    expect(() => loadConfig({ ...complete, EVENT_BUS_NAME: '  ' })).toThrow('EVENT_BUS_NAME');
  });
});
