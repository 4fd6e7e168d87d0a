// Jest setup (runs before each test file): the configuration the handlers read at module load, as
// the stack sets it, in a Lambda environment whose credentials never reach AWS.
import { setLambdaEnvironment } from '@onboarding/testing';

/** The bucket the handlers under test are configured with. */
export const TEST_BUCKET = 'user-storage-test';
/** The idempotency table name the handlers under test are configured with. */
export const TEST_IDEMPOTENCY_TABLE = 'storage-service-idempotency-test';

setLambdaEnvironment({
  BUCKET_NAME: TEST_BUCKET,
  IDEMPOTENCY_TABLE_NAME: TEST_IDEMPOTENCY_TABLE,
  // Tests observe the logger through spies or captured output; anything else would only be noise.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
