/** A Lambda context as the runtime passes it, with the remaining time the idempotency lock uses. */
import type { Context } from 'aws-lambda';

/** Builds a context for one invocation of `functionName`. */
export function lambdaContext(functionName: string, awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/24/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 9_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
