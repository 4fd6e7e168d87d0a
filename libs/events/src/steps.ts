/**
 * Contracts between the orchestration's state machine and each team's step function: the payload a
 * step receives, what it returns, and the names of the errors it may throw. The state machine is
 * owned by another team than the functions, so these names are an interface: a step throws an error
 * whose `name` is listed here, and the state machine retries or catches it by that name.
 */
import { z } from 'zod';
import { EmailAddress, PersonName, Plan, SignupId, TenantId } from './contracts/common';

/** Identifies the signup a step works on; every step payload carries it. */
const StepBase = { signupId: SignupId, tenantId: TenantId };

/** A user id as issued by the user service. */
export const UserId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, { error: 'userId must be 1-64 letters, digits, _ or -' });

export const CreateUserInput = z.object({ ...StepBase, email: EmailAddress, name: PersonName, plan: Plan.default('free') });
export type CreateUserInput = z.output<typeof CreateUserInput>;
export const CreateUserOutput = z.object({ ...StepBase, userId: UserId });
export type CreateUserOutput = z.output<typeof CreateUserOutput>;

export const DeleteUserInput = z.object({ ...StepBase, userId: UserId.optional() });
export type DeleteUserInput = z.output<typeof DeleteUserInput>;
export const DeleteUserOutput = z.object({ ...StepBase, deleted: z.boolean() });
export type DeleteUserOutput = z.output<typeof DeleteUserOutput>;

export const SendWelcomeEmailInput = z.object({ ...StepBase, userId: UserId, email: EmailAddress, name: PersonName });
export type SendWelcomeEmailInput = z.output<typeof SendWelcomeEmailInput>;
export const SendWelcomeEmailOutput = z.object({ ...StepBase, messageId: z.string().min(1) });
export type SendWelcomeEmailOutput = z.output<typeof SendWelcomeEmailOutput>;

export const CreateUserStorageInput = z.object({ ...StepBase, userId: UserId });
export type CreateUserStorageInput = z.output<typeof CreateUserStorageInput>;
export const CreateUserStorageOutput = z.object({ ...StepBase, bucket: z.string().min(1), prefix: z.string().min(1) });
export type CreateUserStorageOutput = z.output<typeof CreateUserStorageOutput>;

export const DeleteUserStorageInput = z.object({ ...StepBase, userId: UserId });
export type DeleteUserStorageInput = z.output<typeof DeleteUserStorageInput>;
export const DeleteUserStorageOutput = z.object({ ...StepBase, deletedObjects: z.number().int().nonnegative() });
export type DeleteUserStorageOutput = z.output<typeof DeleteUserStorageOutput>;

export const NotifyTeamInput = z.object({ ...StepBase, userId: UserId, plan: Plan.default('free') });
export type NotifyTeamInput = z.output<typeof NotifyTeamInput>;
export const NotifyTeamOutput = z.object({ ...StepBase, delivered: z.literal(true), channel: z.enum(['slack', 'webhook']) });
export type NotifyTeamOutput = z.output<typeof NotifyTeamOutput>;

/**
 * Error names a step may fail with. `retryable` errors are transient (throttling, 5xx, time-outs
 * of the step's own dependency): the state machine retries them with backoff and jitter.
 * `permanent` errors go straight to the failure path.
 */
export const StepErrors = {
  /** Every step refuses a payload that does not match its input contract. */
  common: {
    // TimeoutError: an AWS SDK call that timed out and reached the handler unwrapped (e.g. through
    // Powertools' own persistence calls); retrying is safe because every step is idempotent.
    retryable: ['IdempotencyAlreadyInProgressError', 'IdempotencyPersistenceLayerError', 'TimeoutError'],
    permanent: ['InvalidStepInputError'],
  },
  CreateUser: { retryable: ['UserStoreUnavailableError'], permanent: ['DuplicateUserError'] },
  DeleteUser: { retryable: ['UserStoreUnavailableError'], permanent: [] },
  SendWelcomeEmail: { retryable: ['MailerUnavailableError'], permanent: ['EmailRejectedError'] },
  CreateUserStorage: { retryable: ['StorageUnavailableError'], permanent: [] },
  DeleteUserStorage: { retryable: ['StorageUnavailableError'], permanent: [] },
  NotifyTeam: { retryable: ['WebhookUnavailableError'], permanent: ['WebhookRejectedError', 'WebhookNotConfiguredError'] },
} as const satisfies Record<string, { retryable: readonly string[]; permanent: readonly string[] }>;

/** A step that has a payload contract and error names. */
export type StepName = Exclude<keyof typeof StepErrors, 'common'>;

/** Every error name a step may throw (its own and the common ones). */
export function stepErrorNames(step: StepName): { retryable: string[]; permanent: string[] } {
  return {
    retryable: [...StepErrors.common.retryable, ...StepErrors[step].retryable],
    permanent: [...StepErrors.common.permanent, ...StepErrors[step].permanent],
  };
}

/** The error a step throws when its payload does not match its input contract. */
export class InvalidStepInputError extends Error {
  override readonly name = 'InvalidStepInputError';
  /** The dotted path of each offending field. */
  readonly fields: string[];
  constructor(message: string, fields: string[], options?: { cause?: unknown }) {
    super(message, options);
    this.fields = fields;
  }
}

/**
 * Parses a step payload with its input schema; throws {@link InvalidStepInputError} naming the
 * offending fields (never their values: payloads carry personal data).
 */
export function parseStepInput<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => issue.path.join('.') || '(root)');
  throw new InvalidStepInputError(`Invalid step input: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, fields, { cause: result.error });
}
