/** The `CreateUser` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { CreateUserV1 } from '../src';
import { exampleCreateUserInputV1, createUserV1Examples } from '../src/testing';

describe('CreateUser v1', () => {
  describeConformance(CreateUserV1, createUserV1Examples);

  it('is the step the state machine names CreateUser', () => {
    expect([CreateUserV1.step, CreateUserV1.version]).toEqual(['CreateUser', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(CreateUserV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...CreateUserV1.errors.retryable]));
    expect(stepErrorNames(CreateUserV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...CreateUserV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleCreateUserInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(CreateUserV1, payload)).fields).toEqual(['signupId']);
  });
});
