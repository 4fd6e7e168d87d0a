/**
 * A scratch copy of part of the workspace, for the gate's tests: real contract folders and app
 * manifests copied into a folder under the repository's `tmp/` (so that `@onboarding/events` and
 * zod resolve as they do for the real contracts), then edited the way a team would edit a branch.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaceRoot } from './workspace-contracts';

/** A scratch workspace; `remove()` deletes it. */
export interface ScratchWorkspace {
  root: string;
  /** Replaces `from` with `to` in a file of the scratch workspace; throws when `from` is not there. */
  edit(file: string, from: string, to: string): void;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(): void;
}

/** Copies the given workspace-relative folders and files into a new scratch workspace. */
export function scratchWorkspace(paths: readonly string[]): ScratchWorkspace {
  const base = join(workspaceRoot, 'tmp');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, 'contract-gate-'));
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    cpSync(join(workspaceRoot, path), join(root, path), { recursive: true });
  }
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  return {
    root,
    read,
    write,
    edit(file, from, to) {
      const text = read(file);
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      write(file, text.replace(from, to));
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The contract folders and manifests the gate's scratch cases start from. */
export const GATE_FIXTURE_PATHS = [
  'libs/contracts/user-signup/v1',
  'libs/contracts/user-signup/v2',
  'libs/contracts/send-welcome-email/v1',
  'apps/signup-api/contracts.json',
  'apps/orchestration/contracts.json',
  'apps/email-service/contracts.json',
] as const;
