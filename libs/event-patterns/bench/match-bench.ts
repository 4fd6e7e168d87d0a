/**
 * Throughput of compiled patterns: one realistic 20-field event against 100 compiled rules that
 * mix every operator, the way an event bus evaluates each incoming event against all its rules.
 * Warms up first (so V8 has optimised the matchers), then counts pattern evaluations for about
 * two seconds on this one thread and prints evaluations per second.
 *
 * Run: `npx nx run event-patterns:bench` (or `tsx bench/match-bench.ts` in this folder).
 */
import { compilePattern, type CompiledPattern } from '../src';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'UserSignup',
  source: 'onboarding.signup',
  account: '111122223333',
  time: '2025-03-14T09:26:53Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:111122223333:event-bus/onboarding'],
  detail: {
    version: 1,
    signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    tenantId: 'acme',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    plan: 'pro',
    seats: 12,
    trialDays: 14,
    sourceIp: '10.20.30.40',
    referrer: 'https://partner.example.org/campaign/spring',
    tags: ['beta', 'eu', 'self-serve'],
    marketingOptIn: false,
  },
};

const sources = ['onboarding.signup', 'onboarding.orchestration', 'billing.payments', 'aws.ec2', 'crm.sync'];
const detailTypes = ['UserSignup', 'UserOnboarded', 'UserOnboardingFailed', 'InvoicePaid', 'ContactUpdated'];
const plans = ['free', 'pro', 'enterprise'];

/** Rule i of 100: a deterministic mix, so every run measures the same work. */
function rule(i: number): Record<string, unknown> {
  const source = sources[i % sources.length] as string;
  const detailType = detailTypes[(i >> 1) % detailTypes.length] as string;
  const plan = plans[i % plans.length] as string;
  switch (i % 10) {
    case 0:
      return { source: [source], 'detail-type': [detailType] };
    case 1:
      return { source: [{ prefix: source.split('.')[0] as string }], detail: { plan: [plan, 'team'] } };
    case 2:
      return { source: [source], detail: { seats: [{ numeric: ['>', i % 20, '<=', 100] }] } };
    case 3:
      return { 'detail-type': [{ 'equals-ignore-case': detailType.toLowerCase() }], detail: { tenantId: [{ 'anything-but': ['internal', `t${i}`] }] } };
    case 4:
      return { source: [source], detail: { email: [{ suffix: '@example.com' }], marketingOptIn: [false] } };
    case 5:
      return { detail: { referrer: [{ wildcard: `https://*.example.org/campaign/*` }], tags: ['eu', `x${i}`] } };
    case 6:
      return { source: [source], detail: { sourceIp: [{ cidr: `10.${i}.0.0/16` }] } };
    case 7:
      return { source: [source], detail: { $or: [{ plan: ['enterprise'] }, { seats: [{ numeric: ['>=', 10 + i] }] }] } };
    case 8:
      return { account: ['111122223333'], detail: { deletedAt: [{ exists: false }], signupId: [{ exists: true }], plan: [{ 'anything-but': { prefix: 'ent' } }] } };
    default:
      return { resources: [{ prefix: 'arn:aws:events:eu-west-1:' }], region: [{ 'anything-but': 'us-east-1' }], detail: { version: [1] } };
  }
}

const rules: CompiledPattern[] = Array.from({ length: 100 }, (_, i) => compilePattern(rule(i)));

function pass(): number {
  let matched = 0;
  for (const compiled of rules) if (compiled.matches(event)) matched++;
  return matched;
}

// Warm-up: long enough for the optimising compiler to settle on the hot paths.
const warmUntil = performance.now() + 500;
let matchesPerPass = 0;
while (performance.now() < warmUntil) matchesPerPass = pass();

let evaluations = 0;
let sink = 0;
const start = performance.now();
let elapsed = 0;
do {
  for (let i = 0; i < 200; i++) sink += pass();
  evaluations += 200 * rules.length;
  elapsed = performance.now() - start;
} while (elapsed < 2000);

const perSecond = Math.round((evaluations / elapsed) * 1000);
console.log(`rules: ${rules.length}, event fields: 20, rules matching the event: ${matchesPerPass}`);
console.log(`evaluations: ${evaluations} in ${(elapsed / 1000).toFixed(2)} s (checksum ${sink})`);
console.log(`pattern evaluations per second: ${perSecond.toLocaleString('en-US')}`);
