/**
 * Sizes of the log records AWS writes on its own, modelled from their documented shapes with
 * values of realistic length (the local cloud does not write them, so they cannot be measured):
 *
 * - Lambda's system records per invocation: with the JSON log format `platform.start` and
 *   `platform.report` (plus `platform.initStart` on a cold start), at system log level INFO or
 *   DEBUG; with the text format the START, END and REPORT lines (plus INIT_START).
 * - Step Functions' execution log: one record per history event the logging level keeps (ALL:
 *   every event; ERROR: the failures; FATAL: the execution's own failure), with the state's input
 *   and output only when `IncludeExecutionData` is on.
 */
import type { WalkHistoryEvent } from '../workflow/walker';
import type { LogLevel } from '../assembly/read-assemblies';

const TIME = '2026-12-04T18:16:15.938Z';
const REQUEST_ID = '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa';
const TRACE = { spanId: '7f2c0a1b9d3e4f56', type: 'X-Amzn-Trace-Id', value: 'Root=1-6750a8ff-2c1e4a7b9f0d3e5a6b7c8d9e;Parent=7f2c0a1b9d3e4f56;Sampled=1' };

/** Bytes of the system records of one invocation. */
export function lambdaSystemLogBytes(options: { logFormat: string; systemLogLevel: string; cold: boolean; tracing: boolean; functionName: string; memoryMb: number }): number {
  const records: string[] = [];
  if (options.logFormat === 'JSON') {
    if (!['DEBUG', 'INFO'].includes(options.systemLogLevel)) return 0;
    if (options.cold) {
      records.push(
        JSON.stringify({
          time: TIME,
          type: 'platform.initStart',
          record: { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'nodejs:24.v12', runtimeVersionArn: `arn:aws:lambda:us-east-1::runtime:${'0'.repeat(64)}`, functionName: options.functionName, functionVersion: '$LATEST' },
        }),
      );
    }
    records.push(JSON.stringify({ time: TIME, type: 'platform.start', record: { requestId: REQUEST_ID, version: '$LATEST', ...(options.tracing ? { tracing: TRACE } : {}) } }));
    records.push(
      JSON.stringify({
        time: TIME,
        type: 'platform.report',
        record: {
          requestId: REQUEST_ID,
          metrics: { durationMs: 21.407, billedDurationMs: 22, memorySizeMB: options.memoryMb, maxMemoryUsedMB: 93, ...(options.cold ? { initDurationMs: 112.351 } : {}) },
          ...(options.tracing ? { tracing: TRACE } : {}),
          status: 'success',
        },
      }),
    );
  } else {
    if (options.cold) records.push(`INIT_START Runtime Version: nodejs:24.v12\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:${'0'.repeat(64)}`);
    records.push(`START RequestId: ${REQUEST_ID} Version: $LATEST`, `END RequestId: ${REQUEST_ID}`);
    records.push(
      `REPORT RequestId: ${REQUEST_ID}\tDuration: 21.41 ms\tBilled Duration: 22 ms\tMemory Size: ${options.memoryMb} MB\tMax Memory Used: 93 MB\t${options.cold ? 'Init Duration: 112.35 ms\t' : ''}${options.tracing ? `\nXRAY TraceId: 1-6750a8ff-2c1e4a7b9f0d3e5a6b7c8d9e\tSegmentId: 7f2c0a1b9d3e4f56\tSampled: true` : ''}`,
    );
  }
  return records.reduce((sum, r) => sum + Buffer.byteLength(r), 0);
}

/** Whether an execution log at `level` keeps a history event of this type. */
export function keptAtLevel(level: LogLevel, type: string): boolean {
  if (level === 'OFF') return false;
  if (level === 'ALL') return true;
  if (level === 'FATAL') return type === 'ExecutionFailed' || type === 'ExecutionAborted' || type === 'ExecutionTimedOut';
  return /(Failed|TimedOut|Aborted)$/.test(type);
}

function details(event: WalkHistoryEvent, includeData: boolean): Record<string, unknown> {
  const data = includeData && event.data !== undefined ? JSON.stringify(event.data) : undefined;
  if (event.type.endsWith('StateEntered')) return { name: event.stateName, ...(data !== undefined ? { input: data, inputDetails: { truncated: false } } : {}) };
  if (event.type.endsWith('StateExited')) return { name: event.stateName, ...(data !== undefined ? { output: data, outputDetails: { truncated: false } } : {}) };
  if (event.type === 'TaskScheduled') return { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', timeoutInSeconds: 30, ...(includeData ? { parameters: '{}' } : {}) };
  if (event.type === 'TaskStarted') return { resourceType: 'lambda', resource: 'invoke' };
  if (event.type === 'TaskSucceeded') return { resourceType: 'lambda', resource: 'invoke', ...(includeData ? { output: '{}', outputDetails: { truncated: false } } : {}) };
  if (event.type.endsWith('Failed')) return { error: 'UserStoreUnavailableError', cause: 'Users table unavailable during createPendingUser' };
  if (event.type === 'ExecutionStarted') return { roleArn: 'arn:aws:iam::123456789012:role/OnboardingOrchestration-OnboardingStateMachineRole8E27C39C-AbCdEfGhIjKl', ...(data !== undefined ? { input: data, inputDetails: { truncated: false } } : {}) };
  if (event.type === 'ExecutionSucceeded') return data !== undefined ? { output: data, outputDetails: { truncated: false } } : {};
  return {};
}

/** Bytes of the execution log of one walk. */
export function executionLogBytes(history: WalkHistoryEvent[], options: { level: LogLevel; includeExecutionData: boolean; executionArn: string }): number {
  let bytes = 0;
  history.forEach((event, index) => {
    if (!keptAtLevel(options.level, event.type)) return;
    bytes += Buffer.byteLength(
      JSON.stringify({
        id: String(index + 1),
        type: event.type,
        details: details(event, options.includeExecutionData),
        previous_event_id: String(index),
        event_timestamp: '1796408175938',
        execution_arn: options.executionArn,
        redrive_count: '0',
      }),
    );
  });
  return bytes;
}
