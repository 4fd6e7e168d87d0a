/**
 * `@onboarding/local-logs`: a local Amazon CloudWatch Logs. {@link LogsEngine} holds the log groups
 * and is usable on its own; {@link createLogsHandler} is its AWS JSON 1.1 endpoint;
 * {@link compileFilterPattern} is the filter pattern matcher by itself.
 */
export * from './errors';
export * from './filter-pattern';
export * from './lambda-log-format';
export * from './logs-engine';
export * from './http-handler';
export type * from './types';
