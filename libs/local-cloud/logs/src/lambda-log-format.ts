/**
 * The lines Lambda itself writes around each invocation, in its plain-text log format, so the local
 * runtime writes what `aws logs tail` shows on AWS:
 *   START RequestId: <id> Version: $LATEST
 *   END RequestId: <id>
 *   REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 150.00 ms
 * and the stream name `yyyy/mm/dd/[$LATEST]<32 hex>` of a sandbox.
 */

/** The log group Lambda writes a function to when the function names none. */
export function lambdaLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** A log stream name in Lambda's form, for a sandbox started at `date` with id `sandboxId` (32 hex digits). */
export function lambdaLogStreamName(date: Date, sandboxId: string, version = '$LATEST'): string {
  const day = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[${version}]${sandboxId}`;
}

/** What one invocation's REPORT line says. */
export interface InvocationReport {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on the first invocation of a sandbox (a cold start). */
  initDurationMs?: number;
}

export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** The REPORT line; Lambda bills in 1 ms increments, rounding the duration up. */
export function reportLine(report: InvocationReport): string {
  const parts = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(report.durationMs))} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${Math.round(report.maxMemoryUsedMb)} MB`,
  ];
  if (report.initDurationMs !== undefined) parts.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  return `${parts.join('\t')}\t`;
}
