/**
 * The use case behind POST /signup: give a validated request a signup id and a time, and publish
 * it. It never looks up whether the email is known, so the answer cannot reveal it; duplicates are
 * the user service's business, later in the onboarding.
 */
import type { Clock } from '../ports/clock';
import type { SignupIds } from '../ports/signup-ids';
import type { SignupPublisher } from '../ports/signup-publisher';
import type { SignupRequest } from './signup-request';

/** The ports the use case needs. */
export interface SubmitSignupDeps {
  publisher: SignupPublisher;
  clock: Clock;
  ids: SignupIds;
}

/** What the client is told about an accepted signup. */
export interface SignupAccepted {
  signupId: string;
  tenantId: string;
}

/** Submits one signup. Rejects with the publisher's error when it was not published. */
export type SubmitSignup = (request: SignupRequest) => Promise<SignupAccepted>;

/** Builds the use case from its ports. */
export function submitSignup({ publisher, clock, ids }: SubmitSignupDeps): SubmitSignup {
  return async (request) => {
    const signupId = ids.next();
    await publisher.publish({
      signupId,
      tenantId: request.tenantId,
      email: request.email,
      name: request.name,
      plan: request.plan,
      signedUpAt: clock.now().toISOString(),
      locale: request.locale,
    });
    return { signupId, tenantId: request.tenantId };
  };
}
