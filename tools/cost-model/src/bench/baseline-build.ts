/**
 * The cloud assemblies of another git ref, built as cheaply as possible: a temporary detached
 * `git worktree` of the ref, the current checkout's `node_modules` lent to it when the ref's
 * lockfile asks for no third-party package version the current one lacks (its own workspace
 * packages linked to its own sources), `npm ci` otherwise, then its own `nx run-many -t synth`
 * (Nx's machine-wide cache makes a second run of the same ref instant). Removed again by
 * `dispose()`, worktree registration included.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The ref cannot be built. */
export class BaselineBuildError extends Error {
  override readonly name = 'BaselineBuildError';
}

/** A built baseline. */
export interface BaselineBuild {
  ref: string;
  sha: string;
  /** The worktree's `apps` folder (each app's `cdk.out` synthesized). */
  appsDir: string;
  /** A folder with one subfolder per app, each the app's cloud assembly (for `npm start -- --assemblies-dir`). */
  assembliesDir: string;
  /** How node_modules was provided: `linked` (the current one lent) or `installed` (npm ci). */
  dependencies: 'linked' | 'installed';
  dispose(): Promise<void>;
}

interface LockPackage {
  version?: string;
  link?: boolean;
  resolved?: string;
}

/** The lockfile's third-party packages (`node_modules/...` entries that are not workspace links) with their versions. */
export function thirdPartyPackages(lockText: string): Map<string, string> {
  const lock = JSON.parse(lockText) as { packages?: Record<string, LockPackage> };
  const out = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || entry.link) continue;
    out.set(path, entry.version ?? '');
  }
  return out;
}

/** The packages the baseline's lockfile wants in a version the current one does not have (none: its node_modules can be lent). */
export function missingFromCurrent(baselineLock: string, currentLock: string): string[] {
  const current = thirdPartyPackages(currentLock);
  return [...thirdPartyPackages(baselineLock)].filter(([path, version]) => current.get(path) !== version).map(([path, version]) => `${path.slice('node_modules/'.length)}@${version}`);
}

function execStep(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => reject(new BaselineBuildError(`${command} ${args.join(' ')}: ${error.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BaselineBuildError(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output.trim()}`))));
  });
}

/** Lends the current node_modules to the worktree, with the worktree's own workspace packages linked to its sources. */
function lendNodeModules(currentRoot: string, worktree: string, baselineLock: string): void {
  const target = join(worktree, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(join(currentRoot, 'node_modules'))) {
    if (entry === '@onboarding' || entry === '.package-lock.json') continue;
    symlinkSync(join(currentRoot, 'node_modules', entry), join(target, entry));
  }
  const lock = JSON.parse(baselineLock) as { packages?: Record<string, LockPackage> };
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || !entry.link || !entry.resolved) continue;
    const link = join(worktree, path);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(worktree, entry.resolved)), link);
  }
}

/** Options of {@link buildBaseline}. */
export interface BuildBaselineOptions {
  /** The current checkout (its git repository, its node_modules). */
  currentRoot: string;
  ref: string;
  onProgress?: (line: string) => void;
}

/** Checks the ref out in a temporary worktree and synthesizes its apps. */
export async function buildBaseline(options: BuildBaselineOptions): Promise<BaselineBuild> {
  const progress = options.onProgress ?? (() => undefined);
  let sha: string;
  try {
    sha = (await run('git', ['rev-parse', '--verify', `${options.ref}^{commit}`], { cwd: options.currentRoot })).stdout.trim();
  } catch {
    throw new BaselineBuildError(`--baseline ${options.ref}: not a commit of this repository`);
  }
  const base = mkdtempSync(join(tmpdir(), 'cold-start-baseline-'));
  const worktree = join(base, 'checkout');
  const assembliesDir = join(base, 'assemblies');
  let registered = false;
  const dispose = async () => {
    if (registered) {
      await run('git', ['worktree', 'remove', '--force', worktree], { cwd: options.currentRoot }).catch(() => undefined);
      await run('git', ['worktree', 'prune'], { cwd: options.currentRoot }).catch(() => undefined);
      registered = false;
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    progress(`Baseline ${options.ref} (${sha.slice(0, 10)}): temporary worktree...`);
    await run('git', ['worktree', 'add', '--detach', worktree, sha], { cwd: options.currentRoot });
    registered = true;
    const baselineLock = readFileSync(join(worktree, 'package-lock.json'), 'utf8');
    const missing = missingFromCurrent(baselineLock, readFileSync(join(options.currentRoot, 'package-lock.json'), 'utf8'));
    let dependencies: BaselineBuild['dependencies'];
    if (missing.length === 0) {
      progress('  its lockfile needs nothing the current node_modules lacks: lending it');
      lendNodeModules(options.currentRoot, worktree, baselineLock);
      dependencies = 'linked';
    } else {
      progress(`  its lockfile wants ${missing.length} package version(s) the current one does not have (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}): npm ci`);
      await execStep('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], worktree);
      dependencies = 'installed';
    }
    progress('  synthesizing its apps (nx run-many -t synth)...');
    await execStep('npx', ['nx', 'run-many', '-t', 'synth', '--outputStyle=static'], worktree, { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' });
    mkdirSync(assembliesDir);
    const appsDir = join(worktree, 'apps');
    for (const app of readdirSync(appsDir)) {
      const out = join(appsDir, app, 'cdk.out');
      if (!existsSync(join(out, 'manifest.json'))) continue;
      // A real folder per app (the local cloud looks for folders), its entries linked to the assembly's.
      mkdirSync(join(assembliesDir, app));
      for (const entry of readdirSync(out)) symlinkSync(join(out, entry), join(assembliesDir, app, entry));
    }
    return { ref: options.ref, sha, appsDir, assembliesDir, dependencies, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
