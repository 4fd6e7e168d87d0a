/** The `NotifyTeam` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { NotifyTeamV1 } from '../src';
import { exampleNotifyTeamInputV1, notifyTeamV1Examples } from '../src/testing';

describe('NotifyTeam v1', () => {
  describeConformance(NotifyTeamV1, notifyTeamV1Examples);

  it('is the step the state machine names NotifyTeam', () => {
    expect([NotifyTeamV1.step, NotifyTeamV1.version]).toEqual(['NotifyTeam', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(NotifyTeamV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...NotifyTeamV1.errors.retryable]));
    expect(stepErrorNames(NotifyTeamV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...NotifyTeamV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleNotifyTeamInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(NotifyTeamV1, payload)).fields).toEqual(['signupId']);
  });
});
