/** The `DeleteUserStorage` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { DeleteUserStorageV1 } from '../src';
import { exampleDeleteUserStorageInputV1, deleteUserStorageV1Examples } from '../src/testing';

describe('DeleteUserStorage v1', () => {
  describeConformance(DeleteUserStorageV1, deleteUserStorageV1Examples);

  it('is the step the state machine names DeleteUserStorage', () => {
    expect([DeleteUserStorageV1.step, DeleteUserStorageV1.version]).toEqual(['DeleteUserStorage', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(DeleteUserStorageV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...DeleteUserStorageV1.errors.retryable]));
    expect(stepErrorNames(DeleteUserStorageV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...DeleteUserStorageV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleDeleteUserStorageInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(DeleteUserStorageV1, payload)).fields).toEqual(['signupId']);
  });
});
