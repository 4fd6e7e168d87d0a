/**
 * Crash safety of the local cloud with `--data-dir <dir>`: the files it keeps there besides the
 * emulators' own data (dynalite's `dynamodb/`, s3rver's `s3/`, secrets, parameters, dead letters):
 *
 * | file | what |
 * | --- | --- |
 * | `executions.jsonl` | Step Functions executions and histories (file-execution-store.ts) |
 * | `accepted-work.jsonl` | bus deliveries and asynchronous invocations still owed (work-journal.ts) |
 * | `ses-emails.jsonl` | mail the SES v2 emulator stored (durable-sinks.ts) |
 * | `webhook-requests.jsonl` | requests the webhook sink received (durable-sinks.ts) |
 *
 * `openPersistence` opens them all at boot; `recover` (recovery.ts) then resumes what was owed.
 */
import { join } from 'node:path';
import { openWebhookJournal, persistSentMail, type SinkJournal } from './durable-sinks';
import { FileExecutionStore } from './file-execution-store';
import { WorkJournal } from './work-journal';

export { AppendJournal, readJournal } from './append-journal';
export { FileExecutionStore } from './file-execution-store';
export { WorkJournal, type OwedEvent, type OwedInvocation } from './work-journal';
export { recover, describeRecovery, type RecoveryReport } from './recovery';

/** The journals of one data directory. */
export interface Persistence {
  executions: FileExecutionStore;
  work: WorkJournal;
  webhook: Awaited<ReturnType<typeof openWebhookJournal>>;
  /** Starts keeping the SES emulator's mail (call once the emulator runs). */
  keepSentMail(): Promise<void>;
  /** Writes what is pending and closes every journal. */
  close(): Promise<void>;
}

/** Opens the journals of `dataDir`. */
export async function openPersistence(dataDir: string, options: { deadLettersSaved: () => Promise<void> }): Promise<Persistence> {
  const [executions, work, webhook] = await Promise.all([
    FileExecutionStore.open(join(dataDir, 'executions.jsonl')),
    WorkJournal.open(join(dataDir, 'accepted-work.jsonl'), { deadLettersSaved: options.deadLettersSaved }),
    openWebhookJournal(join(dataDir, 'webhook-requests.jsonl')),
  ]);
  let mail: SinkJournal | undefined;
  return {
    executions,
    work,
    webhook,
    keepSentMail: async () => {
      mail ??= await persistSentMail(join(dataDir, 'ses-emails.jsonl'));
    },
    close: async () => {
      await Promise.all([executions.close(), work.close(), webhook.close(), mail?.close()]);
    },
  };
}
