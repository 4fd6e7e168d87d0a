/**
 * `@onboarding/local-aws-core`: what every local AWS engine shares. Errors are {@link AwsError}s,
 * written by each protocol module in its own wire shape; the clock is a port.
 */
export * from './aws-error';
export * from './clock';
export * from './credential-scope';
export * from './http-body';
export * from './json-protocol';
export * from './loopback-server';
export * from './page-token';
export * from './query-protocol';
export * from './request-context';
export * from './rest-protocol';
export * from './xml';
