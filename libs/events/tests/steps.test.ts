/**
 * Step payloads: a function reads its payload tolerantly and writes its result strictly, and every
 * refusal names fields but never echoes values (payloads carry personal data, and error messages
 * end up in execution histories).
 */
import {
  COMMON_STEP_ERRORS,
  InvalidStepInputError,
  InvalidStepOutputError,
  parseStepInput,
  parseStepOutput,
  stepErrorNames,
  writeStepInput,
  writeStepOutput,
} from '../src';
import { GreetMemberV1 } from './support/fixture-contracts';
import { refusalOf } from '../src/testing';

const signupId = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';

describe('parseStepInput', () => {
  it('returns the parsed payload with defaults applied and strings normalized', () => {
    const input = parseStepInput(GreetMemberV1, { signupId, tenantId: 'acme', email: ' Ada@Example.com ' });

    expect(input).toEqual({ signupId, tenantId: 'acme', email: 'ada@example.com', plan: 'free' });
  });

  it('ignores a field the contract does not know, as a tolerant reader does', () => {
    const input = parseStepInput(GreetMemberV1, { signupId, tenantId: 'acme', email: 'ada@example.com', executionName: 'signup-1', later: { x: 1 } });

    expect(input).toEqual({ signupId, tenantId: 'acme', email: 'ada@example.com', plan: 'free' });
  });

  it('throws InvalidStepInputError naming every offending field and the contract version', () => {
    const error = refusalOf(InvalidStepInputError, () => parseStepInput(GreetMemberV1, { signupId: 'nope', tenantId: 'acme', email: 'ada@' }));

    expect(error.name).toBe('InvalidStepInputError');
    expect(error.fields).toEqual(['signupId', 'email']);
    expect(error.message).toContain('GreetMember v1');
  });

  it('never puts the refused values in the message', () => {
    const error = refusalOf(InvalidStepInputError, () => parseStepInput(GreetMemberV1, { signupId, tenantId: 'acme', email: 'grace.hopper.private-address@' }));

    expect(error.fields).toEqual(['email']);
    expect(error.message).not.toContain('grace');
  });

  it('names a missing field, and (root) when the payload is not an object', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(GreetMemberV1, { signupId, tenantId: 'acme' })).fields).toEqual(['email']);
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(GreetMemberV1, 'hello')).fields).toEqual(['(root)']);
  });

  it('keeps the zod error as the cause', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(GreetMemberV1, null)).cause).toBeInstanceOf(Error);
  });
});

describe('writeStepOutput', () => {
  it('returns the result when it is exactly what the contract declares', () => {
    expect(writeStepOutput(GreetMemberV1, { signupId, greeted: true })).toEqual({ signupId, greeted: true });
  });

  it('refuses a field the output contract does not declare, naming it', () => {
    const error = refusalOf(InvalidStepOutputError, () => writeStepOutput(GreetMemberV1, { signupId, greeted: true, mood: 'happy' } as never));

    expect(error.name).toBe('InvalidStepOutputError');
    expect(error.fields).toEqual(['mood']);
  });

  it('refuses a result that breaks the contract, naming the field', () => {
    expect(refusalOf(InvalidStepOutputError, () => writeStepOutput(GreetMemberV1, { signupId, greeted: 'yes' } as never)).fields).toEqual(['greeted']);
  });
});

describe('writeStepInput and parseStepOutput', () => {
  it('refuses an input field the contract does not declare, as the state machine must not send one', () => {
    const error = refusalOf(InvalidStepInputError, () => writeStepInput(GreetMemberV1, { signupId, tenantId: 'acme', email: 'ada@example.com', executionName: 'x' } as never));

    expect(error.fields).toEqual(['executionName']);
  });

  it('reads a result tolerantly and refuses one that breaks the contract', () => {
    expect(parseStepOutput(GreetMemberV1, { signupId, greeted: false, extra: 1 })).toEqual({ signupId, greeted: false });
    expect(refusalOf(InvalidStepOutputError, () => parseStepOutput(GreetMemberV1, { signupId })).fields).toEqual(['greeted']);
  });
});

describe('stepErrorNames', () => {
  it("lists the common error names as well as the step's own", () => {
    expect(stepErrorNames(GreetMemberV1)).toEqual({
      retryable: [...COMMON_STEP_ERRORS.retryable, 'GreeterUnavailableError'],
      permanent: [...COMMON_STEP_ERRORS.permanent, 'GreetingRefusedError'],
    });
  });

  it('lists the names the invalid-payload errors actually carry', () => {
    expect(COMMON_STEP_ERRORS.permanent).toEqual([new InvalidStepInputError('x', []).name, new InvalidStepOutputError('x', []).name]);
  });
});
