/**
 * DynamoDB's errors, as classes. Each carries the wire name the SDK turns into an exception class
 * (`__type`'s part after `#`), the namespace DynamoDB puts before it, and the HTTP status; some
 * carry more fields of the error shape (the old item of a failed condition, cancellation reasons).
 */
import type { Item } from './attribute-value';

/** Base of every error the engine answers with; `code` is DynamoDB's exception name. */
export class DynamoDbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    readonly namespace = 'com.amazonaws.dynamodb.v20120810',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = code;
  }

  /** The error's body on the wire, beside `__type` and `message`. */
  extraFields(): Record<string, unknown> {
    return {};
  }
}

/** A request DynamoDB refuses as invalid: nothing was read or written. */
export class ValidationError extends DynamoDbError {
  constructor(message: string) {
    super('ValidationException', message, 400, 'com.amazon.coral.validate');
  }
}

/** A key of the wrong type: in a transaction, a cancellation reason of its item rather than a refusal of the request. */
export class KeyTypeMismatchError extends ValidationError {
  constructor() {
    super('One or more parameter values were invalid: Type mismatch for key');
  }
}

/** The request body is not the JSON of the operation's input shape. */
export class SerializationError extends DynamoDbError {
  constructor(message: string) {
    super('SerializationException', message, 400, 'com.amazon.coral.service');
  }
}

export class UnknownOperationError extends DynamoDbError {
  constructor() {
    super('UnknownOperationException', 'An unknown operation was requested.', 400);
  }
}

export class ResourceNotFoundError extends DynamoDbError {
  constructor(message = 'Requested resource not found') {
    super('ResourceNotFoundException', message);
  }
}

export class ResourceInUseError extends DynamoDbError {
  constructor(message: string) {
    super('ResourceInUseException', message);
  }
}

/** A single-item write whose condition did not hold; `item` is the old item when it was asked for (ALL_OLD). */
export class ConditionalCheckFailedError extends DynamoDbError {
  constructor(readonly item?: Item) {
    super('ConditionalCheckFailedException', 'The conditional request failed');
  }

  override extraFields(): Record<string, unknown> {
    return this.item ? { Item: this.item } : {};
  }
}

/** Why one item of a transaction cancelled it (`Code: 'None'` for the items that did not). */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

/** A transaction that changed nothing; `reasons` are in the order of the request's items. */
export class TransactionCanceledError extends DynamoDbError {
  constructor(readonly reasons: CancellationReason[]) {
    super('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`);
  }

  override extraFields(): Record<string, unknown> {
    return { CancellationReasons: this.reasons };
  }
}

/** A ClientRequestToken seen in the last 10 minutes with a different request. */
export class IdempotentParameterMismatchError extends DynamoDbError {
  constructor() {
    super('IdempotentParameterMismatchException', 'Request token conflicts with an earlier request that had different parameters.');
  }
}

export class LimitExceededError extends DynamoDbError {
  constructor(message: string) {
    super('LimitExceededException', message);
  }
}

/** The engine could not record a write (its data directory failed): nothing was changed. */
export class InternalServerError extends DynamoDbError {
  constructor(message: string, cause?: unknown) {
    super('InternalServerError', message, 500, 'com.amazonaws.dynamodb.v20120810', { cause });
  }
}
