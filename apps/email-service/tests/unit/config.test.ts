import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig } from '../../src/config';

const complete = { SENDER_ADDRESS: 'Welcome@Acme.test', CONFIGURATION_SET_NAME: 'onboarding-email', IDEMPOTENCY_TABLE_NAME: 'table' };

describe('loadConfig', () => {
  it('reads the sender (normalized), the configuration set and the idempotency table', () => {
    expect(loadConfig(complete)).toEqual({ senderAddress: 'welcome@acme.test', configurationSetName: 'onboarding-email', idempotencyTableName: 'table' });
  });

  it('leaves the configuration set out when the variable is empty or absent', () => {
    expect(loadConfig({ ...complete, CONFIGURATION_SET_NAME: '' })).not.toHaveProperty('configurationSetName');
    expect(loadConfig({ SENDER_ADDRESS: complete.SENDER_ADDRESS, IDEMPOTENCY_TABLE_NAME: 'table' })).not.toHaveProperty('configurationSetName');
  });

  it.each(['SENDER_ADDRESS', 'IDEMPOTENCY_TABLE_NAME'])('refuses to start without %s and names it', (variable) => {
    const env: Record<string, string> = { ...complete };
    delete env[variable];

    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('refuses a sender that is not an email address', () => {
    expect(() => loadConfig({ ...complete, SENDER_ADDRESS: 'welcome' })).toThrow(/SENDER_ADDRESS must be an email address/);
  });
});
