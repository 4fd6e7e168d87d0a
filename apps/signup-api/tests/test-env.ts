/**
 * The environment a deployed signup function gets from its stack, set before any test imports the
 * handler (which reads its configuration at import, like a cold start). POWERTOOLS_DEV makes the
 * Logger write through the global console, so tests can read what is logged.
 */
process.env.EVENT_BUS_NAME = 'onboarding';
process.env.IDEMPOTENCY_TABLE_NAME = 'signup-api-idempotency';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_LAMBDA_FUNCTION_NAME = 'signup-api-test';
process.env.POWERTOOLS_DEV = 'true';
