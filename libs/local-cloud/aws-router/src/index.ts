/**
 * `@onboarding/local-aws-router`: one endpoint for every AWS service of the local cloud, routed by
 * each request's SigV4 signing name. Wire engines' handlers by service id; what is not wired
 * answers AWS's `UnknownOperationException` in the request's protocol.
 */
export * from './aws-services';
export * from './identify';
export * from './aws-router';
