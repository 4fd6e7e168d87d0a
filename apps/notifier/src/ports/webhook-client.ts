/** Delivers a JSON message to a webhook; `adapters/fetch-webhook-client.ts` implements it over HTTPS. */

/** Posts JSON to a webhook. */
export interface WebhookClient {
  /**
   * Posts `body` as JSON to `url` and resolves when the webhook accepted it (2xx).
   * @throws WebhookUnavailableError on 429, 5xx, a time-out or a network failure (retryable)
   * @throws WebhookRejectedError on any other refusal
   */
  post(url: string, body: unknown): Promise<void>;
}
