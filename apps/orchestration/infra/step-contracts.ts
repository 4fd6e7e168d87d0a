/**
 * The step contracts the state machine calls: for each step, the contract version whose payload
 * the definition sends, whose result it reads and whose error names it retries or catches. This
 * list, the imports above it and `contracts.json` are how the graph knows the orchestration calls
 * these versions: a change to one of them affects this app and that step's team, no one else.
 */
import { CreateUserV1 } from '@onboarding/contract-create-user-v1';
import { CreateUserStorageV1 } from '@onboarding/contract-create-user-storage-v1';
import { DeleteUserV1 } from '@onboarding/contract-delete-user-v1';
import { DeleteUserStorageV1 } from '@onboarding/contract-delete-user-storage-v1';
import { NotifyTeamV1 } from '@onboarding/contract-notify-team-v1';
import { SendWelcomeEmailV1 } from '@onboarding/contract-send-welcome-email-v1';

/** The contract of each step, by step name (the state name and the SSM parameter's `<Step>`). */
export const STEP_CONTRACTS = {
  CreateUser: CreateUserV1,
  DeleteUser: DeleteUserV1,
  SendWelcomeEmail: SendWelcomeEmailV1,
  CreateUserStorage: CreateUserStorageV1,
  DeleteUserStorage: DeleteUserStorageV1,
  NotifyTeam: NotifyTeamV1,
} as const;

/** A step the state machine calls. */
export type StepName = keyof typeof STEP_CONTRACTS;
