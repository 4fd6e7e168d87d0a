import { ConfigurationError } from '@onboarding/aws-runtime';
import { loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('reads the state machine ARN', () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:OnboardingStateMachine9E315436-abc';

    expect(loadConfig({ STATE_MACHINE_ARN: arn })).toEqual({ stateMachineArn: arn });
  });

  it('fails naming STATE_MACHINE_ARN when it is missing', () => {
    expect(() => loadConfig({})).toThrow(ConfigurationError);
    expect(() => loadConfig({})).toThrow(/STATE_MACHINE_ARN is not set/);
  });

  it('fails naming STATE_MACHINE_ARN when it is not a state machine ARN', () => {
    expect(() => loadConfig({ STATE_MACHINE_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:x' })).toThrow(/STATE_MACHINE_ARN is not a state machine ARN/);
  });
});
