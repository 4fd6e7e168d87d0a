/** The `SendWelcomeEmail` step, v1: conformance of its examples and the error names the state machine relies on. */
import { COMMON_STEP_ERRORS, InvalidStepInputError, parseStepInput, stepErrorNames } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { SendWelcomeEmailV1 } from '../src';
import { exampleSendWelcomeEmailInputV1, sendWelcomeEmailV1Examples } from '../src/testing';

describe('SendWelcomeEmail v1', () => {
  describeConformance(SendWelcomeEmailV1, sendWelcomeEmailV1Examples);

  it('is the step the state machine names SendWelcomeEmail', () => {
    expect([SendWelcomeEmailV1.step, SendWelcomeEmailV1.version]).toEqual(['SendWelcomeEmail', '1']);
  });

  it('may throw the common error names besides its own', () => {
    expect(stepErrorNames(SendWelcomeEmailV1).retryable).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.retryable, ...SendWelcomeEmailV1.errors.retryable]));
    expect(stepErrorNames(SendWelcomeEmailV1).permanent).toEqual(expect.arrayContaining([...COMMON_STEP_ERRORS.permanent, ...SendWelcomeEmailV1.errors.permanent]));
  });

  it('refuses a payload without a signupId, naming the field', () => {
    const { signupId: _signupId, ...payload } = exampleSendWelcomeEmailInputV1();

    expect(refusalOf(InvalidStepInputError, () => parseStepInput(SendWelcomeEmailV1, payload)).fields).toEqual(['signupId']);
  });

  it('reads a payload without a locale, from a state machine that does not send one yet, as English', () => {
    const { locale: _locale, ...fromAnOlderStateMachine } = exampleSendWelcomeEmailInputV1();

    expect(parseStepInput(SendWelcomeEmailV1, fromAnOlderStateMachine).locale).toBe('en');
  });

  it('refuses a locale that is not a BCP 47 tag, naming the field', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(SendWelcomeEmailV1, exampleSendWelcomeEmailInputV1({ locale: 'deutsch' }))).fields).toEqual(['locale']);
  });
});
