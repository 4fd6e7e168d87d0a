/**
 * Writing a file that other processes read (`.local/endpoints.json`, the emulators' JSON stores):
 * the text goes to a temporary file beside it, which is then renamed over it. A rename within one directory is atomic
 * on POSIX file systems, so a reader sees no file, the old file or the whole new one, never a
 * half-written one (a plain writeFile truncates first and writes after).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `text` to `file` atomically. On failure the temporary file is removed and `file` is left
 * as it was.
 */
let writes = 0;

export async function writeFileAtomically(file: string, text: string): Promise<void> {
  // pid and a counter: two writes of one process never share a temporary file, even within one ms.
  const partial = `${file}.${process.pid}.${writes++}.tmp`;
  try {
    await writeFile(partial, text);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
