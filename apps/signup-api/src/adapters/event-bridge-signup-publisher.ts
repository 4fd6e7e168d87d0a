/**
 * The SignupPublisher port on EventBridge: publishes `UserSignup` v2 with the strict writer of
 * `@onboarding/events`. v2 since the orchestration reads both versions (libs/contracts/README.md,
 * "Expand and contract"); nothing here publishes v1 any more.
 */
import { UserSignupV2 } from '@onboarding/contract-user-signup-v2';
import { EventPublishError, type EventPublisher } from '@onboarding/events';
import { SignupNotPublishedError } from '../domain/errors';
import type { SignupPublisher, SignupSubmission } from '../ports/signup-publisher';

/** Publishes accepted signups as `UserSignup` v2 events; delivery failures become SignupNotPublishedError. */
export class EventBridgeSignupPublisher implements SignupPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(submission: SignupSubmission): Promise<void> {
    try {
      await this.events.publish(UserSignupV2, submission);
    } catch (error) {
      // Only a delivery failure is worth a retry by the client; a contract refusal is our bug and
      // surfaces as one (an EventContractError), rather than as "try again later".
      if (error instanceof EventPublishError) {
        throw new SignupNotPublishedError(`EventBridge did not take the signup (${error.errorCodes.join(', ')})`, { cause: error });
      }
      throw error;
    }
  }
}
