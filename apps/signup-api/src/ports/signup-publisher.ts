/** Port: hands an accepted signup to whoever starts the onboarding (in production, the event bus). */
import type { UserSignupV2 } from '@onboarding/contract-user-signup-v2';

/** An accepted signup, as the UserSignup contract describes it (the publisher stamps `version`). */
export type SignupSubmission = Omit<UserSignupV2, 'version'>;

/** Publishes accepted signups. */
export interface SignupPublisher {
  /**
   * Resolves once the signup has been accepted for delivery.
   * @throws SignupNotPublishedError when it was not (nothing started; the caller may retry)
   */
  publish(submission: SignupSubmission): Promise<void>;
}
