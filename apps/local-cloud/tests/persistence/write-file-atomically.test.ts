/**
 * The endpoints file is renamed into place: whoever polls for it reads all of it or nothing.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from '../../src/persistence/write-file-atomically';

describe('writeFileAtomically', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lc-atomic-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces the file with the whole new text and leaves no temporary file behind', async () => {
    const file = join(dir, 'endpoints.json');
    await writeFile(file, '{"old": true}\n');

    await writeFileAtomically(file, '{"api": "http://127.0.0.1:4701"}\n');

    expect(await readFile(file, 'utf8')).toBe('{"api": "http://127.0.0.1:4701"}\n');
    expect(await readdir(dir)).toEqual(['endpoints.json']);
  });

  it('never lets a reader see a partly written file, however often it looks', async () => {
    const file = join(dir, 'endpoints.json');
    const big = (n: number) => `${JSON.stringify({ n, pad: 'x'.repeat(1 << 20) })}\n`;
    await writeFileAtomically(file, big(0));
    let writing = true;
    const reads: string[] = [];
    const reader = (async () => {
      while (writing) reads.push(await readFile(file, 'utf8'));
    })();

    for (let n = 1; n <= 20; n++) await writeFileAtomically(file, big(n));
    writing = false;
    await reader;

    expect(reads.length).toBeGreaterThan(0);
    for (const text of reads) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('fails with the error, leaves the file as it was and removes its temporary file when the rename cannot happen', async () => {
    const target = join(dir, 'a-directory');
    await writeFile(join(dir, 'keep.json'), 'kept\n');
    await mkdir(join(target, 'inside'), { recursive: true });

    await expect(writeFileAtomically(target, 'new\n')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });

    expect((await readdir(dir)).sort()).toEqual(['a-directory', 'keep.json']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});
