/**
 * `@onboarding/events`: the typed, versioned event contracts every team consumes, with the
 * helpers to publish and parse them, and the step contracts between the state machine and the
 * teams' functions. This file is the library's whole public API.
 */
import { UserOnboardedV1 } from './contracts/user-onboarded.v1';
import { UserOnboardingFailedV1 } from './contracts/user-onboarding-failed.v1';
import { UserSignupV1 } from './contracts/user-signup.v1';

export * from './contracts/common';
export * from './contracts/define-contract';
export * from './contracts/user-signup.v1';
export * from './contracts/user-onboarded.v1';
export * from './contracts/user-onboarding-failed.v1';
export * from './errors';
export * from './parse';
export * from './publish';
export * from './json-schema';
export * from './steps';
export * from './execution-name';

/** Every contract of the system, newest versions included. */
export const allContracts = [UserSignupV1, UserOnboardedV1, UserOnboardingFailedV1] as const;

/** Finds the contract of a source and detail-type (newest version first); undefined when unknown. */
export function findContract(source: string, detailType: string) {
  return allContracts.find((c) => c.source === source && c.detailType === detailType);
}
