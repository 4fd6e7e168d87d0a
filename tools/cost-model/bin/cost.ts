/**
 * `npm run cost`: what an onboarding costs on AWS per million onboardings, item by item, for a
 * Standard and an Express workflow, on the happy path and every failure path. Reads the
 * synthesized templates (run `npm run synth` first), the measured function profile and the price
 * file; starts nothing.
 *
 * Usage: npm run cost -- [--all] [--json] [--cold-start-rate 0.01] [--xray-sample-rate 0.05]
 *                        [--durations <file.json>] [--prices <file>] [--profile <file>] [--route "POST /signup"]
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStacks, readCostAssembly } from '../src/assembly/read-assemblies';
import { DEFAULT_ASSUMPTIONS } from '../src/cost/onboarding-cost';
import { priceAllPaths } from '../src/cost/price-all-paths';
import { readPriceBook } from '../src/cost/price-book';
import { renderReport } from '../src/cost/report';
import { readProfile } from '../src/profile/function-profile';

const USAGE = `Usage: npm run cost -- [options]

Prints what an onboarding costs on AWS per 1,000,000 onboardings, item by item, for a Standard and
an Express workflow, on the happy path and on every failure path of the state machine.

Options:
  --all                      print every path's lines, not only the happy path's
  --json                     the bills as JSON
  --cold-start-rate <0..1>   share of Lambda invocations that are cold starts (default ${DEFAULT_ASSUMPTIONS.coldStartRate})
  --xray-sample-rate <0..1>  share of onboardings X-Ray records (default ${DEFAULT_ASSUMPTIONS.xraySampleRate})
  --durations <file>         JSON {"<function name>": <warm ms>}: your measured durations (e.g. from
                             CloudWatch REPORT lines) instead of the local ones
  --prices <file>            price file (default tools/cost-model/prices/us-east-1.json)
  --profile <file>           function profile (default tools/cost-model/profile/functions.json)
  --route <"METHOD /path">   the HTTP route an onboarding starts with (default "POST /signup")
  --help                     show this help`;

function rate(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} must be a number from 0 to 1, not ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      'cold-start-rate': { type: 'string' },
      'xray-sample-rate': { type: 'string' },
      durations: { type: 'string' },
      prices: { type: 'string' },
      profile: { type: 'string' },
      route: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const root = resolve(__dirname, '../../..');
  const pricesFile = values.prices ? resolve(values.prices) : join(__dirname, '../prices/us-east-1.json');
  const profileFile = values.profile ? resolve(values.profile) : join(__dirname, '../profile/functions.json');
  const assumptions = {
    coldStartRate: rate(values['cold-start-rate'], '--cold-start-rate', DEFAULT_ASSUMPTIONS.coldStartRate),
    xraySampleRate: rate(values['xray-sample-rate'], '--xray-sample-rate', DEFAULT_ASSUMPTIONS.xraySampleRate),
  };
  let durations: Record<string, number> | undefined;
  if (values.durations) {
    durations = JSON.parse(readFileSync(resolve(values.durations), 'utf8')) as Record<string, number>;
    for (const [name, ms] of Object.entries(durations)) if (typeof ms !== 'number' || ms < 0) throw new Error(`--durations: ${name} must be a duration in ms, not ${JSON.stringify(ms)}`);
  }
  const stacks = loadStacks(join(root, 'apps'));
  if (stacks.length === 0) throw new Error('no cloud assemblies under apps/*/cdk.out: run `npm run synth` first');
  const assembly = readCostAssembly(stacks);
  const prices = readPriceBook(pricesFile);
  const profile = readProfile(profileFile);
  const { machine, bills } = await priceAllPaths({ assembly, profile, prices, assumptions, ...(values.route ? { entryRoute: values.route } : {}), ...(durations ? { durations } : {}) });
  if (values.json) {
    console.log(JSON.stringify({ prices: { file: relative(root, pricesFile), retrievedOn: prices.retrievedOn }, assumptions, stateMachine: `${machine.stackName}/${machine.name}`, bills: bills.map((b) => ({ standard: { ...b.standard, walk: undefined }, express: { ...b.express, walk: undefined } })) }, null, 2));
    return;
  }
  process.stdout.write(renderReport({ assembly, machine, profile, prices, pricesFile: relative(root, pricesFile), profileFile: relative(root, profileFile), assumptions, bills, allLines: values.all === true }));
}

main().catch((error: Error) => {
  console.error(`cost: ${error.message}`);
  process.exitCode = 1;
});
