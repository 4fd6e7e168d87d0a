/**
 * `npm run cost` on the synthesized apps and the committed profile: both workflow types, every
 * item named, every path, and what Express gives up.
 */
import { join } from 'node:path';
import { loadStacks, readCostAssembly } from '../../src/assembly/read-assemblies';
import { DEFAULT_ASSUMPTIONS } from '../../src/cost/onboarding-cost';
import { priceAllPaths } from '../../src/cost/price-all-paths';
import { readPriceBook } from '../../src/cost/price-book';
import { renderReport } from '../../src/cost/report';
import { readProfile } from '../../src/profile/function-profile';

const root = join(__dirname, '../../../..');

describe('the cost report of the onboarding', () => {
  let report: string;
  let bills: Awaited<ReturnType<typeof priceAllPaths>>['bills'];

  beforeAll(async () => {
    const assembly = readCostAssembly(loadStacks(join(root, 'apps')));
    const prices = readPriceBook(join(__dirname, '../../prices/us-east-1.json'));
    const profile = readProfile(join(__dirname, '../../profile/functions.json'));
    const priced = await priceAllPaths({ assembly, profile, prices });
    bills = priced.bills;
    report = renderReport({ assembly, machine: priced.machine, profile, prices, pricesFile: 'prices.json', profileFile: 'functions.json', assumptions: DEFAULT_ASSUMPTIONS, bills });
  });

  it('prints the happy path for a Standard and an Express workflow, with the prices\' date', () => {
    expect(report).toMatch(/== Happy path .*, Standard workflow: \$[\d,.]+ per 1M onboardings/);
    expect(report).toMatch(/== Happy path .*, Express workflow, same definition: \$[\d,.]+ per 1M onboardings/);
    expect(report).toMatch(/list prices read on \d{4}-\d{2}-\d{2}/);
  });

  it.each([
    'HTTP API requests',
    'requests',
    'duration, arm64',
    'state transitions (Standard)',
    'custom events published',
    'archive',
    'on-demand writes',
    'emails sent',
    'PUT, COPY, POST, LIST requests',
    'ingestion, Lambda logs',
    'ingestion, execution log',
    'traces recorded',
  ])('names the Standard happy path item "%s"', (item) => {
    expect(bills[0]?.standard.lines.map((l) => l.item)).toContain(item);
  });

  it('replaces the transitions by Express requests and duration for the same definition', () => {
    const express = bills[0]?.express.lines.map((l) => l.item) ?? [];

    expect(express).toEqual(expect.arrayContaining(['requests (Express)', 'duration (Express)']));
    expect(express).not.toContain('state transitions (Standard)');
  });

  it('runs every step once on the happy path: six functions, one email, the UserOnboarded event', () => {
    const happy = bills[0]?.standard;

    expect(happy?.walk?.status).toBe('SUCCEEDED');
    expect(Object.keys(happy?.invocations ?? {}).sort()).toEqual(['CreateUserFunction', 'CreateUserStorageFunction', 'NotifyTeamFunction', 'SendWelcomeEmailFunction', 'SignupFunction', 'StartOnboarding']);
    expect(happy?.lines.find((l) => l.item === 'emails sent')?.quantity).toBe(1);
    expect(happy?.lines.find((l) => l.item === 'custom events published')?.quantity).toBe(2);
  });

  it('prices the compensation paths, which call DeleteUserStorage and DeleteUser', () => {
    const compensated = bills.find((b) => b.standard.scenario.key === 'SendWelcomeEmail:MailerUnavailableError:always');

    expect(compensated?.standard.walk?.status).toBe('FAILED');
    expect(Object.keys(compensated?.standard.invocations ?? {})).toEqual(expect.arrayContaining(['DeleteUserStorageFunction', 'DeleteUserFunction']));
    expect(report).toContain('SendWelcomeEmail fails every attempt (MailerUnavailableError)');
  });

  it('says what Express gives up, and what of it this definition relies on', () => {
    for (const fact of ['Exactly-once execution', 'Execution names', 'Callbacks (.waitForTaskToken)', 'Execution history', 'at most five minutes']) expect(report).toContain(fact);
    expect(report).toMatch(/started with an execution name \(signup-/);
    expect(report).toMatch(/path\(s\) can take longer than five minutes at worst/);
  });
});
