/**
 * The arithmetic of the cost model on the synthetic system (tests/fixtures/synthetic-system.ts),
 * where every price is 1 USD per million units: a line's cost per million onboardings is then
 * its quantity per onboarding, and every expected figure below is worked out by hand.
 */
import { readCostAssembly } from '../../src/assembly/read-assemblies';
import { CostModelError, costOnboarding, expressBilledMemoryMb } from '../../src/cost/onboarding-cost';
import { priceAllPaths } from '../../src/cost/price-all-paths';
import { HAPPY } from '../../src/workflow/scenarios';
import { perMillion, roundPrices, syntheticProfile, syntheticStacks } from '../fixtures/synthetic-system';

const noCold = { coldStartRate: 0, xraySampleRate: 0 };

describe('the cost of one onboarding of the synthetic system', () => {
  const assembly = readCostAssembly(syntheticStacks());
  const base = { assembly, profile: syntheticProfile(), prices: roundPrices(), entryRoute: 'POST /go', assumptions: noCold };

  it('prices the happy path of a Standard workflow line by line', async () => {
    const bill = await costOnboarding({ ...base, scenario: HAPPY, workflowType: 'STANDARD' });

    expect(perMillion(bill, 'HTTP API requests')).toBe(1);
    // Entry, Starter, Worker.
    expect(perMillion(bill, 'requests')).toBe(3);
    // Entry 0.5 GB × 0.100 s + Starter 0.125 GB × 0.020 s = 0.0525 GB-s; Worker 1 GB × 0.050 s.
    expect(perMillion(bill, 'duration, arm64')).toBeCloseTo(0.0525, 10);
    expect(perMillion(bill, 'duration, x86_64')).toBeCloseTo(0.05, 10);
    // Work, Check, Done.
    expect(perMillion(bill, 'state transitions (Standard)')).toBe(3);
    // 70,000 bytes are two 64 KB chunks.
    expect(perMillion(bill, 'custom events published')).toBe(2);
    expect(perMillion(bill, 'on-demand writes')).toBe(2);
    expect(perMillion(bill, 'on-demand reads')).toBe(0.5);
    expect(perMillion(bill, 'emails sent')).toBe(1);
    expect(perMillion(bill, 'PUT, COPY, POST, LIST requests')).toBe(1);
    expect(perMillion(bill, 'GET and other requests')).toBe(2);
    // Application logs only: system logs at WARN write nothing, the execution log is OFF. 1,000 bytes at 1 USD/GB.
    expect(perMillion(bill, 'ingestion, Lambda logs')).toBeCloseTo((1000 / 1024 ** 3) * 1e6, 8);
    expect(perMillion(bill, 'ingestion, execution log')).toBe(0);
    expect(perMillion(bill, 'requests (Express)')).toBe(0);
    expect(bill.total * 1e6).toBeCloseTo(1 + 3 + 0.0525 + 0.05 + 3 + 2 + 2 + 0.5 + 1 + 1 + 2 + (1000 / 1024 ** 3) * 1e6, 8);
  });

  it('prices the same path of an Express workflow: one request, the duration in 100 ms steps at 64 MB', async () => {
    const bill = await costOnboarding({ ...base, scenario: HAPPY, workflowType: 'EXPRESS' });

    expect(perMillion(bill, 'state transitions (Standard)')).toBe(0);
    expect(perMillion(bill, 'requests (Express)')).toBe(1);
    // The Worker's 50 ms rounds up to 100 ms; 64 MB = 0.0625 GB: 0.00625 GB-s.
    expect(bill.express).toEqual({ billedMs: 100, memoryMb: 64 });
    expect(perMillion(bill, 'duration (Express)')).toBeCloseTo(0.00625, 12);
  });

  it('adds the failed attempt, its retry transition and its duration when Work fails once', async () => {
    const bill = await costOnboarding({ ...base, scenario: { key: 'w1', description: 'Work fails once', faults: [{ state: 'Work', error: 'Busy', times: 1 }] }, workflowType: 'STANDARD' });

    expect(perMillion(bill, 'state transitions (Standard)')).toBe(4);
    expect(perMillion(bill, 'requests')).toBe(4);
    // Worker: a 30 ms failure and a 50 ms success at 1 GB.
    expect(perMillion(bill, 'duration, x86_64')).toBeCloseTo(0.08, 10);
    // The failure's own write.
    expect(perMillion(bill, 'on-demand writes')).toBe(3);
    expect(bill.invocations['Worker']?.outcome).toEqual({ success: 1, failure: 1 });
  });

  it('follows Retry, then Catch, to the Fail state when Work fails every attempt', async () => {
    const bill = await costOnboarding({ ...base, scenario: { key: 'w', description: 'Work fails', faults: [{ state: 'Work', error: 'Busy', times: 'always' }] }, workflowType: 'STANDARD' });

    // Work + 2 retries + Failed.
    expect(perMillion(bill, 'state transitions (Standard)')).toBe(4);
    expect(bill.walk?.status).toBe('FAILED');
    expect(bill.walk?.error).toBe('WorkFailed');
    expect(bill.invocations['Worker']?.outcome).toEqual({ success: 0, failure: 3 });
    expect(perMillion(bill, 'emails sent')).toBe(0);
    // Expected duration: 3 × 30 ms + the retries' 1 s and 2 s (no jitter).
    expect(bill.walk?.expectedDurationMs).toBe(90 + 3000);
  });

  it('bills a cold start its initialization too, and what a sandbox fetches once', async () => {
    const bill = await costOnboarding({ ...base, assumptions: { coldStartRate: 0.5, xraySampleRate: 0 }, scenario: HAPPY, workflowType: 'STANDARD' });

    // Entry: half at 100 ms, half at 400 + 100 ms → 300 ms × 0.5 GB = 0.15 GB-s;
    // Starter: half at 20 ms, half at 200 + 50 ms → 135 ms × 0.125 GB = 0.016875 GB-s.
    expect(perMillion(bill, 'duration, arm64')).toBeCloseTo(0.15 + 0.016875, 10);
    // Worker: half at 50 ms, half at 300 + 100 ms → 225 ms × 1 GB.
    expect(perMillion(bill, 'duration, x86_64')).toBeCloseTo(0.225, 10);
    // The Starter's secret, fetched on half of its invocations.
    expect(perMillion(bill, 'API calls')).toBe(0.5);
  });

  it('uses durations the team measured instead of the local ones', async () => {
    const bill = await costOnboarding({ ...base, durations: { Worker: 10 }, scenario: HAPPY, workflowType: 'STANDARD' });

    expect(perMillion(bill, 'duration, x86_64')).toBeCloseTo(0.01, 10);
  });

  it('records traces for the share X-Ray samples, when tracing is on', async () => {
    const traced = readCostAssembly(
      syntheticStacks().map((s) =>
        s.stackName === 'Api' ? { ...s, template: { Resources: { ...s.template.Resources, EntryFn1: { ...s.template.Resources?.['EntryFn1'], Properties: { ...s.template.Resources?.['EntryFn1']?.Properties, TracingConfig: { Mode: 'Active' } } } } } } : s,
      ) as never,
    );

    const bill = await costOnboarding({ ...base, assembly: traced, assumptions: { coldStartRate: 0, xraySampleRate: 0.05 }, scenario: HAPPY });

    expect(perMillion(bill, 'traces recorded')).toBeCloseTo(0.05, 10);
  });

  it('sizes the execution log by the history events its level keeps', async () => {
    const all = await costOnboarding({ ...base, assembly: readCostAssembly(syntheticStacks({ logLevel: 'ALL' })), scenario: HAPPY });
    const errorsOnly = await costOnboarding({ ...base, assembly: readCostAssembly(syntheticStacks({ logLevel: 'ERROR' })), scenario: HAPPY });
    const failing = await costOnboarding({ ...base, assembly: readCostAssembly(syntheticStacks({ logLevel: 'ERROR' })), scenario: { key: 'w', description: 'w', faults: [{ state: 'Work', error: 'Busy', times: 'always' }] } });

    expect(perMillion(all, 'ingestion, execution log')).toBeGreaterThan(0);
    expect(perMillion(errorsOnly, 'ingestion, execution log')).toBe(0);
    expect(perMillion(failing, 'ingestion, execution log')).toBeGreaterThan(0);
  });

  it('refuses to price a function the profile has not measured, saying how to measure it', async () => {
    const profile = syntheticProfile();
    delete profile.functions['Work/WorkerFn1'];

    await expect(costOnboarding({ ...base, profile, scenario: HAPPY })).rejects.toThrow(CostModelError);
    await expect(costOnboarding({ ...base, profile, scenario: HAPPY })).rejects.toThrow(/npm run cost:measure/);
  });

  it('refuses an entry route the assemblies do not have', async () => {
    await expect(costOnboarding({ ...base, entryRoute: 'GET /nope', scenario: HAPPY })).rejects.toThrow(/no HTTP API route GET \/nope/);
  });

  it('enumerates and prices every path both ways, the happy path first', async () => {
    const { machine, bills } = await priceAllPaths({ ...base });

    expect(machine.name).toBe('Machine');
    expect(bills[0]?.standard.scenario.key).toBe('happy');
    // Work: once and always for Busy, and an error no retrier names.
    expect(bills.map((b) => b.standard.scenario.key)).toEqual(['happy', 'Work:Busy:1', 'Work:Busy:always', 'Work:Error:always']);
    for (const b of bills) {
      expect(b.standard.workflowType).toBe('STANDARD');
      expect(b.express.workflowType).toBe('EXPRESS');
    }
  });
});

describe('Express memory (the pricing page formula)', () => {
  it('is 50 MB plus the definition plus the data times the Parallel and Map steps, in 64 MB chunks', () => {
    // The pricing page's example: 50 KB definition, 400 Map steps of 32 KB → 62.85 MB → 64 MB.
    expect(expressBilledMemoryMb(50 * 1024, 32 * 1024, 400)).toBe(64);
    expect(expressBilledMemoryMb(50 * 1024, 64 * 1024, 400)).toBe(128);
  });
});
