/** Valid `NotifyTeam` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import adaLovelace from '../examples/ada-lovelace.json';
import type { NotifyTeamInputV1, NotifyTeamOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const notifyTeamV1Examples: StepExample[] = [adaLovelace];

/** A valid `NotifyTeam` v1 payload; pass overrides for variants. */
export function exampleNotifyTeamInputV1(overrides: Partial<NotifyTeamInputV1> = {}): NotifyTeamInputV1 {
  return { ...(adaLovelace.input as NotifyTeamInputV1), ...overrides };
}

/** The result that goes with {@link exampleNotifyTeamInputV1}. */
export function exampleNotifyTeamOutputV1(overrides: Partial<NotifyTeamOutputV1> = {}): NotifyTeamOutputV1 {
  return { ...(adaLovelace.output as NotifyTeamOutputV1), ...overrides };
}
