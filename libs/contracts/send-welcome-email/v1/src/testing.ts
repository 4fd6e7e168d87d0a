/** Valid `SendWelcomeEmail` v1 payloads and results for tests, from `examples/`. Import from `…/testing` in tests only. */
import type { StepExample } from '@onboarding/events/testing';
import adaLovelace from '../examples/ada-lovelace.json';
import liseMeitner from '../examples/lise-meitner.json';
import type { SendWelcomeEmailInputV1, SendWelcomeEmailOutputV1 } from './index';

/** Every example of `examples/`: a payload and the result that goes with it. */
export const sendWelcomeEmailV1Examples: StepExample[] = [adaLovelace, liseMeitner];

/** A valid `SendWelcomeEmail` v1 payload; pass overrides for variants. */
export function exampleSendWelcomeEmailInputV1(overrides: Partial<SendWelcomeEmailInputV1> = {}): SendWelcomeEmailInputV1 {
  return { ...(adaLovelace.input as SendWelcomeEmailInputV1), ...overrides };
}

/** The result that goes with {@link exampleSendWelcomeEmailInputV1}. */
export function exampleSendWelcomeEmailOutputV1(overrides: Partial<SendWelcomeEmailOutputV1> = {}): SendWelcomeEmailOutputV1 {
  return { ...(adaLovelace.output as SendWelcomeEmailOutputV1), ...overrides };
}
