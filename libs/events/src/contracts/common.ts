/**
 * Field types shared by every event contract. A field defined here means the same thing in every
 * event that carries it, so consumers can correlate events by `signupId` and scope data by `tenantId`.
 */
import { z } from 'zod';

/** Source of events published by the signup API. */
export const SIGNUP_SOURCE = 'onboarding.signup';
/** Source of events published by the orchestration (the state machine). */
export const ORCHESTRATION_SOURCE = 'onboarding.orchestration';

/** Identifies one signup across every event, execution, record and log line. A UUID. */
export const SignupId = z.uuid({ error: 'signupId must be a UUID' });

/**
 * A tenant identifier: lower-case letters, digits and dashes, 2 to 63 characters, starting with a
 * letter or digit. It appears in S3 keys and DynamoDB keys, so the format is deliberately narrow.
 */
export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    error: 'tenantId must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit',
  });

/** The tenant a signup without an explicit tenant belongs to. */
export const DEFAULT_TENANT_ID = 'default';

/** An email address, trimmed and lower-cased so that one mailbox has one spelling. */
export const EmailAddress = z
  .string()
  .trim()
  .max(254, { error: 'email must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'email must be a valid email address' }));

/**
 * A person's display name. Control characters are refused, and so are lone UTF-16 surrogates (a
 * JSON `"\ud800"` decodes to one): they are not text and cannot be encoded as UTF-8 for the mail,
 * the table or the notification. Surrounding white space is dropped.
 */
export const PersonName = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(100, { error: 'name must be at most 100 characters' })
  // With the u flag a surrogate range matches only unpaired surrogates; paired ones form one code point.
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]*$/u, { error: 'name must not contain control characters or lone surrogates' });

/** The plans a tenant's user can sign up for. */
export const Plan = z.enum(['free', 'pro', 'enterprise'], { error: 'plan must be one of free, pro, enterprise' });
export type Plan = z.infer<typeof Plan>;

/** A point in time as an ISO 8601 string with a time zone, as EventBridge writes `time`. */
export const Timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/** The names of the onboarding steps, as they appear in the state machine and in failure events. */
export const OnboardingStep = z.enum(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorage', 'NotifyTeam']);
export type OnboardingStep = z.infer<typeof OnboardingStep>;

/**
 * Name of the custom event bus every onboarding event goes over. The orchestration app creates
 * it; publishers address it by this name, so no stack imports another's outputs.
 */
export const EVENT_BUS_NAME = 'onboarding';
