/**
 * The environment the stack gives the function (see infra/email-service-stack.ts), set before any
 * test imports the handler, so handler tests run the module exactly as Lambda loads it.
 */
process.env['AWS_REGION'] = 'us-east-1';
process.env['AWS_ACCESS_KEY_ID'] = 'test';
process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
process.env['SENDER_ADDRESS'] = 'welcome@onboarding.test';
process.env['CONFIGURATION_SET_NAME'] = 'onboarding-email';
process.env['IDEMPOTENCY_TABLE_NAME'] = 'email-idempotency';
process.env['POWERTOOLS_SERVICE_NAME'] = 'email-service';
process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
