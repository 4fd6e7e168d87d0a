/**
 * Captures what the Powertools Logger prints. Outside dev mode the Logger writes one JSON record per
 * line to process.stdout and process.stderr through a Console of its own (the global `console`,
 * which jest replaces, is not involved), so spying on the two streams sees exactly the lines
 * CloudWatch would receive.
 */

/** What a capture has seen, and the switch to end it. */
export interface CapturedLogs {
  /** Everything printed since the capture started, one entry per write, as text. */
  readonly lines: readonly string[];
  /** The printed lines that are JSON, parsed: the Logger's records. */
  records(): Record<string, unknown>[];
  /** Stops capturing and restores the streams (`jest.restoreAllMocks()` does it too). */
  restore(): void;
}

function parsedRecord(line: string): Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
  } catch {
    return [];
  }
}

/**
 * Starts capturing stdout and stderr; nothing captured reaches the test output. Start it in
 * `beforeEach` and restore it in `afterEach`.
 */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return {
    lines,
    records: () => lines.flatMap(parsedRecord),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
