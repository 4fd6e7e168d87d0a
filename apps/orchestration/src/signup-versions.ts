/**
 * The versions of `UserSignup` the orchestration reads: the rule's pattern and StartOnboarding both
 * come from this list. During a migration it holds the old and the new version (expand); a version
 * leaves it once no producer publishes it and the archive no longer holds events of it (contract).
 */
import { UserSignupV1 } from '@onboarding/contract-user-signup-v1';
import { UserSignupV2 } from '@onboarding/contract-user-signup-v2';

/** Every UserSignup version this app consumes, oldest first. */
export const SIGNUP_VERSIONS = [UserSignupV1, UserSignupV2] as const;

/** A UserSignup detail of any version the orchestration reads. */
export type AcceptedSignup = UserSignupV1 | UserSignupV2;
