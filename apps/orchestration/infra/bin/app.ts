/**
 * CDK app of the orchestration: the only CDK file that reads process.env or context.
 * `-c alarmNotifications=false` deploys the alarms without their SNS topic.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { OrchestrationStack } from '../orchestration-stack';

const app = new App();
const alarmNotifications: unknown = app.node.tryGetContext('alarmNotifications');
new OrchestrationStack(app, 'OnboardingOrchestration', {
  description: 'Onboarding orchestration: event bus, archive, UserSignup rule, state machine, dashboard and alarms.',
  // Environment-agnostic unless the CLI supplies an account and region; nothing is looked up.
  env:
    process.env['CDK_DEFAULT_ACCOUNT'] && process.env['CDK_DEFAULT_REGION']
      ? { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] }
      : undefined,
  // Context given on the command line arrives as a string.
  alarmNotifications: alarmNotifications !== false && alarmNotifications !== 'false',
});
addNagChecks(app);
