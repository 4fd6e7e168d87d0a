/** Finds the monorepo root (the folder with nx.json), where `.local/` and `apps/` are. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder above `from` with an nx.json. @throws Error when there is none */
export function findWorkspaceRoot(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${from}: pass workspaceRoot`);
    dir = parent;
  }
  return dir;
}
