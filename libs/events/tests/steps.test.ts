/**
 * Step contracts: the payloads the state machine hands to each team's function and the error
 * names it retries or catches. Refusals name fields but never echo values (payloads carry
 * personal data and error messages end up in execution histories).
 */
import {
  CreateUserInput,
  InvalidStepInputError,
  NotifyTeamInput,
  parseStepInput,
  SendWelcomeEmailInput,
  StepErrors,
  stepErrorNames,
  type StepName,
} from '../src';
import { refusalOf } from './support/refusal-of';

const signupId = '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70';

describe('parseStepInput', () => {
  it('returns the parsed payload with defaults applied and strings normalized', () => {
    const input = parseStepInput(CreateUserInput, { signupId, tenantId: 'acme', email: ' Ada@Example.com ', name: 'Ada' });

    expect(input).toEqual({ signupId, tenantId: 'acme', email: 'ada@example.com', name: 'Ada', plan: 'free' });
  });

  it('throws InvalidStepInputError naming every offending field', () => {
    const error = refusalOf(InvalidStepInputError, () => parseStepInput(CreateUserInput, { signupId: 'nope', tenantId: 'acme', email: 'ada@', name: 'Ada' }));

    expect(error.name).toBe('InvalidStepInputError');
    expect(error.fields).toEqual(['signupId', 'email']);
  });

  it('never puts the refused values in the message', () => {
    const secretLookingEmail = 'grace.hopper.private-address@';
    const name = 'Grace\u0000Hopper';

    const error = refusalOf(InvalidStepInputError, () => parseStepInput(SendWelcomeEmailInput, { signupId, tenantId: 'acme', userId: 'u-1', email: secretLookingEmail, name }));

    expect(error.fields).toEqual(['email', 'name']);
    expect(error.message).not.toContain('grace');
    expect(error.message).not.toContain('Hopper');
  });

  it('names a missing field', () => {
    const error = refusalOf(InvalidStepInputError, () => parseStepInput(NotifyTeamInput, { signupId, tenantId: 'acme' }));

    expect(error.fields).toEqual(['userId']);
  });

  it('names (root) when the payload is not an object', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(NotifyTeamInput, 'hello')).fields).toEqual(['(root)']);
  });

  it('keeps the zod error as the cause', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(NotifyTeamInput, null)).cause).toBeInstanceOf(Error);
  });
});

describe('StepErrors', () => {
  const steps = Object.keys(StepErrors).filter((k) => k !== 'common') as StepName[];

  it.each(steps)('gives %s the common error names as well as its own', (step) => {
    const names = stepErrorNames(step);

    expect(names.retryable).toEqual(expect.arrayContaining(['IdempotencyAlreadyInProgressError', ...StepErrors[step].retryable]));
    expect(names.permanent).toEqual(expect.arrayContaining(['InvalidStepInputError', ...StepErrors[step].permanent]));
  });

  it.each(steps)('never lists a %s error as both retryable and permanent', (step) => {
    const { retryable, permanent } = stepErrorNames(step);

    expect(retryable.filter((name) => permanent.includes(name))).toEqual([]);
  });

  it('lists the name InvalidStepInputError actually carries', () => {
    expect(new InvalidStepInputError('x', []).name).toBe(StepErrors.common.permanent[0]);
  });
});
