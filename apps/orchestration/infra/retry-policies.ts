/**
 * How each kind of state retries. The numbers are decided here once, so the definition reads as
 * "this step retries like a forward step" rather than as a wall of intervals.
 *
 * Every retrier uses exponential backoff with full jitter: when a shared dependency (the users
 * table, SES, the webhook) has a bad minute, hundreds of executions must not retry in lock step.
 */
import { Duration } from 'aws-cdk-lib';
import { JitterType, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';
import { stepErrorNames } from '@onboarding/events';
import { STEP_CONTRACTS, type StepName } from './step-contracts';

/**
 * Errors the Lambda service (not the function's code) raises for an invocation that may well work
 * a moment later: service faults, throttling, SDK/network trouble, and the invocation dying without
 * an error of its own (`Lambda.Unknown`: out of memory, a crash; `Sandbox.Timedout`: the function
 * timed out). Retrying those is safe because every step is idempotent on `signupId`; a retry that
 * overlaps a still-running attempt gets `IdempotencyAlreadyInProgressError`, which is retried too.
 * `States.Timeout` is the task's own `TimeoutSeconds` (set above the function's timeout).
 */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
  'States.Timeout',
] as const;

/**
 * Errors of the EventBridge PutEvents integration worth retrying. `EventBridge.FailedEntry` is how
 * the optimized integration reports `FailedEntryCount > 0`; `States.TaskFailed` covers the service
 * errors (throttling, internal errors) under whatever name the integration gives them: publishing
 * the outcome is the record of the onboarding, so it retries rather than gives up early.
 */
export const PUBLISH_RETRYABLE_ERRORS = ['EventBridge.FailedEntry', 'States.TaskFailed', 'States.Timeout'] as const;

/** Task time-out, above the functions' 10 s timeout so the function's own error reaches us first. */
export const TASK_TIMEOUT = Duration.seconds(30);

/** Retriers of a forward step (CreateUser, SendWelcomeEmail, CreateUserStorage, NotifyTeam). */
export function forwardStepRetries(step: StepName): RetryProps[] {
  return [
    {
      errors: stepErrorNames(STEP_CONTRACTS[step]).retryable,
      interval: Duration.seconds(1),
      backoffRate: 2,
      maxAttempts: 4,
      maxDelay: Duration.seconds(20),
      jitterStrategy: JitterType.FULL,
    },
    {
      errors: [...LAMBDA_TRANSIENT_ERRORS],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
      maxDelay: Duration.seconds(30),
      jitterStrategy: JitterType.FULL,
    },
  ];
}

/**
 * Retriers of a compensation step (DeleteUserStorage, DeleteUser). A failed compensation leaves a
 * half-onboarded user behind, so these retry longer and also retry errors nobody listed, a few
 * times; only the step's permanent errors (a payload the step refuses) stop at once, because
 * retrying them cannot succeed. Retriers match in order: the zero-attempt one must come first.
 */
export function compensationStepRetries(step: StepName): RetryProps[] {
  return [
    { errors: stepErrorNames(STEP_CONTRACTS[step]).permanent, maxAttempts: 0 },
    {
      errors: stepErrorNames(STEP_CONTRACTS[step]).retryable,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 8,
      maxDelay: Duration.seconds(60),
      jitterStrategy: JitterType.FULL,
    },
    {
      errors: [...LAMBDA_TRANSIENT_ERRORS],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      maxDelay: Duration.seconds(60),
      jitterStrategy: JitterType.FULL,
    },
    {
      errors: ['States.ALL'],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 3,
      maxDelay: Duration.seconds(60),
      jitterStrategy: JitterType.FULL,
    },
  ];
}

/** Retriers of a PutEvents task (the outcome events). */
export function publishRetries(): RetryProps[] {
  return [
    {
      errors: [...PUBLISH_RETRYABLE_ERRORS],
      interval: Duration.seconds(1),
      backoffRate: 2,
      maxAttempts: 6,
      maxDelay: Duration.seconds(30),
      jitterStrategy: JitterType.FULL,
    },
  ];
}
