/**
 * The users store on DynamoDB: single-table, one partition per tenant (see users-table-keys.ts),
 * no transactions. Every write is conditional on the signup it belongs to, so a retry or a
 * compensation can never overwrite or remove another signup's records.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransientAwsError } from '@onboarding/aws-runtime';
import { UserStoreUnavailableError } from '../domain/errors';
import type { EmailClaim, NewUser, StoredUser, UserRef, UserStatus } from '../domain/user';
import type { EmailClaimHolder, UserRepository } from '../ports/user-repository';
import { emailClaimKey, userKey, type UsersTableKey } from './users-table-keys';

/** True for DynamoDB's answer to a write whose condition did not hold (read by name: the SDK may be another module instance). */
function isConditionalCheckFailed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
}

/** Transient failures become {@link UserStoreUnavailableError}; anything else is a bug or a misconfiguration and goes through unchanged. */
function translate(error: unknown, operation: string): unknown {
  if (isTransientAwsError(error)) {
    return new UserStoreUnavailableError(`Users table unavailable during ${operation}`, { cause: error });
  }
  return error;
}

/** {@link UserRepository} on a DynamoDB table with string keys `pk` and `sk`. */
export class DynamoDbUserRepository implements UserRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createPendingUser(user: NewUser): Promise<void> {
    const status: UserStatus = 'pending';
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...userKey(user.tenantId, user.userId),
            type: 'user',
            tenantId: user.tenantId,
            userId: user.userId,
            signupId: user.signupId,
            email: user.email,
            name: user.name,
            plan: user.plan,
            status,
            createdAt: user.createdAt,
          },
          // A user id belongs to one signup (it is derived from it), so an existing record is
          // this signup's earlier attempt: keep it, with its first createdAt and its status.
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return;
      throw translate(error, 'createPendingUser');
    }
  }

  async claimEmail(claim: EmailClaim): Promise<EmailClaimHolder> {
    const key = emailClaimKey(claim.tenantId, claim.email);
    // Two rounds: the holder may release its claim between our refused put and our read.
    for (let round = 0; round < 2; round++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, type: 'email-claim', tenantId: claim.tenantId, email: claim.email, userId: claim.userId, signupId: claim.signupId },
            ConditionExpression: 'attribute_not_exists(sk)',
          }),
        );
        return { signupId: claim.signupId, userId: claim.userId };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw translate(error, 'claimEmail');
      }
      // ReturnValuesOnConditionCheckFailure would save this read, but the local emulator ignores it.
      const holder = await this.get(key, 'claimEmail');
      if (holder) return { signupId: String(holder.signupId), userId: String(holder.userId) };
    }
    throw new UserStoreUnavailableError('The email claim changed hands while it was being claimed');
  }

  async activateUser(user: UserRef): Promise<boolean> {
    const status: UserStatus = 'active';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: userKey(user.tenantId, user.userId),
          UpdateExpression: 'SET #status = :status',
          ConditionExpression: 'attribute_exists(sk) AND signupId = :signupId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':signupId': user.signupId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw translate(error, 'activateUser');
    }
  }

  async findUser(tenantId: string, userId: string): Promise<StoredUser | undefined> {
    const item = await this.get(userKey(tenantId, userId), 'findUser');
    if (!item) return undefined;
    return {
      tenantId: String(item.tenantId),
      userId: String(item.userId),
      signupId: String(item.signupId),
      email: String(item.email),
      status: item.status === 'active' ? 'active' : 'pending',
    };
  }

  async releaseEmail(claim: Omit<EmailClaim, 'userId'>): Promise<boolean> {
    return this.deleteIfOwnedBy(emailClaimKey(claim.tenantId, claim.email), claim.signupId, 'releaseEmail');
  }

  async deleteUser(user: UserRef): Promise<boolean> {
    return this.deleteIfOwnedBy(userKey(user.tenantId, user.userId), user.signupId, 'deleteUser');
  }

  private async deleteIfOwnedBy(key: UsersTableKey, signupId: string, operation: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          // Absent, or another signup's: either way not ours to delete.
          ConditionExpression: 'signupId = :signupId',
          ExpressionAttributeValues: { ':signupId': signupId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw translate(error, operation);
    }
  }

  private async get(key: UsersTableKey, operation: string): Promise<Record<string, unknown> | undefined> {
    try {
      const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      return result.Item;
    } catch (error) {
      throw translate(error, operation);
    }
  }
}
