/** The NotifyTeam use case: read the webhook URL, build the channel's message, post it. */
import type { NotifyTeamInputV1, NotifyTeamOutputV1 } from '@onboarding/contract-notify-team-v1';
import type { WebhookClient } from '../ports/webhook-client';
import type { WebhookUrlSource } from '../ports/webhook-url-source';
import { WebhookNotConfiguredError } from './errors';
import { buildTeamMessage } from './team-message';
import { resolveWebhookTarget, type WebhookTarget } from './webhook-target';

/** What the use case needs from the outside world. */
export interface NotifyTeamDependencies {
  readonly urls: WebhookUrlSource;
  readonly webhook: WebhookClient;
}

/**
 * The current webhook target. An unusable value may be a cached copy from before the operator set
 * the secret, so it is read once more from the store before the step gives up: a fixed secret
 * takes effect on the next signup, not when the cache expires.
 */
async function currentTarget(urls: WebhookUrlSource): Promise<WebhookTarget> {
  try {
    return resolveWebhookTarget(await urls.read());
  } catch (error) {
    if (!(error instanceof WebhookNotConfiguredError)) throw error;
    return resolveWebhookTarget(await urls.read({ fresh: true }));
  }
}

/**
 * Tells the team about one onboarded user. Not idempotent by itself: the handler wraps it so that a
 * retried step does not post twice.
 */
export async function notifyTeam(input: NotifyTeamInputV1, { urls, webhook }: NotifyTeamDependencies): Promise<NotifyTeamOutputV1> {
  const target = await currentTarget(urls);
  await webhook.post(target.url, buildTeamMessage(target.channel, input));
  return { signupId: input.signupId, tenantId: input.tenantId, delivered: true, channel: target.channel };
}
