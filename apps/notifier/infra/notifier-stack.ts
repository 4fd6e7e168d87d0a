/**
 * The notifier's stack: the NotifyTeam function, its idempotency table, and the secret that holds
 * the webhook URL. The stack creates the secret with a generated placeholder; the operator sets
 * the real URL after deploy, so the URL never appears in a template, a parameter or an environment
 * variable. The function may read that secret and nothing else.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { IdempotencyTable, ServiceFunction, acknowledgeNag, publishFunctionArn } from '@onboarding/cdk-constructs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

/** The name of the secret that holds the webhook URL. */
export const WEBHOOK_URL_SECRET_NAME = 'onboarding/notifier/webhook-url';

/** Props of {@link NotifierStack}. */
export interface NotifierStackProps extends StackProps {
  /**
   * The name of an SSM SecureString parameter the operator created with the webhook URL, to use
   * instead of the Secrets Manager secret (CloudFormation cannot create SecureString parameters,
   * so the stack only reads it). @default the stack's own Secrets Manager secret
   */
  readonly webhookUrlParameterName?: string;
}

/** Deploys the NotifyTeam step of the onboarding. */
export class NotifierStack extends Stack {
  /** The function the orchestration invokes. */
  readonly notifyTeamFunction: ServiceFunction;
  /** The secret that holds the webhook URL, unless an SSM parameter is used instead. */
  readonly webhookUrlSecret: Secret | undefined;

  constructor(scope: Construct, id: string, props: NotifierStackProps = {}) {
    super(scope, id, props);
    const parameterName = props.webhookUrlParameterName?.trim();
    if (parameterName !== undefined && !/^\/?[\w.\-/]{1,1011}$/.test(parameterName)) {
      throw new Error(`webhookUrlParameterName "${parameterName}" is not a valid SSM parameter name`);
    }

    // Records expire after a day; losing them with the stack loses nothing worth keeping.
    const idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable');

    let webhookUrlReference: string;
    let readWebhookUrl: PolicyStatement;
    if (parameterName) {
      this.webhookUrlSecret = undefined;
      webhookUrlReference = `ssm:${parameterName}`;
      // A SecureString under the AWS managed key aws/ssm needs no kms grant: that key's policy lets
      // SSM decrypt for any principal of the account allowed to read the parameter.
      readWebhookUrl = new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.replace(/^\//, '') })],
      });
    } else {
      const secret = new Secret(this, 'WebhookUrlSecret', {
        secretName: WEBHOOK_URL_SECRET_NAME,
        description: 'Webhook URL of the NotifyTeam step (Slack incoming webhook or any https JSON webhook). Set it after deploy.',
        // A random value the notifier recognizes as "not configured"; CloudFormation keeps it on
        // updates, so the URL the operator sets later is never overwritten by a deploy.
        generateSecretString: { passwordLength: 32, excludePunctuation: true, includeSpace: false },
      });
      acknowledgeNag(
        secret,
        'AwsSolutions-SMG4',
        'The secret holds a webhook URL issued by Slack or another service; a rotation Lambda cannot mint a new one, so rotation happens by hand when the issuer revokes it.',
      );
      this.webhookUrlSecret = secret;
      webhookUrlReference = `secretsmanager:${secret.secretArn}`;
      readWebhookUrl = new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] });
    }

    const fn = new ServiceFunction(this, 'NotifyTeamFunction', {
      entry: join(__dirname, '../src/handlers/notify-team.ts'),
      serviceName: 'notifier',
      description: 'NotifyTeam step: posts a new signup to the team webhook once, the URL read from its secret at run time.',
      environment: {
        WEBHOOK_URL_SECRET: webhookUrlReference,
        IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName,
        WEBHOOK_TIMEOUT_MS: '5000',
        WEBHOOK_URL_CACHE_SECONDS: '300',
      },
    });
    this.notifyTeamFunction = fn;

    fn.addToRolePolicy(readWebhookUrl);
    idempotencyTable.grantIdempotency(fn);

    publishFunctionArn(this, 'notifier', 'NotifyTeam', fn);
  }
}
