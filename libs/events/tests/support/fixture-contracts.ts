/**
 * Contracts of a made-up team, for the helpers' own tests: the helpers must not depend on any real
 * contract (a change to one would then retest everybody).
 */
import { z } from 'zod';
import { defineEventContract, defineStepContract, EmailAddress, Plan, SignupId, TenantId, Timestamp } from '../../src';

/** An event with a default, a normalized field and a nested object. */
export const MemberJoinedV1 = defineEventContract({
  source: 'example.members',
  detailType: 'MemberJoined',
  version: '1',
  description: 'A member joined a club.',
  schema: z.object({
    version: z.literal('1'),
    signupId: SignupId,
    tenantId: TenantId,
    email: EmailAddress,
    plan: Plan.default('free'),
    joinedAt: Timestamp,
    club: z.object({ name: z.string().min(1), founded: z.number().int().optional() }),
    tags: z.array(z.object({ label: z.string() })).optional(),
  }),
});

/** The second version of the same event, as a migration would add it. */
export const MemberJoinedV2 = defineEventContract({
  ...MemberJoinedV1,
  version: '2',
  schema: MemberJoinedV1.schema.extend({ version: z.literal('2'), locale: z.string() }),
});

/** A valid MemberJoined v1 detail. */
export function memberJoined(overrides: Record<string, unknown> = {}) {
  return {
    version: '1',
    signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
    tenantId: 'acme',
    email: 'ada@example.com',
    plan: 'pro',
    joinedAt: '2026-11-24T10:00:00.000Z',
    club: { name: 'Analytical Engines' },
    ...overrides,
  } as z.output<typeof MemberJoinedV1.schema>;
}

/** A step with its own error names. */
export const GreetMemberV1 = defineStepContract({
  step: 'GreetMember',
  version: '1',
  description: 'Greets a new member.',
  input: z.object({ signupId: SignupId, tenantId: TenantId, email: EmailAddress, plan: Plan.default('free') }),
  output: z.object({ signupId: SignupId, greeted: z.boolean() }),
  errors: { retryable: ['GreeterUnavailableError'], permanent: ['GreetingRefusedError'] },
});
