/**
 * A local DynamoDB with a data directory in a process of its own, for the crash test
 * (persistence.test.ts kills it with SIGKILL). Prints its URL on stdout once it listens.
 * Usage: tsx serve-data-dir.ts <dataDir>
 */
import { startLocalDynamoDb } from '../../src';

startLocalDynamoDb({ dataDir: process.argv[2], ttlSweepIntervalMs: 0 }).then(
  (db) => process.stdout.write(`${db.url}\n`),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
