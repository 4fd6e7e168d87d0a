/** Valid `UserSignup` v1 details for tests, from `examples/`. Import from `…/testing` in tests only. */
import adaLovelace from '../examples/ada-lovelace.json';
import graceHopper from '../examples/grace-hopper.json';
import type { UserSignupV1 } from './index';

/** Every example of `examples/`, as a typed detail. */
export const userSignupV1Examples = [adaLovelace, graceHopper] as UserSignupV1[];

/** A valid `UserSignup` v1 detail (Ada's); pass overrides for variants. */
export function exampleUserSignupV1(overrides: Partial<UserSignupV1> = {}): UserSignupV1 {
  return { ...(adaLovelace as UserSignupV1), ...overrides };
}
