/**
 * Captures what the Powertools Logger writes (through the global console, as POWERTOOLS_DEV is set
 * in tests/test-env.ts), and keeps test output quiet.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

export interface CapturedLogs {
  /** Every line written so far, as text. */
  lines(): string[];
  /** Every line written so far, parsed (Powertools writes JSON). */
  entries(): Record<string, unknown>[];
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  for (const method of METHODS) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
  return {
    lines: () => [...lines],
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
