/**
 * Crash-safe persistence of an engine in a data directory: a snapshot of the whole state plus a
 * journal of what was committed since, both JSON lines.
 *
 * - A commit is one journal line, written with one write(2) before the change is applied or
 *   answered: an accepted write survives the process being killed (kill -9) at any point, and a
 *   transaction is all in the journal or not at all. A power cut can lose what the kernel had not
 *   flushed yet (the journal is not fsynced per write; that would cost a disk flush per request).
 * - Opening replays the newest snapshot and its journal; a torn last line (a write cut short by
 *   a kill) was never acknowledged and is dropped.
 * - Compaction writes a new snapshot generation (temporary file, fsync, rename, fsync of the
 *   directory), starts its empty journal, then removes the previous generation; a crash at any
 *   step leaves one complete generation to open.
 *
 * Files: `snapshot-<n>.jsonl` (one record per line) and `journal-<n>.jsonl` (one JSON array of
 * records per line), generation `<n>` counting up.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDbEngine, Journal, JournalRecord } from './engine';

/** What opening a data directory found. */
export interface DataDirectoryReport {
  generation: number;
  snapshotRecords: number;
  journalCommits: number;
  /** Bytes of a torn last journal line that were dropped (a write that was never acknowledged). */
  tornBytes: number;
}

/** Compact when the journal has grown past this many bytes (and past the last snapshot's size). */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

export class DataDirectory implements Journal {
  private fd: number;
  private journalBytes: number;
  private snapshotBytes = 0;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly engine: DynamoDbEngine,
    private generation: number,
    readonly report: DataDirectoryReport,
  ) {
    this.fd = openSync(this.journalFile(generation), 'a');
    this.journalBytes = statSync(this.journalFile(generation)).size;
  }

  /** Loads a data directory (created when missing) into an empty engine and journals its commits from then on. */
  static open(dir: string, engine: DynamoDbEngine): DataDirectory {
    mkdirSync(dir, { recursive: true });
    const generations = readdirSync(dir)
      .map((f) => /^snapshot-(\d+)\.jsonl$/.exec(f)?.[1])
      .filter((g): g is string => g !== undefined)
      .map(Number);
    const journals = readdirSync(dir)
      .map((f) => /^journal-(\d+)\.jsonl$/.exec(f)?.[1])
      .filter((g): g is string => g !== undefined)
      .map(Number);
    // The newest complete generation: its snapshot is renamed into place only once whole (generation 0 has none).
    const generation = generations.length > 0 ? Math.max(...generations) : 0;
    let snapshotRecords = 0;
    const snapshot = join(dir, `snapshot-${generation}.jsonl`);
    let snapshotBytes = 0;
    if (existsSync(snapshot)) {
      const text = readFileSync(snapshot, 'utf8');
      snapshotBytes = Buffer.byteLength(text);
      for (const line of text.split('\n')) {
        if (line === '') continue;
        engine.replay(JSON.parse(line) as JournalRecord);
        snapshotRecords++;
      }
    }
    const journal = join(dir, `journal-${generation}.jsonl`);
    let journalCommits = 0;
    let tornBytes = 0;
    if (existsSync(journal)) {
      const text = readFileSync(journal, 'utf8');
      const end = text.lastIndexOf('\n') + 1;
      const lines = text.slice(0, end).split('\n');
      tornBytes = Buffer.byteLength(text.slice(end));
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string;
        if (line === '') continue;
        let records: JournalRecord[];
        try {
          records = JSON.parse(line) as JournalRecord[];
        } catch (error) {
          throw new Error(`The DynamoDB journal ${journal} is damaged at line ${i + 1}: ${(error as Error).message}`, { cause: error });
        }
        for (const record of records) engine.replay(record);
        journalCommits++;
      }
      if (tornBytes > 0) truncateSync(journal, Buffer.byteLength(text) - tornBytes);
    }
    // Older generations are left over from a compaction that stopped before cleaning up.
    for (const g of [...generations, ...journals]) if (g < generation) removeGeneration(dir, g);
    const directory = new DataDirectory(dir, engine, generation, { generation, snapshotRecords, journalCommits, tornBytes });
    directory.snapshotBytes = snapshotBytes;
    engine.journal = directory;
    return directory;
  }

  private journalFile(generation: number): string {
    return join(this.dir, `journal-${generation}.jsonl`);
  }

  /** Appends one commit; throws when the file cannot be written (the engine then changes nothing). */
  write(records: JournalRecord[]): void {
    if (this.closed) throw new Error(`The data directory ${this.dir} is closed`);
    const line = Buffer.from(`${JSON.stringify(records)}\n`);
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written);
    this.journalBytes += line.length;
    if (this.journalBytes > COMPACT_AFTER_BYTES && this.journalBytes > this.snapshotBytes) this.compact();
  }

  /** Writes a new snapshot generation of the whole state and starts its journal. */
  compact(): void {
    const next = this.generation + 1;
    const temp = join(this.dir, `.snapshot-${next}.jsonl.tmp`);
    const fd = openSync(temp, 'w');
    let bytes = 0;
    try {
      let chunk: string[] = [];
      const flush = () => {
        if (chunk.length === 0) return;
        const buffer = Buffer.from(chunk.join(''));
        let written = 0;
        while (written < buffer.length) written += writeSync(fd, buffer, written);
        bytes += buffer.length;
        chunk = [];
      };
      for (const record of this.engine.snapshot()) {
        chunk.push(`${JSON.stringify(record)}\n`);
        if (chunk.length >= 1000) flush();
      }
      flush();
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, join(this.dir, `snapshot-${next}.jsonl`));
    syncDirectory(this.dir);
    const previous = this.generation;
    closeSync(this.fd);
    this.generation = next;
    this.fd = openSync(this.journalFile(next), 'a');
    this.journalBytes = 0;
    this.snapshotBytes = bytes;
    removeGeneration(this.dir, previous);
  }

  /** Compacts (so the next start reads one snapshot) and closes the journal. */
  close(): void {
    if (this.closed) return;
    this.compact();
    closeSync(this.fd);
    this.closed = true;
    if (this.engine.journal === this) this.engine.journal = undefined;
  }
}

function removeGeneration(dir: string, generation: number): void {
  rmSync(join(dir, `snapshot-${generation}.jsonl`), { force: true });
  rmSync(join(dir, `journal-${generation}.jsonl`), { force: true });
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is then as durable as they make it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
