/**
 * `@onboarding/local-aws-core/testing`: test support for the engines' own tests and for teams'
 * tests that use an engine: a manual clock and a runner for Debian's AWS CLI v2. Tests only.
 */
export * from './aws-cli';
export * from './manual-clock';
