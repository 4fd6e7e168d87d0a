/**
 * Decides whether a stored webhook URL is usable and which kind of channel it is. Pure, so the rule
 * ("https only, except plain http to this machine for the local cloud") lives in one tested place.
 */
import { WebhookNotConfiguredError } from './errors';

/** The kinds of channel the notifier speaks: Slack incoming webhooks, or any JSON webhook. */
export type WebhookChannel = 'slack' | 'webhook';

/** A usable webhook. */
export interface WebhookTarget {
  readonly url: string;
  readonly channel: WebhookChannel;
}

/** Hosts that may be reached over plain http: the local cloud's webhook sink runs on loopback. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The host of Slack incoming webhooks. */
const SLACK_WEBHOOK_HOST = 'hooks.slack.com';

/** Words people leave in a URL they mean to replace later. */
const PLACEHOLDER = /replace|placeholder|change[-_]?me|[<>{}]/i;

/**
 * The URL in a stored value: the value itself, or the `url` field of a JSON object (what the
 * Secrets Manager console's key/value editor writes).
 */
function urlIn(value: string): string {
  if (!value.startsWith('{')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    const url = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['url'] : undefined;
    return typeof url === 'string' ? url.trim() : '';
  } catch {
    return '';
  }
}

/**
 * Turns the stored value into a webhook target.
 * @throws WebhookNotConfiguredError when the value is missing, a placeholder, not a URL, or not https
 */
export function resolveWebhookTarget(storedValue: string | undefined): WebhookTarget {
  const value = urlIn(storedValue?.trim() ?? '');
  if (!value) throw new WebhookNotConfiguredError('The webhook URL secret has no value: set it to the webhook URL');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WebhookNotConfiguredError('The webhook URL secret does not hold a URL (still the placeholder?): set it to the webhook URL');
  }
  if (PLACEHOLDER.test(value)) {
    throw new WebhookNotConfiguredError('The webhook URL secret still holds a placeholder: set it to the webhook URL');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new WebhookNotConfiguredError('The webhook URL must use https (plain http is allowed only to localhost or 127.0.0.1)');
  }
  return { url: url.toString(), channel: url.hostname === SLACK_WEBHOOK_HOST ? 'slack' : 'webhook' };
}
