/** The `CreateUser` step, v1: conformance of its examples, and what the user service relies on. */
import { InvalidStepInputError, parseStepInput } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { CreateUserV1 } from '../src';
import { createUserV1Examples, exampleCreateUserInputV1 } from '../src/testing';

describe('CreateUser v1', () => {
  describeConformance(CreateUserV1, createUserV1Examples);

  it('normalizes the email and defaults the plan to free, so one mailbox is one user', () => {
    const { plan: _plan, ...withoutPlan } = exampleCreateUserInputV1({ email: ' Ada@Example.COM ' });

    expect(parseStepInput(CreateUserV1, withoutPlan)).toMatchObject({ email: 'ada@example.com', plan: 'free' });
  });

  it('refuses an unknown plan, naming the field and not the value', () => {
    const error = refusalOf(InvalidStepInputError, () => parseStepInput(CreateUserV1, { ...exampleCreateUserInputV1(), plan: 'platinum' }));

    expect(error.fields).toEqual(['plan']);
    expect(error.message).not.toContain('platinum');
  });

  it('names DuplicateUserError as permanent: another signup holds the email', () => {
    expect(CreateUserV1.errors).toEqual({ retryable: ['UserStoreUnavailableError'], permanent: ['DuplicateUserError'] });
  });
});
