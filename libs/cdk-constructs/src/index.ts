/** `@onboarding/cdk-constructs`: house CDK constructs shared by every team's stack. */
export * from './service-function';
export * from './idempotency-table';
export * from './alarm-topic';
export * from './ssm-wiring';
export * from './nag';
