/** A Lambda context as the runtime passes it; the remaining time bounds in-progress idempotency records. */
import type { Context } from 'aws-lambda';

export function lambdaContext(remainingMillis = 10_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'signup-api-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:signup-api-test',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/signup-api-test',
    logStreamName: '2026/11/24/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => remainingMillis,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
