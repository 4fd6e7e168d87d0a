/**
 * The {@link WebhookClient} port implemented with the global `fetch`. Each call has a deadline
 * (`AbortSignal.timeout`) so a hanging webhook cannot eat the function's whole time-out, and
 * redirects are not followed: a webhook that redirects is misconfigured, and following it would
 * send the message somewhere nobody chose.
 */
import { WebhookRejectedError, WebhookUnavailableError } from '../domain/errors';
import type { WebhookClient } from '../ports/webhook-client';

/** Options of {@link FetchWebhookClient}. */
export interface FetchWebhookClientOptions {
  /** The deadline of one call (connect, send, answer), in milliseconds. */
  readonly timeoutMs: number;
}

/** Short, token-like bodies (Slack answers `no_service`, `invalid_payload`, ...) are worth quoting; anything else is not. */
const QUOTABLE_BODY = /^[\w .:-]{1,80}$/;

// Errors are inspected by shape, not with instanceof: fetch's errors may come from another realm
// (a DOMException, or an Error of the realm undici runs in), where instanceof Error is false.
interface FetchFailure {
  name?: unknown;
  cause?: { code?: unknown };
}

function isTimeout(error: unknown): boolean {
  const name = (error as FetchFailure | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The error code of a network failure (`ECONNREFUSED`, ...), without its message: that can name the host. */
function networkCode(error: unknown): string {
  const code = (error as FetchFailure | null)?.cause?.code;
  return typeof code === 'string' ? code : 'network error';
}

async function quotableBody(response: Response): Promise<string> {
  try {
    const text = (await response.text()).trim();
    return QUOTABLE_BODY.test(text) ? `: ${text}` : '';
  } catch {
    return '';
  }
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Posts JSON to webhooks over HTTP(S). */
export class FetchWebhookClient implements WebhookClient {
  constructor(private readonly options: FetchWebhookClientOptions) {}

  async post(url: string, body: unknown): Promise<void> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) {
        throw new WebhookUnavailableError(`The webhook did not answer within ${this.options.timeoutMs} ms`, undefined, { cause: error });
      }
      throw new WebhookUnavailableError(`The webhook could not be reached (${networkCode(error)})`, undefined, { cause: error });
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const detail = await quotableBody(response);
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = retryAfterSeconds(response);
      throw new WebhookUnavailableError(`The webhook answered ${response.status}${detail}`, response.status, retryAfter ? { retryAfterSeconds: retryAfter } : {});
    }
    throw new WebhookRejectedError(`The webhook refused the message with ${response.status}${detail}`, response.status);
  }
}
