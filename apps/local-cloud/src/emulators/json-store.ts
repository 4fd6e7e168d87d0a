/**
 * A small JSON document kept in memory and, with a data directory, written to disk after each
 * change (coalesced, written to a temp file then renamed, so a crash never leaves half a file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../persistence/write-file-atomically';

export class JsonStore<T> {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly data: T,
    private readonly file?: string,
  ) {}

  /** Loads the document from `file` if it exists (boot time only), else starts from `initial`. */
  static open<T>(file: string | undefined, initial: T): JsonStore<T> {
    if (file && existsSync(file)) return new JsonStore(JSON.parse(readFileSync(file, 'utf8')) as T, file);
    return new JsonStore(initial, file);
  }

  /** Schedules a write of the current document; resolves when it is on disk. */
  save(): Promise<void> {
    if (!this.file) return Promise.resolve();
    this.dirty = true;
    const file = this.file;
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomically(file, JSON.stringify(this.data, null, 1));
    });
    return this.writing;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.writing;
  }
}
