import { executionLogBytes, keptAtLevel, lambdaSystemLogBytes } from '../../src/cost/log-records';

describe('execution log levels', () => {
  it.each([
    ['ALL', 'TaskStateEntered', true],
    ['ERROR', 'TaskStateEntered', false],
    ['ERROR', 'TaskFailed', true],
    ['ERROR', 'ExecutionFailed', true],
    ['FATAL', 'TaskFailed', false],
    ['FATAL', 'ExecutionFailed', true],
    ['OFF', 'ExecutionFailed', false],
  ] as const)('%s keeps %s: %s', (level, type, kept) => {
    expect(keptAtLevel(level, type)).toBe(kept);
  });

  it('adds the state data only with IncludeExecutionData', () => {
    const history = [{ type: 'PassStateEntered', stateName: 'P', data: { big: 'x'.repeat(1000) } }];
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:e';

    const without = executionLogBytes(history, { level: 'ALL', includeExecutionData: false, executionArn: arn });
    const withData = executionLogBytes(history, { level: 'ALL', includeExecutionData: true, executionArn: arn });

    expect(withData - without).toBeGreaterThan(1000);
  });
});

describe("Lambda's system log records", () => {
  const base = { logFormat: 'JSON', systemLogLevel: 'INFO', cold: false, tracing: false, functionName: 'f', memoryMb: 256 };

  it('writes platform.start and platform.report, more on a cold start and with tracing', () => {
    const warm = lambdaSystemLogBytes(base);

    expect(warm).toBeGreaterThan(200);
    expect(lambdaSystemLogBytes({ ...base, cold: true })).toBeGreaterThan(warm);
    expect(lambdaSystemLogBytes({ ...base, tracing: true })).toBeGreaterThan(warm);
  });

  it('writes none of them above INFO with the JSON format, and the text lines otherwise', () => {
    expect(lambdaSystemLogBytes({ ...base, systemLogLevel: 'WARN' })).toBe(0);
    expect(lambdaSystemLogBytes({ ...base, logFormat: 'Text' })).toBeGreaterThan(100);
  });
});
