/**
 * With `--data-dir`, what the onboarding sent to the outside world survives a restart, like the
 * tables and objects do: the mail in the SES v2 emulator's store (`<data-dir>/ses-emails.jsonl`) and
 * the requests the webhook sink received (`<data-dir>/webhook-requests.jsonl`). Without this, a
 * restart would forget a welcome email that the email service's idempotency record says was sent,
 * and "exactly one email per signup" could not be checked across a crash.
 *
 * aws-ses-v2-local keeps its mail in a module-level store with no persistence of its own; each mail
 * it stores is appended to the journal as it is pushed (in order, before the SendEmail answer
 * leaves), and the journal is loaded back into the store at boot.
 */
import { getStoreReadonly, type Email } from 'aws-ses-v2-local/dist/store';
import type { ReceivedWebhook } from '../emulators/webhook-sink';
import { AppendJournal } from './append-journal';

/** A journal that records what an emulator received. */
export interface SinkJournal {
  close(): Promise<void>;
}

/**
 * Loads the mail kept in `file` into the SES emulator's store and records every mail stored from
 * now on. `close()` stops recording (the store goes back to a plain list).
 */
export async function persistSentMail(file: string): Promise<SinkJournal> {
  const { journal, contents } = await AppendJournal.open<Email>(file);
  const store = getStoreReadonly();
  // The store is per process: a cloud started earlier in this process may have loaded these already.
  const known = new Set(store.emails.map((e) => e.messageId));
  for (const email of contents.records) if (!known.has(email.messageId)) store.emails.push(email);

  const recording = (emails: Email[]): Email[] => {
    const push = emails.push.bind(emails);
    emails.push = (...items: Email[]) => {
      for (const item of items) journal.append(item).catch(() => undefined);
      return push(...items);
    };
    return emails;
  };
  let current = recording(store.emails);
  // The emulator's POST /clear-store replaces the list: record the new one, and forget the old mail on disk too.
  Object.defineProperty(store, 'emails', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (emails: Email[]) => {
      current = recording(emails);
      void journal.rewrite(() => [...emails]).catch(() => undefined);
    },
  });

  return {
    close: async () => {
      const plain = [...current];
      Object.defineProperty(store, 'emails', { configurable: true, enumerable: true, writable: true, value: plain });
      await journal.close();
    },
  };
}

/**
 * Opens the webhook sink's journal: `restored` is what the sink had received before (give it to the
 * sink at boot); `received` records a request, `cleared` forgets them all.
 */
export async function openWebhookJournal(file: string): Promise<SinkJournal & { restored: ReceivedWebhook[]; received(request: ReceivedWebhook): void; cleared(): void }> {
  const { journal, contents } = await AppendJournal.open<ReceivedWebhook>(file);
  return {
    restored: contents.records,
    received: (request) => void journal.append(request).catch(() => undefined),
    cleared: () => void journal.rewrite(() => []).catch(() => undefined),
    close: () => journal.close(),
  };
}
