import { setLambdaEnvironment } from '../src';

describe('setLambdaEnvironment', () => {
  it('sets a region, credentials that never reach AWS, and the function\'s own variables', () => {
    const env: NodeJS.ProcessEnv = {};

    setLambdaEnvironment({ IDEMPOTENCY_TABLE_NAME: 'demo-idempotency', POWERTOOLS_SERVICE_NAME: 'demo' }, { env });

    expect(env).toEqual({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      IDEMPOTENCY_TABLE_NAME: 'demo-idempotency',
      POWERTOOLS_SERVICE_NAME: 'demo',
    });
  });

  it('sets the function name and region the runtime would, when given', () => {
    const env: NodeJS.ProcessEnv = {};

    setLambdaEnvironment({}, { env, functionName: 'demo-fn', region: 'eu-west-1' });

    expect(env).toMatchObject({ AWS_LAMBDA_FUNCTION_NAME: 'demo-fn', AWS_REGION: 'eu-west-1' });
  });

  it('refuses a variable the runtime reserves, naming it, and changes nothing', () => {
    const env: NodeJS.ProcessEnv = { KEPT: 'yes' };

    expect(() => setLambdaEnvironment({ TABLE: 't', AWS_REGION: 'eu-west-1' }, { env })).toThrow(/AWS_REGION is set by the Lambda runtime/);
    expect(env).toEqual({ KEPT: 'yes' });
  });

  it('refuses a name Lambda would refuse, and changes nothing', () => {
    const env: NodeJS.ProcessEnv = {};

    expect(() => setLambdaEnvironment({ 'NOT-A-NAME': 'x' }, { env })).toThrow(/"NOT-A-NAME" is not a valid Lambda environment variable name/);
    expect(env).toEqual({});
  });

  it('writes to process.env by default', () => {
    const saved = { ...process.env };
    try {
      setLambdaEnvironment({ ONBOARDING_TESTING_PROBE: 'set' });

      expect(process.env['ONBOARDING_TESTING_PROBE']).toBe('set');
    } finally {
      process.env = saved;
    }
  });
});
