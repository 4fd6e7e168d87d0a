/**
 * The environment a deployed signup function gets from its stack, set before any test imports the
 * handler (which reads its configuration at import, like a cold start). The Logger prints to
 * stdout as in Lambda, where the tests capture it (`captureLogs` of @onboarding/testing).
 */
import { setLambdaEnvironment } from '@onboarding/testing';

/** The idempotency table the handler under test is configured with. */
export const TEST_IDEMPOTENCY_TABLE = 'signup-api-idempotency';

/** The function name the runtime gives the handler under test. */
export const TEST_FUNCTION_NAME = 'signup-api-test';

setLambdaEnvironment({ EVENT_BUS_NAME: 'onboarding', IDEMPOTENCY_TABLE_NAME: TEST_IDEMPOTENCY_TABLE }, { functionName: TEST_FUNCTION_NAME });
