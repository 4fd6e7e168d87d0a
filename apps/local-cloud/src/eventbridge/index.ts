/** The local EventBridge: wire protocol, routing, input transformation and delivery queue. */
export { createEventBridgeService, InvalidRuleError } from './event-bridge-service';
export type { DeadLetter, EventBridgeService, EventBridgeServiceOptions, RecordedEvent } from './event-bridge-service';
export { AwsServiceError } from './aws-json-protocol';
export { InvalidTargetInputError } from './target-input';
export type { EventEnvelope, TargetInput } from './target-input';
