/**
 * The Step Functions execution store for `--data-dir`: everything in memory, as the in-memory store,
 * plus an append-only journal (`<data-dir>/executions.jsonl`) replayed at boot.
 *
 * - `put` (an execution accepted, or its outcome) is durable before it resolves: StartExecution
 *   answers only after the execution is on disk, so an accepted start survives SIGKILL.
 * - History events are appended without a sync: they are rebuilt by re-running an interrupted
 *   execution (see recovery.ts), so losing the last few costs nothing.
 * - Executions still RUNNING when the journal was last written were interrupted; `interrupted()`
 *   lists them for recovery, which resets their history (`resetHistory`) and runs them again.
 */
import type { ExecutionRecord, ExecutionStore, HistoryEvent } from '../stepfunctions';
import { AppendJournal } from './append-journal';

type StoredRecord = Omit<ExecutionRecord, 'startDate' | 'stopDate'> & { startDate: string; stopDate?: string };
type StoredEvent = Omit<HistoryEvent, 'timestamp'> & { timestamp: string };

/** One line of the journal. */
type ExecutionJournalEntry = { k: 'put'; r: StoredRecord } | { k: 'ev'; a: string; e: StoredEvent } | { k: 'reset'; a: string };

function toStored(record: ExecutionRecord): StoredRecord {
  const { startDate, stopDate, ...rest } = record;
  return { ...rest, startDate: startDate.toISOString(), ...(stopDate ? { stopDate: stopDate.toISOString() } : {}) };
}

function fromStored(stored: StoredRecord): ExecutionRecord {
  return { ...stored, startDate: new Date(stored.startDate), ...(stored.stopDate ? { stopDate: new Date(stored.stopDate) } : {}) } as ExecutionRecord;
}

function eventToStored(event: HistoryEvent): StoredEvent {
  return { ...event, timestamp: event.timestamp.toISOString() } as StoredEvent;
}

function eventFromStored(stored: StoredEvent): HistoryEvent {
  return { ...stored, timestamp: new Date(stored.timestamp) } as HistoryEvent;
}

/** An {@link ExecutionStore} kept in a journal file. */
export class FileExecutionStore implements ExecutionStore {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly byStateMachine = new Map<string, Set<string>>();
  private readonly histories = new Map<string, HistoryEvent[]>();
  private interruptedAtOpen: ExecutionRecord[] = [];

  private constructor(private readonly journal: AppendJournal<ExecutionJournalEntry>) {}

  /** Opens the store, replaying its journal (and compacting it when most of it is superseded). */
  static async open(file: string): Promise<FileExecutionStore> {
    const { journal, contents } = await AppendJournal.open<ExecutionJournalEntry>(file);
    const store = new FileExecutionStore(journal);
    for (const entry of contents.records) store.apply(entry);
    store.interruptedAtOpen = [...store.executions.values()].filter((r) => r.status === 'RUNNING').map((r) => ({ ...r }));
    let live = store.executions.size;
    for (const events of store.histories.values()) live += events.length;
    if (contents.records.length > 1000 && contents.records.length > live * 1.5) await journal.rewrite(() => store.snapshot());
    return store;
  }

  /** Executions that were RUNNING when the journal was last written: interrupted by a stop or a crash. */
  interrupted(): ExecutionRecord[] {
    return this.interruptedAtOpen.map((r) => ({ ...r }));
  }

  async put(execution: ExecutionRecord): Promise<void> {
    this.setRecord({ ...execution });
    await this.journal.append({ k: 'put', r: toStored(execution) }, { durable: true });
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const record = this.executions.get(executionArn);
    return record ? { ...record } : undefined;
  }

  async list(stateMachineArn: string): Promise<ExecutionRecord[]> {
    const arns = this.byStateMachine.get(stateMachineArn) ?? new Set<string>();
    return [...arns].map((arn) => ({ ...(this.executions.get(arn) as ExecutionRecord) }));
  }

  async appendEvent(executionArn: string, event: HistoryEvent): Promise<void> {
    this.addEvent(executionArn, event);
    // Not awaited: the journal keeps the order, and a history event needs no acknowledgement (the
    // service appends one at a time, and waiting for each write would add up along an execution).
    // A failed write fails the journal, so the next accept (a durable put) is refused.
    this.journal.append({ k: 'ev', a: executionArn, e: eventToStored(event) }).catch(() => undefined);
  }

  async events(executionArn: string): Promise<HistoryEvent[]> {
    return (this.histories.get(executionArn) ?? []).slice();
  }

  /** Forgets the history of an execution that is about to run again from its input. */
  async resetHistory(executionArn: string): Promise<void> {
    this.histories.delete(executionArn);
    await this.journal.append({ k: 'reset', a: executionArn });
  }

  /** Waits for pending writes and closes the journal. */
  close(): Promise<void> {
    return this.journal.close();
  }

  private apply(entry: ExecutionJournalEntry): void {
    if (entry.k === 'put') this.setRecord(fromStored(entry.r));
    else if (entry.k === 'ev') this.addEvent(entry.a, eventFromStored(entry.e));
    else if (entry.k === 'reset') this.histories.delete(entry.a);
  }

  private setRecord(record: ExecutionRecord): void {
    this.executions.set(record.executionArn, record);
    let arns = this.byStateMachine.get(record.stateMachineArn);
    if (!arns) this.byStateMachine.set(record.stateMachineArn, (arns = new Set()));
    arns.add(record.executionArn);
  }

  private addEvent(executionArn: string, event: HistoryEvent): void {
    let history = this.histories.get(executionArn);
    if (!history) this.histories.set(executionArn, (history = []));
    history.push(event);
  }

  private snapshot(): ExecutionJournalEntry[] {
    const entries: ExecutionJournalEntry[] = [];
    for (const record of this.executions.values()) {
      entries.push({ k: 'put', r: toStored(record) });
      for (const event of this.histories.get(record.executionArn) ?? []) entries.push({ k: 'ev', a: record.executionArn, e: eventToStored(event) });
    }
    return entries;
  }
}
