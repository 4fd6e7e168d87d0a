/**
 * `npm run check:contracts`: the compatibility gate over every contract version. Exits 1 (and
 * prints what to do) when a contract breaks its snapshot, differs from it compatibly without the
 * snapshot being updated, or does not follow the layout. Usage: check-contracts.ts [--root <dir>]
 */
import { join, resolve } from 'node:path';
import { checkContracts } from '../src/contracts/gate';

const rootFlag = process.argv.indexOf('--root');
const root = rootFlag >= 0 && process.argv[rootFlag + 1] ? resolve(process.argv[rootFlag + 1] as string) : join(__dirname, '../../..');
const result = checkContracts(root);
(result.ok ? console.log : console.error)(result.report);
process.exitCode = result.ok ? 0 : 1;
