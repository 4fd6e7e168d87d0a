/**
 * `@onboarding/aws-runtime`: small helpers for the services' Lambda code that are about the Lambda
 * and AWS side of things, not about any one team's domain: reading the configuration a function is
 * deployed with, and telling a transient AWS failure from a permanent one. This file is the
 * library's whole public API.
 */
export * from './configuration';
export * from './transient-aws-errors';
