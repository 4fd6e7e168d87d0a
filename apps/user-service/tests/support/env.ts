// Jest setup (runs before each test file): the configuration the handlers read at module load,
// and a region and credentials so the SDK never looks for real ones.

/** The idempotency table name the handlers under test are configured with. */
export const TEST_IDEMPOTENCY_TABLE = 'user-service-idempotency-test';

process.env.USERS_TABLE_NAME = 'users-test';
process.env.IDEMPOTENCY_TABLE_NAME = TEST_IDEMPOTENCY_TABLE;
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
// Tests observe the logger through spies; its output would only be noise.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
