import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import type { SendWelcomeEmailInputV1 } from '@onboarding/contract-send-welcome-email-v1';
import { COMMON_STEP_ERRORS, InvalidStepInputError } from '@onboarding/events';
import { captureLogs, installFakeIdempotencyTable, lambdaContext, waitFor, type CapturedLogs, type FakeIdempotencyTable } from '@onboarding/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../src/handlers/send-welcome-email';
import { TEST_IDEMPOTENCY_TABLE } from '../support/lambda-environment';

const ses = mockClient(SESv2Client);
const dynamodb = mockClient(DynamoDBClient);
const context = lambdaContext('OnboardingEmailService-SendWelcomeEmailFunction');

const payload: SendWelcomeEmailInputV1 = {
  signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
  tenantId: 'acme',
  userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  locale: 'en',
};

let table: FakeIdempotencyTable;
let logs: CapturedLogs;

beforeEach(() => {
  table = installFakeIdempotencyTable(dynamodb, { tableName: TEST_IDEMPOTENCY_TABLE });
  logs = captureLogs();
});

afterEach(() => {
  logs.restore();
  ses.reset();
  dynamodb.reset();
});

describe('SendWelcomeEmail handler', () => {
  it('sends the welcome email from the configured sender and returns the signup with the SES message id', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    const output = await handler(payload, context);

    expect(output).toEqual({ signupId: payload.signupId, tenantId: 'acme', messageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'welcome@onboarding.test',
      ConfigurationSetName: 'onboarding-email',
      Destination: { ToAddresses: ['ada@example.com'] },
    });
  });

  it('sends the email only once when the step is retried for the same signup, and returns the first result', async () => {
    ses.on(SendEmailCommand).resolvesOnce({ MessageId: 'ses-message-1' }).resolves({ MessageId: 'ses-message-2' });

    const first = await handler(payload, context);
    const retry = await handler({ ...payload }, context);

    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(retry).toEqual(first);
    expect(table.items.size).toBe(1);
  });

  it('sends to each signup once: another signupId is another email', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message' });

    await handler(payload, context);
    await handler({ ...payload, signupId: '1c8a5d3f-6b2e-4f9c-8d4a-3e7b9f2c5a81' }, context);

    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('fails with MailerUnavailableError when SES throttles, and the retry then sends the email', async () => {
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }))
      .resolves({ MessageId: 'ses-message-2' });

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'MailerUnavailableError' });
    const retry = await handler(payload, context);

    expect(retry.messageId).toBe('ses-message-2');
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('fails with EmailRejectedError when SES rejects the message', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified: ada@example.com', $metadata: { httpStatusCode: 400 } }));

    await expect(handler(payload, context)).rejects.toMatchObject({ name: 'EmailRejectedError', code: 'MessageRejected' });
  });

  it('refuses a payload with a bad email address with InvalidStepInputError naming the field, and sends and records nothing', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    const error = await handler({ ...payload, email: 'not-an-address' }, context).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidStepInputError);
    expect((error as InvalidStepInputError).fields).toEqual(['email']);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
    expect(dynamodb).toHaveReceivedCommandTimes(PutItemCommand, 0);
  });

  it('refuses a payload without a signupId, naming the field', async () => {
    const { signupId: _omitted, ...withoutSignupId } = payload;

    await expect(handler(withoutSignupId, context)).rejects.toMatchObject({ name: 'InvalidStepInputError', fields: ['signupId'] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
  });

  it('escapes markup in the name in the HTML body it sends', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    await handler({ ...payload, name: '<script>alert(1)</script>' }, context);

    const html = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Body?.Html?.Data;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('answers IdempotencyAlreadyInProgressError, a retryable step error, while another attempt for the signup is still sending', async () => {
    let release: (value: { MessageId: string }) => void = () => undefined;
    ses.on(SendEmailCommand).callsFake(() => new Promise((resolve) => (release = resolve)));
    const first = handler(payload, context);
    await waitFor(() => ses.commandCalls(SendEmailCommand).length === 1);

    const concurrent = handler(payload, context);

    await expect(concurrent).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    expect(COMMON_STEP_ERRORS.retryable).toContain('IdempotencyAlreadyInProgressError');
    release({ MessageId: 'ses-message-1' });
    await expect(first).resolves.toMatchObject({ messageId: 'ses-message-1' });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
  });

  it('logs the signupId and tenantId, but never the email address or the name', async () => {
    ses
      .on(SendEmailCommand)
      .resolvesOnce({ MessageId: 'ses-message-1' })
      .rejects(new MessageRejected({ message: 'Email address is not verified: grace@example.org', $metadata: { httpStatusCode: 400 } }));

    await handler(payload, context);
    await handler({ ...payload, signupId: '1c8a5d3f-6b2e-4f9c-8d4a-3e7b9f2c5a81', email: 'grace@example.org', name: 'Grace Hopper' }, context).catch(() => undefined);
    await handler({ ...payload, signupId: 'not-a-uuid', email: 'eve@example.net', name: 'Eve' }, context).catch(() => undefined);

    const printed = logs.lines.join('\n');
    const records = logs.records();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records).toEqual(expect.arrayContaining([expect.objectContaining({ signupId: payload.signupId, tenantId: 'acme', message: 'Welcome email sent' })]));
    for (const secret of ['ada@example.com', 'Ada Lovelace', 'grace@example.org', 'Grace Hopper', 'eve@example.net']) {
      expect(printed).not.toContain(secret);
    }
  });
});
