/** Where the webhook URL comes from at run time (a secret store); never an environment variable. */

/** Reads the stored webhook URL. */
export interface WebhookUrlSource {
  /**
   * The stored value, or undefined when the store has none. Values may be cached for a few
   * minutes; `fresh` bypasses the cache.
   * @throws WebhookNotConfiguredError when the store refuses to give the value (missing permission, key)
   * @throws WebhookUnavailableError when the store cannot answer now
   */
  read(options?: { fresh?: boolean }): Promise<string | undefined>;
}
