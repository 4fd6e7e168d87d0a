/**
 * Lambda entry point of the NotifyTeam step, invoked by Step Functions (`lambda:invoke`) with the
 * step payload as the event. Parses the payload, posts the notification at most once per signup,
 * and returns the step output; errors keep the names the state machine retries or catches.
 */
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { NotifyTeamV1, type NotifyTeamInputV1, type NotifyTeamOutputV1 } from '@onboarding/contract-notify-team-v1';
import { executionNameOf, parseStepInput, writeStepOutput } from '@onboarding/events';
import type { Context } from 'aws-lambda';
import { FetchWebhookClient } from '../adapters/fetch-webhook-client';
import { ParameterWebhookUrlSource } from '../adapters/parameter-webhook-url-source';
import { loadConfig } from '../config';
import { notifyTeam } from '../domain/notify-team';
import { idempotencyConfig, idempotencyPersistence, logger } from '../powertools';

const config = loadConfig();
const urls = new ParameterWebhookUrlSource({ reference: config.webhookUrl, maxAgeSeconds: config.webhookUrlCacheSeconds });
const webhook = new FetchWebhookClient({ timeoutMs: config.webhookTimeoutMs });

// A fixed key prefix, so a renamed function or a new deployment still finds earlier records.
const notifyTeamOnce = makeIdempotent((input: NotifyTeamInputV1) => notifyTeam(input, { urls, webhook }), {
  persistenceStore: idempotencyPersistence,
  config: idempotencyConfig,
  keyPrefix: 'notifier#NotifyTeam',
});

/**
 * What may be logged about a failure: its name, the webhook's HTTP status and the names of invalid
 * fields. Never the message or the cause, so nothing that could hold the URL reaches the logs. Read
 * by shape, so errors from another realm or module instance are described too.
 */
function safeErrorDetails(error: unknown): Record<string, unknown> {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; status?: unknown; fields?: unknown };
  return {
    errorName: typeof shape.name === 'string' ? shape.name : typeof error,
    ...(typeof shape.status === 'number' ? { status: shape.status } : {}),
    ...(Array.isArray(shape.fields) ? { fields: shape.fields } : {}),
  };
}

/** Tells the team about one onboarded user, once. */
export async function handler(event: unknown, context: Context): Promise<NotifyTeamOutputV1> {
  logger.addContext(context);
  idempotencyConfig.registerLambdaContext(context);
  const executionName = executionNameOf(event);
  if (executionName) logger.appendKeys({ executionName });
  try {
    const input = parseStepInput(NotifyTeamV1, event);
    logger.appendKeys({ signupId: input.signupId, tenantId: input.tenantId });
    const output = await notifyTeamOnce(input);
    logger.info('Team notified', { channel: output.channel });
    return writeStepOutput(NotifyTeamV1, output);
  } catch (error) {
    logger.warn('Team not notified', safeErrorDetails(error));
    throw error;
  } finally {
    logger.resetKeys();
  }
}
