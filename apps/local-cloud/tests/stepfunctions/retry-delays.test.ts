import { scaledRetryDelayMs } from '../../src/stepfunctions/retry-delays';

describe('scaledRetryDelayMs', () => {
  it('grows by BackoffRate from IntervalSeconds, times the scale', () => {
    const retrier = { IntervalSeconds: 2, BackoffRate: 3 };

    expect([0, 1, 2].map((n) => scaledRetryDelayMs(retrier, n, 0.01))).toEqual([20, 60, 180]);
  });

  it('uses the ASL defaults (1 s, rate 2) when the retrier sets neither', () => {
    expect([0, 1, 2].map((n) => scaledRetryDelayMs({}, n, 1))).toEqual([1000, 2000, 4000]);
  });

  it('caps the delay at MaxDelaySeconds before scaling', () => {
    expect(scaledRetryDelayMs({ IntervalSeconds: 10, BackoffRate: 2, MaxDelaySeconds: 15 }, 3, 0.1)).toBe(1500);
  });

  it('draws a full-jitter delay between zero and the backoff delay', () => {
    const retrier = { IntervalSeconds: 4, JitterStrategy: 'FULL' as const };

    expect(scaledRetryDelayMs(retrier, 1, 0.5, () => 0.25)).toBe(1000);
    expect(scaledRetryDelayMs(retrier, 1, 0.5, () => 0)).toBe(0);
  });
});
