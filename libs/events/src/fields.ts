/**
 * Field types and names shared by the contracts. A field defined here means the same thing in every
 * contract that carries it, so consumers can correlate events by `signupId` and scope data by
 * `tenantId`. Each contract's JSON Schema snapshot records what these types accept, so a change
 * here that narrows or widens a field fails the compatibility gate of every contract using it.
 */
import { z } from 'zod';

/** Source of events published by the signup API. */
export const SIGNUP_SOURCE = 'onboarding.signup';
/** Source of events published by the orchestration (the state machine). */
export const ORCHESTRATION_SOURCE = 'onboarding.orchestration';

/**
 * Name of the custom event bus every onboarding event goes over. The orchestration app creates
 * it; publishers address it by this name, so no stack imports another's outputs.
 */
export const EVENT_BUS_NAME = 'onboarding';

/** Identifies one signup across every event, execution, record and log line. A UUID. */
export const SignupId = z.uuid({ error: 'signupId must be a UUID' });

/**
 * A tenant identifier: lower-case letters, digits and dashes, 2 to 63 characters, starting with a
 * letter or digit. It appears in S3 keys and DynamoDB keys, so the format is deliberately narrow.
 */
export const TenantId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, {
  error: 'tenantId must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit',
});

/** The tenant a signup without an explicit tenant belongs to. */
export const DEFAULT_TENANT_ID = 'default';

/** A user id as issued by the user service. */
export const UserId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, { error: 'userId must be 1-64 letters, digits, _ or -' });

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

/**
 * A BCP 47 language tag of the shape people and browsers use: a language (`en`, `de`), optionally
 * a script (`Latn`), a region (`AT`, `419`) and variants. Extensions and private-use subtags are
 * not accepted: nothing in the system would act on them.
 */
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$/;

/** Writes a language tag in its conventional case: `de-at` becomes `de-AT`, `zh-hant` becomes `zh-Hant`. */
export function conventionalTagCase(tag: string): string {
  return tag
    .split('-')
    .map((subtag, index) => {
      if (index === 0) return subtag.toLowerCase();
      if (/^[a-zA-Z]{4}$/.test(subtag) && index === 1) return `${subtag[0]?.toUpperCase()}${subtag.slice(1).toLowerCase()}`;
      if (/^[a-zA-Z]{2}$/.test(subtag)) return subtag.toUpperCase();
      return subtag.toLowerCase();
    })
    .join('-');
}

/** The user's language, a BCP 47 tag (`en`, `de`, `de-AT`), written in its conventional case. */
export const Locale = z
  .string()
  .max(35, { error: 'locale must be at most 35 characters' })
  .regex(LANGUAGE_TAG, { error: 'locale must be a BCP 47 language tag such as en, de or de-AT' })
  .overwrite(conventionalTagCase);

/** The locale of a signup that did not say which language it speaks. */
export const DEFAULT_LOCALE = 'en';

/**
 * The name of the state machine execution working on a signup (`signup-<signupId>`). Step payloads
 * carry it so each function can log it next to `signupId`; Step Functions names are 1 to 80
 * characters.
 */
export const ExecutionName = z.string().min(1).max(80);

/**
 * `executionName` as a step payload carries it: optional, and only ever logged, so a value that is
 * not an execution name is dropped (and left out of the logs) rather than a reason to refuse the step.
 */
export const StepExecutionName = ExecutionName.optional().catch(undefined);
