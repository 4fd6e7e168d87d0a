/** The SignupIds port on random UUIDs (v4): unguessable, and the contract's SignupId format. */
import { randomUUID } from 'node:crypto';
import type { SignupIds } from '../ports/signup-ids';

export const randomSignupIds: SignupIds = { next: () => randomUUID() };
