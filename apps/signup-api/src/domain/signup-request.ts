/**
 * What a client may send to POST /signup, validated with the same field schemas the UserSignup
 * contract uses, so a request accepted here is a detail the contract accepts.
 */
import { DEFAULT_LOCALE, DEFAULT_TENANT_ID, EmailAddress, Locale, PersonName, Plan, TenantId } from '@onboarding/events';
import { z } from 'zod';
import { InvalidSignupError } from './errors';

/** The request body. Unknown fields are refused: a typo must not silently lose data. */
export const SignupRequestSchema = z.strictObject({
  email: EmailAddress,
  name: PersonName,
  tenantId: TenantId.default(DEFAULT_TENANT_ID),
  plan: Plan.default('free'),
  /** The language to welcome the person in, a BCP 47 tag (`en`, `de`, `de-AT`). */
  locale: Locale.default(DEFAULT_LOCALE),
});

/** A validated signup request: email normalized, tenant, plan and locale defaulted. */
export type SignupRequest = z.output<typeof SignupRequestSchema>;

/** Client-chosen field names are echoed back, so keep what we echo short and few. */
const MAX_ECHOED_FIELD_LENGTH = 40;
const MAX_REPORTED_PROBLEMS = 10;

function echo(field: string): string {
  return field.length > MAX_ECHOED_FIELD_LENGTH ? `${field.slice(0, MAX_ECHOED_FIELD_LENGTH)}…` : field;
}

/** One `{ field, problem }` per issue; zod reports unknown fields on their parent, we name each. */
function listProblems(issues: z.core.$ZodIssue[], body: unknown): { field: string; problem: string }[] {
  return issues.flatMap((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: echo(key), problem: 'is not a known field' }));
    if (!field) return [{ field: '(root)', problem: 'the body must be a JSON object' }];
    const present = typeof body === 'object' && body !== null && Object.hasOwn(body, field);
    return [{ field, problem: present ? issue.message : 'is required' }];
  });
}

/**
 * Validates a parsed request body.
 * @throws InvalidSignupError naming every offending field
 */
export function parseSignupRequest(body: unknown): SignupRequest {
  const result = SignupRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const problems = listProblems(result.error.issues, body);
  const reported = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const lines = reported.map(({ field, problem }) => (field === '(root)' ? problem : `${field}: ${problem}`));
  if (problems.length > reported.length) lines.push(`and ${problems.length - reported.length} more`);
  throw new InvalidSignupError(
    lines.join('; '),
    reported.map(({ field }) => field),
    { cause: result.error },
  );
}
