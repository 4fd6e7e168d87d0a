/**
 * The email service's stack: the SendWelcomeEmail function, its idempotency table, an SES
 * configuration set, and (when a domain is given) the SES identity of the sender's domain. The
 * function may send only as the configured sender and only through this configuration set.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { IdempotencyTable, ServiceFunction, publishFunctionArn } from '@onboarding/cdk-constructs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

/** The sender used when the app is given none: fine for the local cloud, never verified in SES. */
export const DEFAULT_SENDER_ADDRESS = 'welcome@example.com';

/** Props of {@link EmailServiceStack}. */
export interface EmailServiceStackProps extends StackProps {
  /** The address welcome emails are sent from. @default DEFAULT_SENDER_ADDRESS */
  readonly senderAddress?: string;
  /**
   * A domain to create an SES identity for (Easy DKIM; publish its DNS records yourself). It must be
   * the sender address's domain or a parent of it. @default no identity: verify the sender yourself
   */
  readonly senderDomain?: string;
}

const ADDRESS = /^[^@\s]+@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/;

/** The domain part of a sender address, or an error naming the setting at fault. */
function senderDomainOf(senderAddress: string): string {
  const match = ADDRESS.exec(senderAddress);
  if (!match?.[1]) throw new Error(`senderAddress must be an email address with a domain, got "${senderAddress}"`);
  return match[1];
}

/** Deploys the SendWelcomeEmail step of the onboarding. */
export class EmailServiceStack extends Stack {
  /** The function the orchestration invokes. */
  readonly sendWelcomeEmailFunction: ServiceFunction;

  constructor(scope: Construct, id: string, props: EmailServiceStackProps = {}) {
    super(scope, id, props);
    const senderAddress = (props.senderAddress ?? DEFAULT_SENDER_ADDRESS).trim().toLowerCase();
    const addressDomain = senderDomainOf(senderAddress);
    const senderDomain = props.senderDomain?.trim().toLowerCase();
    if (senderDomain && addressDomain !== senderDomain && !addressDomain.endsWith(`.${senderDomain}`)) {
      throw new Error(`senderDomain "${senderDomain}" does not cover senderAddress "${senderAddress}"`);
    }

    // Records expire after a day; losing them with the stack loses nothing worth keeping.
    const idempotencyTable = new IdempotencyTable(this, 'IdempotencyTable');

    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });

    if (senderDomain) {
      new EmailIdentity(this, 'SenderDomainIdentity', { identity: Identity.domain(senderDomain), configurationSet });
    }

    const fn = new ServiceFunction(this, 'SendWelcomeEmailFunction', {
      entry: join(__dirname, '../src/handlers/send-welcome-email.ts'),
      serviceName: 'email-service',
      description: 'SendWelcomeEmail step: sends the welcome email of a signup once, through SES v2.',
      environment: {
        SENDER_ADDRESS: senderAddress,
        CONFIGURATION_SET_NAME: configurationSet.configurationSetName,
        IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName,
      },
    });
    this.sendWelcomeEmailFunction = fn;

    idempotencyTable.grantIdempotency(fn);

    // SES v2 SendEmail authorizes the sending identity (the address, or its verified domain, so both
    // are listed) and the configuration set named in the request. The condition pins the From address.
    const identityNames = [...new Set([senderDomain ?? addressDomain, addressDomain, senderAddress])];
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          ...identityNames.map((name) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: name })),
          this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );

    publishFunctionArn(this, 'email-service', 'SendWelcomeEmail', fn);
  }
}
