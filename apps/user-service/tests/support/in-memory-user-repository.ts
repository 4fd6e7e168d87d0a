/**
 * An in-memory {@link UserRepository} for use-case tests. It keeps the same conditional rules as
 * the DynamoDB adapter; the shared contract suite (user-repository-contract.ts) runs against both,
 * against dynalite in the integration tier, so the two cannot drift apart unnoticed.
 */
import type { EmailClaim, NewUser, StoredUser, UserRef } from '../../src/domain/user';
import type { EmailClaimHolder, UserRepository } from '../../src/ports/user-repository';

interface UserRecord extends NewUser {
  status: StoredUser['status'];
}

export class InMemoryUserRepository implements UserRepository {
  /** User records by `tenantId/userId`. */
  readonly users = new Map<string, UserRecord>();
  /** Email claims by `tenantId/email`. */
  readonly claims = new Map<string, EmailClaim>();

  async createPendingUser(user: NewUser): Promise<void> {
    const key = `${user.tenantId}/${user.userId}`;
    if (!this.users.has(key)) this.users.set(key, { ...user, status: 'pending' });
  }

  async claimEmail(claim: EmailClaim): Promise<EmailClaimHolder> {
    const key = `${claim.tenantId}/${claim.email}`;
    const holder = this.claims.get(key) ?? claim;
    this.claims.set(key, holder);
    return { signupId: holder.signupId, userId: holder.userId };
  }

  async activateUser(user: UserRef): Promise<boolean> {
    const record = this.users.get(`${user.tenantId}/${user.userId}`);
    if (!record || record.signupId !== user.signupId) return false;
    record.status = 'active';
    return true;
  }

  async findUser(tenantId: string, userId: string): Promise<StoredUser | undefined> {
    const record = this.users.get(`${tenantId}/${userId}`);
    return record && { tenantId: record.tenantId, userId: record.userId, signupId: record.signupId, email: record.email, status: record.status };
  }

  async releaseEmail(claim: Omit<EmailClaim, 'userId'>): Promise<boolean> {
    const key = `${claim.tenantId}/${claim.email}`;
    if (this.claims.get(key)?.signupId !== claim.signupId) return false;
    return this.claims.delete(key);
  }

  async deleteUser(user: UserRef): Promise<boolean> {
    const key = `${user.tenantId}/${user.userId}`;
    if (this.users.get(key)?.signupId !== user.signupId) return false;
    return this.users.delete(key);
  }
}
