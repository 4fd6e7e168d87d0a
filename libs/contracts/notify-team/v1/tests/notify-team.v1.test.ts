/** The `NotifyTeam` step, v1: conformance of its examples, and what counts as a delivered notification. */
import { InvalidStepOutputError, parseStepOutput } from '@onboarding/events';
import { describeConformance, refusalOf } from '@onboarding/events/testing';
import { NotifyTeamV1 } from '../src';
import { exampleNotifyTeamOutputV1, notifyTeamV1Examples } from '../src/testing';

describe('NotifyTeam v1', () => {
  describeConformance(NotifyTeamV1, notifyTeamV1Examples);

  it('has no result for a notification that did not go out: that is an error, not delivered false', () => {
    expect(refusalOf(InvalidStepOutputError, () => parseStepOutput(NotifyTeamV1, exampleNotifyTeamOutputV1({ delivered: false as never }))).fields).toEqual(['delivered']);
  });

  it('names the errors of a webhook that refuses or is not configured as permanent', () => {
    expect(NotifyTeamV1.errors.permanent).toEqual(['WebhookRejectedError', 'WebhookNotConfiguredError']);
  });
});
