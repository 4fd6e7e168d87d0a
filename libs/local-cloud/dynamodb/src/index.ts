/**
 * `@onboarding/local-dynamodb`: a local DynamoDB (the JSON 1.0 wire protocol of the AWS SDK and
 * CLI) with transactions and TTL, in memory with crash-safe persistence, held to AWS's DynamoDB
 * Local by a differential test. This file is the library's whole public API.
 */
export { startLocalDynamoDb, createStartTables, type LocalDynamoDb, type LocalDynamoDbOptions } from './server';
export { DynamoDbEngine, CLIENT_REQUEST_TOKEN_TTL_MS, type EngineOptions, type Journal, type JournalRecord } from './engine';
export { DataDirectory, type DataDirectoryReport } from './data-directory';
export { tableFromCloudFormation, type CloudFormationTable, type LocalTableRequest } from './cloudformation';
export { createRequestHandler, dispatch, type RequestHandler } from './http-protocol';
export {
  DynamoDbError,
  ValidationError,
  SerializationError,
  UnknownOperationError,
  ResourceNotFoundError,
  ResourceInUseError,
  ConditionalCheckFailedError,
  TransactionCanceledError,
  IdempotentParameterMismatchError,
  LimitExceededError,
  InternalServerError,
  type CancellationReason,
} from './errors';
export type { AttributeValue, Item } from './attribute-value';
export { startLocalDynamoDbWorker, type LocalDynamoDbWorker, type LocalDynamoDbWorkerOptions } from './worker';
