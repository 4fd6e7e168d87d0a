/** CDK app of the orchestration: the only CDK file that reads process.env. */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { OrchestrationStack } from '../orchestration-stack';

const app = new App();
new OrchestrationStack(app, 'OnboardingOrchestration', {
  description: 'Onboarding orchestration: event bus, archive, UserSignup rule, state machine.',
  // Environment-agnostic unless the CLI supplies an account and region; nothing is looked up.
  env:
    process.env['CDK_DEFAULT_ACCOUNT'] && process.env['CDK_DEFAULT_REGION']
      ? { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] }
      : undefined,
});
addNagChecks(app);
