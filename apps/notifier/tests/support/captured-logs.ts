/**
 * Captures what the Powertools logger prints. The logger writes JSON lines to process.stdout and
 * process.stderr through its own Console, so spying on the streams sees every line it emits.
 */
export interface CapturedLogs {
  /** Everything printed since the capture started, one entry per write. */
  readonly lines: string[];
  /** The printed lines parsed as JSON (lines that are not JSON are skipped). */
  records(): Record<string, unknown>[];
  /** Stops capturing and restores the streams. */
  restore(): void;
}

/** Starts capturing stdout and stderr. */
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
    records: () =>
      lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
