/**
 * `npm run cost:measure`: runs an onboarding for real against the local cloud (every function's
 * bundle in fresh Node.js processes, every AWS request counted on the wire) and writes what each
 * function asks of AWS to tools/cost-model/profile/functions.json. Run `npm run synth` first.
 *
 * Usage: npm run cost:measure -- [--repeat 3] [--out <file>]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureProfile } from '../src/measure/measure-profile';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log('Usage: npm run cost:measure -- [--repeat <n fresh-process rounds, default 3>] [--out <file, default tools/cost-model/profile/functions.json>]');
    return;
  }
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a whole number of at least 1, not ${values.repeat}`);
  const workspaceRoot = resolve(__dirname, '../../..');
  const out = values.out ? resolve(values.out) : join(__dirname, '../profile/functions.json');
  const profile = await measureProfile({ workspaceRoot, repeat, onProgress: (line) => console.log(line) });
  writeFileSync(out, `${JSON.stringify(profile, null, 2)}\n`);
  console.log(`Wrote ${out}: ${Object.keys(profile.functions).length} functions, ${profile.scenarios.length} paths run.`);
}

main().catch((error: Error) => {
  console.error(`cost:measure: ${error.message}`);
  process.exitCode = 1;
});
