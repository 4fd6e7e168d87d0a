/**
 * `@onboarding/local-dynamodb/testing`: AWS's DynamoDB Local, started and stopped for a test or a
 * benchmark (it needs Java). Not part of the engine: a separate entry, for test code only.
 */
export { startDynamoDbLocal, dynamoDbLocalUnavailable, type DynamoDbLocal, type DynamoDbLocalOptions } from './dynamodb-local';
