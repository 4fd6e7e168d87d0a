import { lambdaContext } from '../src';

describe('lambdaContext', () => {
  it('describes one invocation of the named function, as the runtime would', () => {
    const context = lambdaContext('OnboardingDemo-StepFunction');

    expect(context).toMatchObject({
      functionName: 'OnboardingDemo-StepFunction',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:OnboardingDemo-StepFunction',
      logGroupName: '/aws/lambda/OnboardingDemo-StepFunction',
      memoryLimitInMB: '256',
    });
    expect(context.getRemainingTimeInMillis()).toBe(9_000);
  });

  it('answers the remaining time and request id it is given', () => {
    const context = lambdaContext('demo', { remainingTimeInMillis: 10_000, awsRequestId: 'r-2' });

    expect(context.getRemainingTimeInMillis()).toBe(10_000);
    expect(context.awsRequestId).toBe('r-2');
  });

  it.each([0, -1, Number.NaN])('refuses a remaining time of %p', (remainingTimeInMillis) => {
    expect(() => lambdaContext('demo', { remainingTimeInMillis })).toThrow(/remainingTimeInMillis must be a positive number/);
  });
});
