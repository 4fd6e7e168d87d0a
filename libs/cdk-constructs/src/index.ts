/** `@onboarding/cdk-constructs`: house CDK constructs shared by every team's stack. */
export * from './service-function';
export * from './ssm-wiring';
export * from './nag';
