/**
 * CDK app of the storage service: one stack, cdk-nag on. The stack is environment-agnostic (no
 * account or region), so every machine synthesizes the same template without AWS credentials and
 * the local cloud can run it as it is.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { StorageServiceStack } from '../storage-service-stack';

const app = new App();
new StorageServiceStack(app, 'OnboardingStorageService', {
  description: 'Onboarding: per-tenant, per-user storage prefixes (CreateUserStorage and its compensation DeleteUserStorage).',
});
addNagChecks(app);
