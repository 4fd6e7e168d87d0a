/** The `NotifyTeam` step, v1: the state machine's payload to the notifier, which tells the team about a new user (Slack or any webhook); the result; the error names. */
import { defineStepContract, Plan, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `NotifyTeam` step, v1. */
export const NotifyTeamV1 = defineStepContract({
  step: 'NotifyTeam',
  version: '1',
  description: 'Notifier: tells the team about a new user (Slack or any webhook).',
  input: z.object({ ...signupKeys, userId: UserId, plan: Plan.default('free'), executionName: StepExecutionName }),
  output: z.object({ ...signupKeys, delivered: z.literal(true), channel: z.enum(['slack', 'webhook']) }),
  errors: { retryable: ['WebhookUnavailableError'], permanent: ['WebhookRejectedError', 'WebhookNotConfiguredError'] },
});

/** The payload of `NotifyTeam` v1, as the function reads it. */
export type NotifyTeamInputV1 = StepInputOf<typeof NotifyTeamV1>;
/** The result of `NotifyTeam` v1, as the function writes it. */
export type NotifyTeamOutputV1 = StepOutputOf<typeof NotifyTeamV1>;
