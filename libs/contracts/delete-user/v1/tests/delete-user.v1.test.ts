/** The `DeleteUser` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { DeleteUserV1 } from '../src';
import { exampleDeleteUserInputV1, deleteUserV1Examples } from '../src/testing';

describe('DeleteUser v1', () => {
  describeConformance(DeleteUserV1, deleteUserV1Examples);

  it('is the step the state machine names DeleteUser', () => {
    expect([DeleteUserV1.step, DeleteUserV1.version]).toEqual(['DeleteUser', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(DeleteUserV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...DeleteUserV1.errors.retryable]));
    expect(stepErrorNames(DeleteUserV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...DeleteUserV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleDeleteUserInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(DeleteUserV1, payload)).fields).toEqual(['signupId']);
  });
});
