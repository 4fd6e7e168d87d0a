/** CDK app of signup-api: the one place its infrastructure code reads the environment. */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { SignupApiStack } from '../signup-api-stack';

const app = new App();
new SignupApiStack(app, 'OnboardingSignupApi', {
  description: 'Onboarding: the public signup API (team signup-api)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
addNagChecks(app);
