/**
 * Test support for contracts and their users: the envelope EventBridge delivers, and the
 * conformance suite every contract project runs on its examples (readers tolerant, writers strict,
 * examples valid both ways). Import from `@onboarding/events/testing` in tests only.
 */
import type { Contract, DetailOf, EventContract, StepContract } from '../define-contract';
import { EventContractError, InvalidStepInputError, InvalidStepOutputError } from '../errors';
import { parseDetail } from '../parse';
import { COMMON_STEP_ERRORS, parseStepInput, parseStepOutput, stepErrorNames, writeStepInput, writeStepOutput } from '../steps';
import { writeDetail } from '../write';

/**
 * Wraps a detail in the envelope EventBridge delivers to targets (`detail-type`, `id`, `time`, ...),
 * as a rule target or an EventBridge pattern test sees it.
 */
export function toEventBridgeEvent<C extends EventContract>(
  contract: C,
  detail: DetailOf<C>,
  envelope: { id?: string; time?: string; account?: string; region?: string } = {},
) {
  return {
    version: '0',
    id: envelope.id ?? '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': contract.detailType,
    source: contract.source,
    account: envelope.account ?? '000000000000',
    time: envelope.time ?? '2026-11-24T10:00:00Z',
    region: envelope.region ?? 'us-east-1',
    resources: [] as string[],
    detail,
  };
}

/** One example of a step contract: a payload and the result that goes with it. */
export interface StepExample {
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

/** The name of a field no contract declares, as a producer of a later minor revision might add. */
const FIELD_FROM_THE_FUTURE = 'fieldFromTheFuture';

/** Runs something that must throw an error of a given class, and returns that error for assertions. */
export function refusalOf<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

function eventConformance(contract: EventContract, examples: readonly Record<string, unknown>[]): void {
  const cases = examples.map((example, index) => ({ index, example }));

  it.each(cases)('reads example $index unchanged, and writes it unchanged', ({ example }) => {
    const { version: _stamped, ...written } = example;

    expect(parseDetail(contract, example)).toEqual(example);
    expect(writeDetail(contract, written as never)).toEqual(example);
  });

  it.each(cases)('reads example $index with a field it does not know, and leaves that field out', ({ example }) => {
    expect(parseDetail(contract, { ...example, [FIELD_FROM_THE_FUTURE]: 'ignored' })).toEqual(example);
  });

  it.each(cases)('refuses to write example $index with a field it does not declare, naming the field', ({ example }) => {
    const error = refusalOf(EventContractError, () => writeDetail(contract, { ...example, [FIELD_FROM_THE_FUTURE]: 'refused' } as never));

    expect(error.path).toBe(`detail.${FIELD_FROM_THE_FUTURE}`);
    expect(error.message).toContain(`${contract.detailType} v${contract.version} refused`);
  });

  it('refuses a detail of another version, naming detail.version', () => {
    const [example] = examples;

    expect(refusalOf(EventContractError, () => parseDetail(contract, { ...example, version: `${contract.version}0` })).path).toBe('detail.version');
  });
}

function stepConformance(contract: StepContract, examples: readonly StepExample[]): void {
  const cases = examples.map((example, index) => ({ index, example }));

  it.each(cases)('reads and writes the input and output of example $index unchanged', ({ example }) => {
    expect(parseStepInput(contract, example.input)).toEqual(example.input);
    expect(writeStepInput(contract, example.input as never)).toEqual(example.input);
    expect(parseStepOutput(contract, example.output)).toEqual(example.output);
    expect(writeStepOutput(contract, example.output as never)).toEqual(example.output);
  });

  it.each(cases)('reads the input and output of example $index with a field it does not know, leaving it out', ({ example }) => {
    expect(parseStepInput(contract, { ...example.input, [FIELD_FROM_THE_FUTURE]: 1 })).toEqual(example.input);
    expect(parseStepOutput(contract, { ...example.output, [FIELD_FROM_THE_FUTURE]: 1 })).toEqual(example.output);
  });

  it.each(cases)('refuses to write the input or output of example $index with an undeclared field, naming it', ({ example }) => {
    expect(refusalOf(InvalidStepInputError, () => writeStepInput(contract, { ...example.input, [FIELD_FROM_THE_FUTURE]: 1 } as never)).fields).toEqual([FIELD_FROM_THE_FUTURE]);
    expect(refusalOf(InvalidStepOutputError, () => writeStepOutput(contract, { ...example.output, [FIELD_FROM_THE_FUTURE]: 1 } as never)).fields).toEqual([FIELD_FROM_THE_FUTURE]);
  });

  it('never lists an error name as both retryable and permanent, and lists the common ones besides its own', () => {
    const { retryable, permanent } = stepErrorNames(contract);

    expect(retryable.filter((name) => permanent.includes(name))).toEqual([]);
    expect(retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...contract.errors.retryable]));
    expect(permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...contract.errors.permanent]));
  });

  it.each(['signupId', 'tenantId'])('refuses a payload and a result without %s, which every onboarding step carries, naming it', (field) => {
    const [example] = examples as StepExample[];
    const without = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== field));

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(contract, without(example?.input ?? {}))).fields).toEqual([field]);
    expect(refusalOf(InvalidStepOutputError, () => parseStepOutput(contract, without(example?.output ?? {}))).fields).toEqual([field]);
  });
}

/**
 * Registers the tests every contract must pass on its examples: each is read and written
 * unchanged; a reader ignores a field it does not know; a writer refuses it, naming it. Call it
 * inside a `describe` of the contract's own test file.
 */
export function describeConformance(contract: EventContract, examples: readonly Record<string, unknown>[]): void;
export function describeConformance(contract: StepContract, examples: readonly StepExample[]): void;
export function describeConformance(contract: Contract, examples: readonly Record<string, unknown>[] | readonly StepExample[]): void {
  if (examples.length === 0) throw new Error(`${contract.name} v${contract.version} has no examples`);
  if (contract.kind === 'event') eventConformance(contract, examples as Record<string, unknown>[]);
  else stepConformance(contract, examples as StepExample[]);
}
