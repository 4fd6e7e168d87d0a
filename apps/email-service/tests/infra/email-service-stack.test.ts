import { Match, type Template } from 'aws-cdk-lib/assertions';
import { IDEMPOTENCY_TABLE_ACTIONS } from '@onboarding/cdk-constructs';
import {
  actionsOnAnyResource,
  crossStackReferences,
  functionEnvironment,
  logicalIdOf,
  renderTemplateValue,
  statementsFor,
  synthTemplate,
  testApp,
} from '@onboarding/cdk-constructs/testing';
import { DEFAULT_SENDER_ADDRESS, EmailServiceStack, type EmailServiceStackProps } from '../../infra/email-service-stack';

function synth(props: EmailServiceStackProps = {}): Template {
  const app = testApp();
  const stack = new EmailServiceStack(app, 'OnboardingEmailService', props);
  return synthTemplate(app, stack);
}

describe('EmailServiceStack', () => {
  it('passes cdk-nag with every acknowledgement carrying a reason', () => {
    expect(() => synth()).not.toThrow();
  });

  it('configures the function with the sender, the configuration set and the idempotency table', () => {
    const template = synth();
    const configurationSet = logicalIdOf(template, 'AWS::SES::ConfigurationSet');
    const table = logicalIdOf(template, 'AWS::DynamoDB::Table');

    expect(functionEnvironment(template)).toMatchObject({
      SENDER_ADDRESS: DEFAULT_SENDER_ADDRESS,
      CONFIGURATION_SET_NAME: { Ref: configurationSet },
      IDEMPOTENCY_TABLE_NAME: { Ref: table },
      POWERTOOLS_SERVICE_NAME: 'email-service',
    });
  });

  it('takes the sender address from its props', () => {
    const template = synth({ senderAddress: 'Hello@Acme.example' });

    expect(functionEnvironment(template)['SENDER_ADDRESS']).toBe('hello@acme.example');
  });

  it('owns an idempotency table keyed by the string "id" that expires records through "expiration"', () => {
    synth().hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('creates an SES configuration set that suppresses bounces and complaints and requires TLS', () => {
    synth().hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it('creates no SES identity unless a sender domain is given', () => {
    synth().resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it("creates the SES identity of the sender's domain when one is given", () => {
    const template = synth({ senderAddress: 'welcome@acme.example', senderDomain: 'acme.example' });

    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'acme.example' });
  });

  it('refuses a sender domain that does not cover the sender address', () => {
    expect(() => synth({ senderAddress: 'welcome@acme.example', senderDomain: 'other.example' })).toThrow(/senderDomain "other.example" does not cover/);
  });

  it('refuses a sender address without a domain', () => {
    expect(() => synth({ senderAddress: 'welcome' })).toThrow(/senderAddress must be an email address/);
  });

  it("allows ses:SendEmail only as the sender's identities, through its own configuration set, from the sender address", () => {
    const template = synth({ senderAddress: 'welcome@acme.example', senderDomain: 'acme.example' });
    const configurationSet = logicalIdOf(template, 'AWS::SES::ConfigurationSet');

    const sesStatements = statementsFor(template, 'ses');

    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]?.actions).toEqual(['ses:SendEmail']);
    expect(sesStatements[0]?.resources.map(renderTemplateValue).sort()).toEqual(
      [
        'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/acme.example',
        'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/welcome@acme.example',
        `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/\${${configurationSet}}`,
      ].sort(),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:SendEmail', Condition: { StringEquals: { 'ses:FromAddress': 'welcome@acme.example' } } })]),
      },
    });
  });

  it('grants the function only its own table, and only the calls idempotency makes', () => {
    const template = synth();

    expect(statementsFor(template, 'dynamodb')).toEqual([
      expect.objectContaining({ effect: 'Allow', actions: [...IDEMPOTENCY_TABLE_ACTIONS], resources: [{ 'Fn::GetAtt': [logicalIdOf(template, 'AWS::DynamoDB::Table'), 'Arn'] }] }),
    ]);
  });

  it('allows Resource "*" only for the X-Ray calls active tracing needs', () => {
    expect(actionsOnAnyResource(synth()).filter((action) => !action.startsWith('xray:'))).toEqual([]);
  });

  it('publishes the SendWelcomeEmail ARN as an SSM parameter for the orchestration', () => {
    const template = synth();
    const fn = logicalIdOf(template, 'AWS::Lambda::Function');

    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/onboarding/email-service/functions/SendWelcomeEmail/arn',
      Type: 'String',
      Value: { 'Fn::GetAtt': [fn, 'Arn'] },
    });
  });

  it('imports nothing from other stacks and exports nothing', () => {
    expect(crossStackReferences(synth())).toEqual([]);
  });
});
