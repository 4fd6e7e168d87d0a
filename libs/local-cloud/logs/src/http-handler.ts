/**
 * The CloudWatch Logs endpoint: AWS JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`), the
 * protocol of both the SDK v3 and Debian's AWS CLI v2 2.9.19. `aws logs tail --follow` on that CLI
 * polls FilterLogEvents every 5 seconds (it predates StartLiveTail), so FilterLogEvents is all it needs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createJsonRpcHandler, type JsonOperation } from '@onboarding/local-aws-core';
import type { LogsEngine } from './logs-engine';

/* eslint-disable @typescript-eslint/no-explicit-any -- inputs are checked field by field inside the engine */
function operations(engine: LogsEngine): Record<string, JsonOperation> {
  return {
    CreateLogGroup: (i) => engine.createLogGroup(i as any),
    DeleteLogGroup: (i) => engine.deleteLogGroup(i as any),
    DescribeLogGroups: (i) => engine.describeLogGroups(i as any),
    PutRetentionPolicy: (i) => engine.putRetentionPolicy(i as any),
    DeleteRetentionPolicy: (i) => engine.deleteRetentionPolicy(i as any),
    CreateLogStream: (i) => engine.createLogStream(i as any),
    DeleteLogStream: (i) => engine.deleteLogStream(i as any),
    DescribeLogStreams: (i) => engine.describeLogStreams(i as any),
    PutLogEvents: (i) => engine.putLogEvents(i as any),
    GetLogEvents: (i) => engine.getLogEvents(i as any),
    FilterLogEvents: (i) => engine.filterLogEvents(i as any),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The operations the local CloudWatch Logs answers; any other answers UnknownOperationException. */
export const LOGS_OPERATIONS: readonly string[] = Object.keys(operations({} as LogsEngine));

/** Options of {@link createLogsHandler}. */
export interface LogsHandlerOptions {
  /** Called with unexpected errors (bugs), which the caller sees as a 500 ServiceUnavailableException. */
  onInternalError?: (error: unknown, operation: string) => void;
}

/** The CloudWatch Logs endpoint of an engine. Every request is answered, never dropped. */
export function createLogsHandler(engine: LogsEngine, options: LogsHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return createJsonRpcHandler({
    service: 'CloudWatch Logs',
    targetPrefix: 'Logs_20140328',
    jsonVersion: '1.1',
    internalErrorCode: 'ServiceUnavailableException',
    operations: operations(engine),
    onInternalError: options.onInternalError,
  });
}
