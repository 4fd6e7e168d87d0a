/** Valid `UserSignup` v2 details for tests, from `examples/`. Import from `…/testing` in tests only. */
import adaLovelace from '../examples/ada-lovelace.json';
import liseMeitner from '../examples/lise-meitner.json';
import type { UserSignupV2 } from './index';

/** Every example of `examples/`, as a typed detail. */
export const userSignupV2Examples = [adaLovelace, liseMeitner] as UserSignupV2[];

/** A valid `UserSignup` v2 detail (Ada's, in English); pass overrides for variants. */
export function exampleUserSignupV2(overrides: Partial<UserSignupV2> = {}): UserSignupV2 {
  return { ...(adaLovelace as UserSignupV2), ...overrides };
}
