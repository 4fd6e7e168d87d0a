/**
 * `@onboarding/local-sqs`: a local Amazon SQS. {@link SqsEngine} holds the queues and is usable on
 * its own (a team's jest test can send and receive with no server); {@link createSqsHandler} is
 * its endpoint, speaking SQS's AWS JSON 1.0 and AWS Query protocols.
 */
export * from './errors';
export { md5OfBody, md5OfMessageAttributes } from './md5';
export { DEFAULT_QUEUE_ATTRIBUTES, parseRedrivePolicy, type RedrivePolicy } from './queue-attributes';
export * from './sqs-engine';
export { createSqsHandler, SQS_OPERATIONS, SQS_XML_NAMESPACE, type SqsHandlerOptions } from './http-handler';
export type * from './types';
