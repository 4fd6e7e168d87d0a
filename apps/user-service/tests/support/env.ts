// Jest setup (runs before each test file): the configuration the handlers read at module load, as
// the stack sets it, in a Lambda environment whose credentials never reach AWS.
import { setLambdaEnvironment } from '@onboarding/testing';

/** The idempotency table name the handlers under test are configured with. */
export const TEST_IDEMPOTENCY_TABLE = 'user-service-idempotency-test';

setLambdaEnvironment({
  USERS_TABLE_NAME: 'users-test',
  IDEMPOTENCY_TABLE_NAME: TEST_IDEMPOTENCY_TABLE,
  // Tests observe the logger through spies or captured output; anything else would only be noise.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
