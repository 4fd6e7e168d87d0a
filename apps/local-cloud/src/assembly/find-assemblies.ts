/**
 * Finds the cloud assembly of every app (`apps/<app>/cdk.out`) and, when one is missing or when
 * asked, synthesizes them with `nx run-many -t synth` (cached by Nx, so it is quick when nothing
 * changed), streaming Nx's progress lines to the caller.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SynthError } from './errors';

/** One app's cloud assembly directory. */
export interface AssemblyLocation {
  app: string;
  dir: string;
}

/** The apps that synthesize (have a `cdk.json`), split by whether their `cdk.out` exists. */
export async function findAssemblies(workspaceRoot: string): Promise<{ found: AssemblyLocation[]; missing: string[] }> {
  const appsDir = join(workspaceRoot, 'apps');
  const entries = existsSync(appsDir) ? await readdir(appsDir, { withFileTypes: true }) : [];
  const found: AssemblyLocation[] = [];
  const missing: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const appDir = join(appsDir, entry.name);
    const dir = join(appDir, 'cdk.out');
    if (existsSync(join(dir, 'manifest.json'))) found.push({ app: entry.name, dir });
    else if (existsSync(join(appDir, 'cdk.json'))) missing.push(entry.name);
  }
  return { found, missing };
}

/**
 * Runs `npx nx run-many -t synth --outputStyle=static` in the workspace, reporting each output line.
 * @throws SynthError with the tail of the output when synthesis fails
 */
export function synthesizeAll(workspaceRoot: string, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['nx', 'run-many', '-t', 'synth', '--outputStyle=static'], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const trimmed = line.trimEnd();
        if (!trimmed) continue;
        tail.push(trimmed);
        if (tail.length > 40) tail.shift();
        onLine(trimmed);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (cause) => reject(new SynthError(`Could not run nx synth: ${cause.message}`, { cause })));
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new SynthError(`nx run-many -t synth failed (exit code ${code}):\n${tail.join('\n')}`));
    });
  });
}
