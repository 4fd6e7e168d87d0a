import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SIGNUP_ID_HEADER, SesMailer, TENANT_ID_HEADER } from '../../src/adapters/ses-mailer';
import { EmailRejectedError, MailerUnavailableError } from '../../src/domain/errors';
import type { OutgoingEmail } from '../../src/ports/mailer';

const ses = mockClient(SESv2Client);

const email: OutgoingEmail = {
  to: 'ada@example.com',
  subject: 'Welcome aboard, Ada!',
  text: 'Hello Ada,',
  html: '<h1>Hello Ada,</h1>',
  trace: { signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70', tenantId: 'acme' },
};

function mailer(configurationSetName?: string): SesMailer {
  return new SesMailer({ client: new SESv2Client({ region: 'us-east-1' }), fromAddress: 'welcome@acme.test', ...(configurationSetName ? { configurationSetName } : {}) });
}

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

afterEach(() => {
  ses.reset();
});

describe('SesMailer', () => {
  it('sends Simple content with the subject, both bodies, the sender and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    const result = await mailer('onboarding-email').send(email);

    expect(result).toEqual({ messageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'welcome@acme.test',
      Destination: { ToAddresses: ['ada@example.com'] },
      ConfigurationSetName: 'onboarding-email',
      Content: {
        Simple: expect.objectContaining({
          Subject: { Data: 'Welcome aboard, Ada!', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Hello Ada,', Charset: 'UTF-8' }, Html: { Data: '<h1>Hello Ada,</h1>', Charset: 'UTF-8' } },
        }),
      },
    });
  });

  it('tags the email and sets headers with the signupId and tenantId, so it can be traced', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    await mailer().send(email);

    const sent = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(sent?.EmailTags).toEqual([
      { Name: 'signupId', Value: email.trace.signupId },
      { Name: 'tenantId', Value: 'acme' },
    ]);
    expect(sent?.Content?.Simple?.Headers).toEqual([
      { Name: SIGNUP_ID_HEADER, Value: email.trace.signupId },
      { Name: TENANT_ID_HEADER, Value: 'acme' },
    ]);
  });

  it('names no configuration set when none is configured', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    await mailer().send(email);

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty('ConfigurationSetName');
  });

  it.each([
    ['throttling', () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', ...meta(429) }), 'TooManyRequestsException'],
    ['a sending quota', () => new LimitExceededException({ message: 'Daily message quota exceeded.', ...meta(400) }), 'LimitExceededException'],
    ['an SES 5xx', () => new InternalServiceErrorException({ message: 'Internal error', ...meta(500) }), 'InternalServiceErrorException'],
    ['a reset connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: { attempts: 3 } }), 'ECONNRESET'],
    ['a request time-out', () => Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }), 'TimeoutError'],
  ])('turns %s into a retryable MailerUnavailableError', async (_case, makeError, code) => {
    ses.on(SendEmailCommand).rejects(makeError());

    const failure = mailer().send(email);

    await expect(failure).rejects.toBeInstanceOf(MailerUnavailableError);
    await expect(failure).rejects.toMatchObject({ name: 'MailerUnavailableError', code });
  });

  it.each([
    ['a rejected message', () => new MessageRejected({ message: 'Email address is not verified: ada@example.com', ...meta(400) }), 'MessageRejected'],
    ['an unverified MAIL FROM domain', () => new MailFromDomainNotVerifiedException({ message: 'not verified', ...meta(400) }), 'MailFromDomainNotVerifiedException'],
    ['a suspended account', () => new AccountSuspendedException({ message: 'suspended', ...meta(400) }), 'AccountSuspendedException'],
    ['paused sending', () => new SendingPausedException({ message: 'paused', ...meta(400) }), 'SendingPausedException'],
    ['a bad recipient', () => new BadRequestException({ message: 'Illegal address ada@example.com', ...meta(400) }), 'BadRequestException'],
  ])('turns %s into a permanent EmailRejectedError', async (_case, makeError, code) => {
    ses.on(SendEmailCommand).rejects(makeError());

    const failure = mailer().send(email);

    await expect(failure).rejects.toBeInstanceOf(EmailRejectedError);
    await expect(failure).rejects.toMatchObject({ name: 'EmailRejectedError', code });
  });

  it("never quotes SES's message, which can carry the recipient's address", async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified: ada@example.com', ...meta(400) }));

    const error: unknown = await mailer().send(email).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EmailRejectedError);
    expect((error as EmailRejectedError).message).not.toContain('ada@example.com');
  });

  it('lets an error that is neither an SES answer nor a network failure through unchanged', async () => {
    const bug = new TypeError('Cannot read properties of undefined');
    ses.on(SendEmailCommand).rejects(bug);

    await expect(mailer().send(email)).rejects.toBe(bug);
  });

  it('treats an answer without a MessageId as a failure rather than inventing an id', async () => {
    ses.on(SendEmailCommand).resolves({});

    await expect(mailer().send(email)).rejects.toBeInstanceOf(MailerUnavailableError);
  });
});
