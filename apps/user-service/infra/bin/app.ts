/**
 * CDK app of the user service: one stack, cdk-nag on. The stack is environment-agnostic (no
 * account or region), so every machine synthesizes the same template without AWS credentials and
 * the local cloud can run it as it is.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { UserServiceStack } from '../user-service-stack';

const app = new App();
new UserServiceStack(app, 'OnboardingUserService', {
  description: 'Onboarding: the users of each tenant (CreateUser and its compensation DeleteUser).',
});
addNagChecks(app);
