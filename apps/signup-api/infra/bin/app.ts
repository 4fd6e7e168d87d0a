/**
 * CDK app of signup-api: the one place its infrastructure code reads the environment or context.
 * `-c alarmNotifications=false` deploys the alarm without its SNS topic.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { SignupApiStack } from '../signup-api-stack';

const app = new App();
const alarmNotifications: unknown = app.node.tryGetContext('alarmNotifications');
new SignupApiStack(app, 'OnboardingSignupApi', {
  description: 'Onboarding: the public signup API (team signup-api)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  // Context given on the command line arrives as a string.
  alarmNotifications: alarmNotifications !== false && alarmNotifications !== 'false',
});
addNagChecks(app);
