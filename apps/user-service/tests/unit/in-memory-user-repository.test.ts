// The fake the use-case tests rely on keeps the same rules as the DynamoDB adapter (which runs the
// same suite against dynalite in tests/integration).
import { InMemoryUserRepository } from '../support/in-memory-user-repository';
import { describeUserRepositoryContract } from '../support/user-repository-contract';

describeUserRepositoryContract('InMemoryUserRepository', () => new InMemoryUserRepository());
