/**
 * The environment the stack gives the function (see infra/notifier-stack.ts), set before any test
 * loads the handler, so handler tests run the module as Lambda loads it.
 */
process.env['AWS_REGION'] = 'us-east-1';
process.env['AWS_ACCESS_KEY_ID'] = 'test';
process.env['AWS_SECRET_ACCESS_KEY'] = 'test';
process.env['WEBHOOK_URL_SECRET'] = 'secretsmanager:onboarding/notifier/webhook-url';
process.env['IDEMPOTENCY_TABLE_NAME'] = 'notifier-idempotency';
process.env['WEBHOOK_TIMEOUT_MS'] = '2000';
process.env['WEBHOOK_URL_CACHE_SECONDS'] = '300';
process.env['POWERTOOLS_SERVICE_NAME'] = 'notifier';
process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
