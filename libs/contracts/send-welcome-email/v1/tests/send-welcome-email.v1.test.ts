/** The `SendWelcomeEmail` step, v1: conformance of its examples, and the locale added within v1. */
import { InvalidStepInputError, parseStepInput } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { SendWelcomeEmailV1 } from '../src';
import { exampleSendWelcomeEmailInputV1, sendWelcomeEmailV1Examples } from '../src/testing';

describe('SendWelcomeEmail v1', () => {
  describeConformance(SendWelcomeEmailV1, sendWelcomeEmailV1Examples);

  it('reads a payload without a locale, from a state machine that does not send one yet, as English', () => {
    const { locale: _locale, ...fromAnOlderStateMachine } = exampleSendWelcomeEmailInputV1();

    expect(parseStepInput(SendWelcomeEmailV1, fromAnOlderStateMachine).locale).toBe('en');
  });

  it('refuses a locale that is not a BCP 47 tag, naming the field', () => {
    expect(refusalOf(InvalidStepInputError, () => parseStepInput(SendWelcomeEmailV1, exampleSendWelcomeEmailInputV1({ locale: 'deutsch' }))).fields).toEqual(['locale']);
  });
});
