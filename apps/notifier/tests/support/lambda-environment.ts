/**
 * The environment the stack gives the function (see infra/notifier-stack.ts), set before any test
 * loads the handler, so handler tests run the module as Lambda loads it.
 */
import { setLambdaEnvironment } from '@onboarding/testing';

setLambdaEnvironment({
  WEBHOOK_URL_SECRET: 'secretsmanager:onboarding/notifier/webhook-url',
  IDEMPOTENCY_TABLE_NAME: 'notifier-idempotency',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_URL_CACHE_SECONDS: '300',
  POWERTOOLS_SERVICE_NAME: 'notifier',
  POWERTOOLS_LOG_LEVEL: 'INFO',
});
