/** The `SendWelcomeEmail` step, v1: the state machine's payload to the email service, which sends the welcome email of a signup, once; the result; the error names. */
import { DEFAULT_LOCALE, defineStepContract, EmailAddress, Locale, PersonName, SignupId, StepExecutionName, TenantId, UserId, type StepInputOf, type StepOutputOf } from '@onboarding/events';
import { z } from 'zod';

/** Every step payload and result names the signup it works on. */
const signupKeys = { signupId: SignupId, tenantId: TenantId };

/** Contract of the `SendWelcomeEmail` step, v1. */
export const SendWelcomeEmailV1 = defineStepContract({
  step: 'SendWelcomeEmail',
  version: '1',
  description: 'Email service: sends the welcome email of a signup, once.',
  input: z.object({
    ...signupKeys,
    userId: UserId,
    email: EmailAddress,
    name: PersonName,
    /**
     * The language to write the email in (BCP 47). Added within v1 as an optional field: a state
     * machine that does not send it yet gets the email in English, and a function that does not
     * read it yet ignores it.
     */
    locale: Locale.default(DEFAULT_LOCALE),
    executionName: StepExecutionName,
  }),
  output: z.object({ ...signupKeys, messageId: z.string().min(1) }),
  errors: { retryable: ['MailerUnavailableError'], permanent: ['EmailRejectedError'] },
});

/** The payload of `SendWelcomeEmail` v1, as the function reads it. */
export type SendWelcomeEmailInputV1 = StepInputOf<typeof SendWelcomeEmailV1>;
/** The result of `SendWelcomeEmail` v1, as the function writes it. */
export type SendWelcomeEmailOutputV1 = StepOutputOf<typeof SendWelcomeEmailV1>;
