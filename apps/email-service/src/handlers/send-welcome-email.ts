/**
 * Lambda entry point of the SendWelcomeEmail step, invoked by Step Functions (`lambda:invoke`) with
 * the step payload as the event. Parses the payload, sends the email at most once per signup, and
 * returns the step output; errors keep the names the state machine retries or catches.
 */
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendWelcomeEmailV1, type SendWelcomeEmailInputV1, type SendWelcomeEmailOutputV1 } from '@onboarding/contract-send-welcome-email-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { SesMailer } from '../adapters/ses-mailer';
import { loadConfig } from '../config';
import { sendWelcomeEmail } from '../domain/send-welcome-email';
import { idempotencyConfig, idempotencyPersistence, logger } from '../powertools';

const config = loadConfig();
const mailer = new SesMailer({
  client: new SESv2Client({}),
  fromAddress: config.senderAddress,
  ...(config.configurationSetName ? { configurationSetName: config.configurationSetName } : {}),
});

// The key prefix is fixed rather than derived from the function's name, so a renamed function or a
// new deployment still finds the records of signups already handled.
const sendWelcomeEmailOnce = makeIdempotent((input: SendWelcomeEmailInputV1) => sendWelcomeEmail(input, { mailer }), {
  persistenceStore: idempotencyPersistence,
  config: idempotencyConfig,
  keyPrefix: 'email-service#SendWelcomeEmail',
});

/**
 * What may be logged about a failure: its name, its provider code and the names of invalid fields.
 * Never the message or the cause: SES's messages can quote the recipient's address. Read by shape,
 * so errors from another realm or module instance are described too.
 */
function safeErrorDetails(error: unknown): Record<string, unknown> {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; fields?: unknown };
  return {
    errorName: typeof shape.name === 'string' ? shape.name : typeof error,
    ...(typeof shape.code === 'string' ? { errorCode: shape.code } : {}),
    ...(Array.isArray(shape.fields) ? { fields: shape.fields } : {}),
  };
}

/** Sends the welcome email of one signup, once. */
export async function handler(event: unknown, context: Context): Promise<SendWelcomeEmailOutputV1> {
  logger.addContext(context);
  idempotencyConfig.registerLambdaContext(context);
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(SendWelcomeEmailV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await sendWelcomeEmailOnce(input);
    logger.info('Welcome email sent', { messageId: output.messageId });
    return writeStepOutput(SendWelcomeEmailV1, output);
  } catch (error) {
    logger.warn('Welcome email not sent', safeErrorDetails(error));
    throw error;
  } finally {
    logger.resetKeys();
  }
}
