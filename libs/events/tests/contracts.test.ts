/**
 * Contract tests: every published example is valid, and each contract refuses a bad detail with an
 * error that names the offending field, so a producer's mistake is found at the producer.
 */
import { allContracts, EventContractError, findContract, parseDetail, UserOnboardedV1, UserOnboardingFailedV1, UserSignupV1, type EventContract } from '../src';
import { contractExamples, exampleUserOnboarded, exampleUserOnboardingFailed, exampleUserSignup } from '../src/testing';
import { refusalOf } from './support/refusal-of';

/** The refusal of a detail by a contract. */
const refusalOfDetail = (contract: EventContract, detail: unknown) => refusalOf(EventContractError, () => parseDetail(contract, detail));

describe('contract examples', () => {
  it('has examples for every contract and no examples of unknown contracts', () => {
    expect(Object.keys(contractExamples).sort()).toEqual(allContracts.map((c) => c.detailType).sort());
  });

  const cases = allContracts.flatMap((contract) =>
    contractExamples[contract.detailType as keyof typeof contractExamples].map((example, index) => ({ contract, example, index })),
  );

  it.each(cases)('example $index of $contract.detailType parses with its contract unchanged', ({ contract, example }) => {
    const parsed = parseDetail(contract, example);

    expect(parsed).toEqual(example);
    expect(parsed.version).toBe(contract.version);
  });
});

describe('contract declarations', () => {
  it('names a source, detail-type and version for every contract, with no two alike', () => {
    const keys = allContracts.map((c) => `${c.source}|${c.detailType}|${c.version}`);

    expect(new Set(keys).size).toBe(allContracts.length);
    for (const contract of allContracts) expect(findContract(contract.source, contract.detailType)).toBe(contract);
  });

  it('finds no contract for an unknown source or detail-type', () => {
    expect(findContract('onboarding.signup', 'UserOnboarded')).toBeUndefined();
    expect(findContract('somebody.else', 'UserSignup')).toBeUndefined();
  });

  it('uses the sources of the design: the signup API and the orchestration', () => {
    expect(UserSignupV1.source).toBe('onboarding.signup');
    expect(UserOnboardedV1.source).toBe('onboarding.orchestration');
    expect(UserOnboardingFailedV1.source).toBe('onboarding.orchestration');
  });
});

/** A detail with one field broken, and the path the refusal must name. */
interface BrokenField {
  contract: EventContract;
  what: string;
  detail: Record<string, unknown>;
  path: string;
}

const without = (detail: Record<string, unknown>, field: string) => {
  const copy = { ...detail };
  delete copy[field];
  return copy;
};

const brokenFields: BrokenField[] = [
  { contract: UserSignupV1, what: 'an email without a domain', detail: exampleUserSignup({ email: 'ada@' }), path: 'detail.email' },
  { contract: UserSignupV1, what: 'an email longer than 254 characters', detail: exampleUserSignup({ email: `${'a'.repeat(250)}@example.com` }), path: 'detail.email' },
  { contract: UserSignupV1, what: 'a missing email', detail: without(exampleUserSignup(), 'email'), path: 'detail.email' },
  { contract: UserSignupV1, what: 'an empty name', detail: exampleUserSignup({ name: '   ' }), path: 'detail.name' },
  { contract: UserSignupV1, what: 'a name with a control character', detail: exampleUserSignup({ name: 'Ada\u0007' }), path: 'detail.name' },
  { contract: UserSignupV1, what: 'a signupId that is not a UUID', detail: exampleUserSignup({ signupId: 'signup-1' }), path: 'detail.signupId' },
  { contract: UserSignupV1, what: 'an upper-case tenantId', detail: exampleUserSignup({ tenantId: 'Acme' }), path: 'detail.tenantId' },
  { contract: UserSignupV1, what: 'an unknown plan', detail: { ...exampleUserSignup(), plan: 'platinum' }, path: 'detail.plan' },
  { contract: UserSignupV1, what: 'a signedUpAt without a time zone', detail: exampleUserSignup({ signedUpAt: '2026-11-24T10:00:00' }), path: 'detail.signedUpAt' },
  { contract: UserSignupV1, what: 'another version', detail: { ...exampleUserSignup(), version: '2' }, path: 'detail.version' },
  { contract: UserSignupV1, what: 'a field the contract does not know', detail: { ...exampleUserSignup(), password: 'hunter2' }, path: 'detail.password' },
  { contract: UserOnboardedV1, what: 'an empty userId', detail: exampleUserOnboarded({ userId: '' }), path: 'detail.userId' },
  { contract: UserOnboardedV1, what: 'teamNotified as a string', detail: { ...exampleUserOnboarded(), teamNotified: 'yes' }, path: 'detail.teamNotified' },
  { contract: UserOnboardedV1, what: 'a missing executionName', detail: without(exampleUserOnboarded(), 'executionName'), path: 'detail.executionName' },
  { contract: UserOnboardedV1, what: 'a tenantId with a slash', detail: exampleUserOnboarded({ tenantId: 'acme/../other' }), path: 'detail.tenantId' },
  { contract: UserOnboardedV1, what: 'a field the contract does not know', detail: { ...exampleUserOnboarded(), email: 'ada@example.com' }, path: 'detail.email' },
  { contract: UserOnboardingFailedV1, what: 'an unknown failedStep', detail: { ...exampleUserOnboardingFailed(), failedStep: 'ChargeCard' }, path: 'detail.failedStep' },
  { contract: UserOnboardingFailedV1, what: 'an empty error name', detail: exampleUserOnboardingFailed({ error: '' }), path: 'detail.error' },
  { contract: UserOnboardingFailedV1, what: 'compensated as a number', detail: { ...exampleUserOnboardingFailed(), compensated: 1 }, path: 'detail.compensated' },
  { contract: UserOnboardingFailedV1, what: 'a missing signupId', detail: without(exampleUserOnboardingFailed(), 'signupId'), path: 'detail.signupId' },
];

describe('refusing a bad detail', () => {
  it.each(brokenFields)('$contract.detailType refuses $what and names $path', ({ contract, detail, path }) => {
    const error = refusalOfDetail(contract, detail);

    expect(error.path).toBe(path);
    expect(error.problems.some((p) => p.startsWith(`${path}:`))).toBe(true);
    expect(error.message).toContain(`${contract.detailType} v${contract.version} refused`);
  });

  it('lists every problem when several fields are wrong, one line each', () => {
    const error = refusalOfDetail(UserSignupV1, exampleUserSignup({ email: 'nope', tenantId: 'X' }));

    expect(error.problems).toHaveLength(2);
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['detail.email', 'detail.tenantId']);
  });

  it('names each unknown field on its own line', () => {
    const error = refusalOfDetail(UserSignupV1, { ...exampleUserSignup(), admin: true, role: 'owner' });

    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['detail.admin', 'detail.role']);
  });

  it.each([null, 'a string', 42, [exampleUserSignup()]])('refuses a detail that is not an object (%p) and names detail', (detail) => {
    expect(refusalOfDetail(UserSignupV1, detail).path).toBe('detail');
  });

  it('keeps the zod error as the cause, for whoever needs every detail', () => {
    const error = refusalOfDetail(UserSignupV1, exampleUserSignup({ email: 'nope' }));

    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('normalizing a detail', () => {
  it('trims and lower-cases the email, so one mailbox has one spelling', () => {
    const parsed = parseDetail(UserSignupV1, exampleUserSignup({ email: '  Ada@Example.COM ' }));

    expect(parsed.email).toBe('ada@example.com');
  });

  it('trims the name and defaults the plan to free', () => {
    const { plan: _plan, ...withoutPlan } = exampleUserSignup({ name: '  Ada Lovelace  ' });

    const parsed = parseDetail(UserSignupV1, withoutPlan);

    expect(parsed.name).toBe('Ada Lovelace');
    expect(parsed.plan).toBe('free');
  });
});
