/**
 * `npm run contracts:snapshot -- <name>/v<N> ...` (or `--all`): writes the JSON Schema snapshot of
 * new contract versions and accepts compatible changes into existing ones. Refuses, and writes
 * nothing for, a contract with a breaking change: that is a new version. Commit what it writes.
 * Usage: snapshot-contracts.ts (<name>/v<N>... | --all) [--root <dir>]
 */
import { join, resolve } from 'node:path';
import { snapshotContracts } from '../src/contracts/gate';

const args = process.argv.slice(2);
const rootFlag = args.indexOf('--root');
const root = rootFlag >= 0 && args[rootFlag + 1] ? resolve(args[rootFlag + 1] as string) : join(__dirname, '../../..');
const refs = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--root');
if (refs.length === 0 && !args.includes('--all')) {
  console.error('Name the contract versions to snapshot (e.g. npm run contracts:snapshot -- user-signup/v1), or --all.');
  process.exit(2);
}
const result = snapshotContracts(root, refs);
(result.refused.length === 0 ? console.log : console.error)(result.report);
process.exitCode = result.refused.length === 0 ? 0 : 1;
