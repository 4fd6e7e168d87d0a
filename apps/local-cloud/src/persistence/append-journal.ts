/**
 * An append-only journal of JSON records, one per line, for the local cloud's crash safety.
 *
 * - Order: records reach the file in the order `append` was called, so a crash loses a suffix of
 *   the journal, never a record in the middle. Callers rely on that: a "delivered" record written
 *   after the work it settles is never on disk without that work.
 * - Durability: `append(record, { durable: true })` resolves once the record is on disk
 *   (`fdatasync`); that is the accept path (a 202 goes out only after it). Other appends resolve
 *   once written to the file (in the kernel: they survive the process being killed, not a power cut).
 * - Group commit: every append waiting while a write is in flight goes out in the next single
 *   write and `fdatasync`, so hundreds of accepts per second cost a few syncs, not hundreds.
 * - Torn tails: a process killed in the middle of a write can leave half a line at the end; opening
 *   the journal cuts it off (it was never acknowledged) before anything is appended after it.
 */
import { mkdir, open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

interface Pending {
  line: string;
  durable: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What {@link AppendJournal.open} found in the file. */
export interface JournalContents<T> {
  records: T[];
  /** Bytes of a torn last line that were cut off (0 when the file ended cleanly). */
  tornBytes: number;
}

/** Reads every complete record of a journal file (none when it does not exist). */
export async function readJournal<T>(file: string): Promise<JournalContents<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0 };
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  const records: T[] = [];
  const lines = text.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length === 0) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch (error) {
      throw new Error(`Journal ${file} is damaged at line ${i + 1}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { records, tornBytes: Buffer.byteLength(text.slice(end)) };
}

/** An open journal file, appended to in order. */
export class AppendJournal<T> {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;
  private failure: unknown;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
  ) {}

  /**
   * Opens (creating it when needed) a journal and returns it with the records already in it.
   * A torn last line is cut off first.
   */
  static async open<T>(file: string): Promise<{ journal: AppendJournal<T>; contents: JournalContents<T> }> {
    await mkdir(dirname(file), { recursive: true });
    const contents = await readJournal<T>(file);
    if (contents.tornBytes > 0) {
      const handle = await open(file, 'r');
      const size = (await handle.stat()).size;
      await handle.close();
      await truncate(file, size - contents.tornBytes);
    }
    const handle = await open(file, 'a');
    return { journal: new AppendJournal<T>(file, handle), contents };
  }

  /** Appends one record; resolves once written (and synced to disk when `durable`). */
  append(record: T, options: { durable?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Journal ${this.file} is closed`));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(record)}\n`, durable: options.durable === true, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /**
   * Replaces the whole journal with a snapshot (compaction): `snapshot()` is taken once no write is
   * in flight, written to a temporary file, synced, renamed over the journal; then appends go on in
   * the new file. Appends made meanwhile wait and land after the snapshot, in order (an append
   * queued before the snapshot is in it and written once more after it: replaying a record twice
   * must be harmless for the journal's reader).
   */
  async rewrite(snapshot: () => T[]): Promise<void> {
    // Takes the writer's place in the same tick as the check, so no batch is written meanwhile.
    while (this.flushing) await new Promise<void>((resolve) => setImmediate(resolve));
    this.flushing = true;
    try {
      const temp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.tmp`);
      const records = snapshot();
      const handle = await open(temp, 'w');
      try {
        if (records.length > 0) await handle.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
      await syncDirectory(dirname(this.file));
      await this.handle.close();
      this.handle = await open(this.file, 'a');
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) void this.flush();
    }
  }

  /** Resolves when everything appended so far is written. */
  async idle(): Promise<void> {
    while (this.flushing || this.queue.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Writes what is queued, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.idle();
    this.closed = true;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.handle.write(batch.map((p) => p.line).join(''));
          if (batch.some((p) => p.durable)) await this.handle.datasync();
          for (const p of batch) p.resolve();
        } catch (error) {
          // A journal that cannot be written is not a journal: refuse every later append too, so no
          // accept path acknowledges work it could not record.
          this.failure = error;
          for (const p of [...batch, ...this.queue.splice(0)]) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/** Syncs a directory, so a rename in it survives a crash of the machine (best effort: not every platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is then as durable as they make it.
  } finally {
    await handle?.close();
  }
}
