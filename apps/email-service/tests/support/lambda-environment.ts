/**
 * The environment the stack gives the function (see infra/email-service-stack.ts), set before any
 * test imports the handler, so handler tests run the module exactly as Lambda loads it.
 */
import { setLambdaEnvironment } from '@onboarding/testing';

/** The idempotency table the handler under test is configured with. */
export const TEST_IDEMPOTENCY_TABLE = 'email-idempotency';

setLambdaEnvironment({
  SENDER_ADDRESS: 'welcome@onboarding.test',
  CONFIGURATION_SET_NAME: 'onboarding-email',
  IDEMPOTENCY_TABLE_NAME: TEST_IDEMPOTENCY_TABLE,
  POWERTOOLS_SERVICE_NAME: 'email-service',
  POWERTOOLS_LOG_LEVEL: 'INFO',
});
