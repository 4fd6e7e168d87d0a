/**
 * `@onboarding/testing`: what every team's handler tests need and nobody should write twice. The
 * real Powertools code runs in these tests; only the AWS side is simulated. Import it from tests
 * only: it needs jest, and deployed code never ships it (tools/workspace-checks enforces that).
 */
export * from './captured-logs';
export * from './fake-idempotency-table';
export * from './lambda-context';
export * from './lambda-environment';
export * from './wait-for';
