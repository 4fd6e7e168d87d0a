/**
 * What the replay command has already done, so that running it twice does not do it twice: the
 * signups whose missed team notification was re-sent. The notifier is idempotent for a day anyway;
 * the ledger keeps a replay from re-sending after that. Kept in `<data-dir>/replays.json` with
 * `--data-dir`, in memory otherwise.
 */
import { JsonStore } from '../emulators/json-store';

/** One re-sent notification. */
export interface ReplayedNotification {
  signupId: string;
  tenantId: string;
  executionArn: string;
  at: string;
}

interface LedgerDocument {
  notifications: Record<string, ReplayedNotification>;
}

export class ReplayLedger {
  private readonly store: JsonStore<LedgerDocument>;

  constructor(file?: string) {
    this.store = JsonStore.open<LedgerDocument>(file, { notifications: {} });
  }

  /** The replayed notification of a signup, if there was one. */
  notification(signupId: string): ReplayedNotification | undefined {
    return this.store.data.notifications[signupId];
  }

  /** Records a re-sent notification; resolves once it is kept. */
  recordNotification(entry: ReplayedNotification): Promise<void> {
    this.store.data.notifications[entry.signupId] = entry;
    return this.store.save();
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
