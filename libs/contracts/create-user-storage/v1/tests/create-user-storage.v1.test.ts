/** The `CreateUserStorage` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { CreateUserStorageV1 } from '../src';
import { exampleCreateUserStorageInputV1, createUserStorageV1Examples } from '../src/testing';

describe('CreateUserStorage v1', () => {
  describeConformance(CreateUserStorageV1, createUserStorageV1Examples);

  it('is the step the state machine names CreateUserStorage', () => {
    expect([CreateUserStorageV1.step, CreateUserStorageV1.version]).toEqual(['CreateUserStorage', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(CreateUserStorageV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...CreateUserStorageV1.errors.retryable]));
    expect(stepErrorNames(CreateUserStorageV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...CreateUserStorageV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleCreateUserStorageInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(CreateUserStorageV1, payload)).fields).toEqual(['signupId']);
  });
});
