/** A Lambda context as the runtime passes it to a handler, for handler tests. */
import type { Context } from 'aws-lambda';

/** Options of {@link lambdaContext}. */
export interface LambdaContextOptions {
  /** @default 'c6af9ac6-7b61-11e6-9a41-93e812345678' */
  readonly awsRequestId?: string;
  /**
   * What `getRemainingTimeInMillis()` answers. Powertools idempotency bounds an in-progress record
   * by it, so a test of that bound sets it. It stays constant: a context is often shared by the
   * tests of a file, and a clock running down across them would make the last ones fail.
   * @default 9000
   */
  readonly remainingTimeInMillis?: number;
  /** @default '256' */
  readonly memoryLimitInMB?: string;
}

/** Builds the context of one invocation of `functionName` (a function of account 000000000000 in us-east-1). */
export function lambdaContext(functionName = 'test-function', options: LambdaContextOptions = {}): Context {
  const remaining = options.remainingTimeInMillis ?? 9_000;
  if (!Number.isFinite(remaining) || remaining <= 0) throw new Error(`remainingTimeInMillis must be a positive number, not ${remaining}`);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: options.memoryLimitInMB ?? '256',
    awsRequestId: options.awsRequestId ?? 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/24/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => remaining,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
