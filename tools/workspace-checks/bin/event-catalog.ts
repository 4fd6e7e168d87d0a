/**
 * `npm run catalog`: writes the event catalog (docs/event-catalog/) from the contract projects and
 * the apps' contracts.json. Commit what it writes; a workspace check fails when the committed
 * catalog is not what the contracts generate. `--check` only compares, and exits 1 when stale.
 * Usage: event-catalog.ts [--check] [--root <dir>]
 */
import { readWorkspaceManifests } from '@onboarding/tools';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCatalog, CATALOG_DIR, catalogFiles } from '../src/contracts/catalog';
import { loadContracts } from '../src/contracts/load-contracts';

const args = process.argv.slice(2);
const rootFlag = args.indexOf('--root');
const root = rootFlag >= 0 && args[rootFlag + 1] ? resolve(args[rootFlag + 1] as string) : join(__dirname, '../../..');
const files = catalogFiles(buildCatalog(loadContracts(root), readWorkspaceManifests(root)));
const dir = join(root, CATALOG_DIR);
const stale = Object.entries(files).filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), 'utf8') !== text);
if (args.includes('--check')) {
  for (const [name] of stale) console.error(`${CATALOG_DIR}/${name} is not what the contracts generate: run npm run catalog and commit it`);
  process.exitCode = stale.length > 0 ? 1 : 0;
} else {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of stale) {
    writeFileSync(join(dir, name), text);
    console.log(`wrote ${CATALOG_DIR}/${name}`);
  }
  if (stale.length === 0) console.log(`${CATALOG_DIR} is up to date`);
}
