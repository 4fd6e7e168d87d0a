/**
 * CDK app of the email service. The only CDK file that reads context: `-c senderAddress=...`
 * sets the sender, `-c senderDomain=...` creates the domain's SES identity. The stack stays
 * environment-agnostic, so the template deployed to AWS is the one the local cloud runs.
 */
import { App } from 'aws-cdk-lib';
import { addNagChecks } from '@onboarding/cdk-constructs';
import { EmailServiceStack } from '../email-service-stack';

const app = new App();

function stringContext(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

const senderAddress = stringContext('senderAddress');
const senderDomain = stringContext('senderDomain');

new EmailServiceStack(app, 'OnboardingEmailService', {
  description: 'Onboarding: SendWelcomeEmail step (SES v2), owned by the email-service team.',
  ...(senderAddress ? { senderAddress } : {}),
  ...(senderDomain ? { senderDomain } : {}),
});

addNagChecks(app);
