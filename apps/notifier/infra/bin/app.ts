/**
 * CDK app of the notifier. The only CDK file that reads context: `-c webhookUrlParameterName=/x/y`
 * reads the URL from an SSM SecureString parameter instead of the stack's secret. The stack stays
 * environment-agnostic, so the template deployed to AWS is the one the local cloud runs.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { NotifierStack } from '../notifier-stack';

const app = new App();

const parameterName: unknown = app.node.tryGetContext('webhookUrlParameterName');

new NotifierStack(app, 'OnboardingNotifier', {
  description: 'Onboarding: NotifyTeam step (Slack or JSON webhook), owned by the notifier team.',
  ...(typeof parameterName === 'string' && parameterName.trim() ? { webhookUrlParameterName: parameterName.trim() } : {}),
});

addNagChecks(app);
