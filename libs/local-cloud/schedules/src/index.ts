/**
 * `@onboarding/local-schedules`: AWS's schedule expressions (EventBridge rules and EventBridge
 * Scheduler), their next fire times, and {@link ScheduleRunner}, which fires them on a clock.
 */
export { CronSyntaxError, parseCron, type CronSpec } from './cron';
export * from './errors';
export * from './schedule-expression';
export * from './schedule-runner';
export { instantsOf, isValidTimeZone, wallClock, type WallClock } from './time-zone';
export * from './scheduler-service';
export { createSchedulerHandler } from './scheduler-handler';
