// The fake the use-case tests rely on keeps the same behaviour as the S3 adapter (which runs the
// same suite against s3rver in tests/integration).
import { InMemoryUserStorage } from '../support/in-memory-user-storage';
import { describeUserStorageContract } from '../support/user-storage-contract';

describeUserStorageContract('InMemoryUserStorage', async () => {
  const storage = new InMemoryUserStorage();
  return { storage, putFile: async (key) => storage.putFile(key) };
});
