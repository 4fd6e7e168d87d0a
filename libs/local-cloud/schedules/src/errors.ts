/** The errors AWS answers for a schedule expression it refuses. */
import { AwsError } from '@onboarding/local-aws-core';

/** Which API is validating: EventBridge rules (PutRule) or EventBridge Scheduler (CreateSchedule). */
export type ScheduleFlavour = 'rule' | 'scheduler';

/**
 * AWS's `ValidationException` for a bad schedule expression, with AWS's own message
 * (PutRule: "Parameter ScheduleExpression is not valid."; CreateSchedule:
 * "Invalid Schedule Expression <expression>"), and `reason` saying what is wrong, which AWS does not.
 */
export class InvalidScheduleExpressionError extends AwsError {
  constructor(
    readonly expression: string,
    readonly flavour: ScheduleFlavour,
    readonly reason: string,
  ) {
    super('ValidationException', flavour === 'rule' ? 'Parameter ScheduleExpression is not valid.' : `Invalid Schedule Expression ${expression}`);
  }
}

/** EventBridge Scheduler's refusal of an unknown ScheduleExpressionTimezone. */
export class InvalidTimeZoneError extends AwsError {
  constructor(readonly timeZone: string) {
    super('ValidationException', `Invalid ScheduleExpressionTimezone ${timeZone}`);
  }
}
