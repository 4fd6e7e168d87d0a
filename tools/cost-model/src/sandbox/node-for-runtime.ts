/**
 * The Node.js binary of a Lambda runtime's major version (`nodejs24.x` → a Node 24): the
 * workspace's pinned one (`node_modules/.bin/node`, the `node` devDependency), the one running
 * this script, or the first `node` on PATH, whichever has that major.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** No Node.js of the runtime's major is installed. */
export class MissingNodeRuntimeError extends Error {
  override readonly name = 'MissingNodeRuntimeError';
}

/** The major version a Lambda runtime name stands for (`nodejs24.x` → 24). */
export function runtimeMajor(runtime: string): number {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new MissingNodeRuntimeError(`${runtime} is not a Node.js runtime`);
  return Number(match[1]);
}

function versionOf(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

const found = new Map<number, { binary: string; version: string }>();

/** The binary and its version for a runtime; throws {@link MissingNodeRuntimeError} naming what it tried. */
export function nodeForRuntime(runtime: string, workspaceRoot: string): { binary: string; version: string } {
  const major = runtimeMajor(runtime);
  const cached = found.get(major);
  if (cached) return cached;
  const candidates = [join(workspaceRoot, 'node_modules', '.bin', 'node'), process.execPath, 'node'];
  const tried: string[] = [];
  for (const binary of candidates) {
    if (binary.includes('/') && !existsSync(binary)) continue;
    const version = versionOf(binary);
    tried.push(`${binary} (${version ?? 'does not run'})`);
    if (version && Number(/^v(\d+)/.exec(version)?.[1]) === major) {
      const hit = { binary, version };
      found.set(major, hit);
      return hit;
    }
  }
  throw new MissingNodeRuntimeError(`${runtime} needs Node.js ${major}; none found (tried ${tried.join(', ')}). Pin it with the "node" devDependency (npm i -D node@${major}).`);
}
