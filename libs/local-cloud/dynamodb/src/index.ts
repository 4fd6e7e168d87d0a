export { DynamoDbEngine } from './engine';
