/**
 * `npm run bench:cold-start`: how long each function takes to start, as deployed. Each function's
 * bundle is the one CDK built for its cloud assembly (`npm run synth` first, unless --no-synth);
 * for every run a fresh Node.js process of the runtime's major loads it (module load: the init of
 * a cold start) and then handles one first invocation whose AWS SDK calls go to the local cloud
 * (`npm start -- --port-base free`), with fresh ids so it is a real first invocation, not a replay.
 * Functions and builds alternate run by run, and each run waits until the local cloud has no
 * execution running, so background work does not land on one side only.
 *
 * With --baseline <git ref>, the same for that ref in the same run: its apps synthesized in a
 * temporary git worktree (src/bench/baseline-build.ts), removed at the end; the current local cloud
 * runs its assemblies.
 *
 * Usage: npm run bench:cold-start -- [--runs 20] [--baseline <git ref>] [--functions Name,Name] [--no-synth] [--json]
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStacks, readCostAssembly, type CostAssembly, type FunctionResource } from '../src/assembly/read-assemblies';
import { buildBaseline, type BaselineBuild } from '../src/bench/baseline-build';
import { functionKey, sampleEvents } from '../src/bench/sample-events';
import type { EntryRequest } from '../src/measure/measure-profile';
import { withFreshIds } from '../src/measure/fresh-ids';
import { readProfile } from '../src/profile/function-profile';
import { FunctionSandbox } from '../src/sandbox/function-sandbox';
import { startLocalCloudProcess, type LocalCloudProcess } from '../src/sandbox/local-cloud-process';
import { nodeForRuntime } from '../src/sandbox/node-for-runtime';
import { percentile } from '../src/stats';

const root = resolve(__dirname, '../../..');

interface Side {
  label: string;
  assembly: CostAssembly;
  cloud?: LocalCloudProcess;
  baseline?: BaselineBuild;
  samples: Map<string, { init: number[]; firstInvoke: number[] }>;
}

function bundleBytes(fn: FunctionResource): number {
  if (!fn.assetDir) return Number.NaN;
  const file = ['index.mjs', 'index.js', 'index.cjs'].map((f) => join(fn.assetDir as string, f)).find(existsSync);
  return file ? statSync(file).size : Number.NaN;
}

function synth(): Promise<void> {
  return new Promise((resolveSynth, reject) => {
    const child = spawn('npm', ['run', 'synth', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolveSynth() : reject(new Error(`npm run synth failed (${code})`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '20' }, baseline: { type: 'string' }, functions: { type: 'string' }, 'no-synth': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log('Usage: npm run bench:cold-start -- [--runs <n, at least 20 by default>] [--baseline <git ref>] [--functions Name,Name] [--no-synth] [--json]');
    return;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${values.runs}`);
  const log = (line: string) => console.error(line);
  if (runs < 20) log(`--runs ${runs}: fewer than 20 fresh processes per function; the percentiles will be rough.`);

  if (!values['no-synth']) {
    log('Synthesizing this checkout (npm run synth)...');
    await synth();
  }
  const sides: Side[] = [{ label: 'this checkout', assembly: readCostAssembly(loadStacks(join(root, 'apps'))), samples: new Map() }];
  const cleanup = async () => {
    await Promise.all(sides.map((s) => s.cloud?.stop()));
    await Promise.all(sides.map((s) => s.baseline?.dispose()));
  };
  const interrupted = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (values.baseline) {
      const baseline = await buildBaseline({ currentRoot: root, ref: values.baseline, onProgress: log });
      sides.push({ label: `${values.baseline} (${baseline.sha.slice(0, 8)})`, assembly: readCostAssembly(loadStacks(baseline.appsDir)), baseline, samples: new Map() });
    }
    const wanted = values.functions ? new Set(values.functions.split(',').map((s) => s.trim())) : undefined;
    const functions = sides[0]?.assembly.functions.filter((f) => !wanted || wanted.has(f.name)) ?? [];
    if (functions.length === 0) throw new Error(`no function to measure${wanted ? ` (--functions ${values.functions})` : ''}`);

    const entry = JSON.parse(readFileSync(join(__dirname, '../profile/entry.json'), 'utf8')) as EntryRequest;
    const events = await sampleEvents(sides[0]?.assembly as CostAssembly, readProfile(join(__dirname, '../profile/functions.json')), entry);
    for (const side of sides) {
      log(`Starting a local cloud for ${side.label}...`);
      side.cloud = await startLocalCloudProcess({ workspaceRoot: root, ...(side.baseline ? { assembliesDir: side.baseline.assembliesDir } : {}) });
    }

    log(`Measuring ${functions.length} functions × ${runs} fresh processes × ${sides.length} build(s)...`);
    for (let run = 0; run < runs; run++) {
      for (const fn of functions) {
        const key = functionKey(fn);
        const event = events.get(key);
        if (event === undefined) throw new Error(`no sample event for ${key}: it is not reached from ${entry.route}`);
        // Alternate which build goes first, so drift on the machine lands on both.
        const order = run % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          const target = side.assembly.functions.find((f) => functionKey(f) === key);
          if (!target) continue;
          const cloud = side.cloud as LocalCloudProcess;
          const local = cloud.model.functions.find((f) => f.stackName === target.stackName && f.logicalId === target.logicalId);
          if (!local) throw new Error(`${side.label}: the local cloud has no ${key}`);
          await cloud.waitUntilIdle();
          const node = nodeForRuntime(local.runtime, root);
          const sandbox = await FunctionSandbox.start({ ...local, logFormat: target.logFormat }, cloud.endpoints, node.binary);
          try {
            const answer = await sandbox.invoke(withFreshIds(event));
            const status = (answer.payload as { statusCode?: number } | null)?.statusCode;
            if (!answer.ok || (typeof status === 'number' && status >= 300)) {
              throw new Error(`${side.label}: ${key}'s first invocation failed: ${answer.ok ? `status ${status}` : `${answer.error?.errorType}: ${answer.error?.errorMessage}`}\n${answer.lastLines.join('\n')}`);
            }
            const samples = side.samples.get(key) ?? { init: [], firstInvoke: [] };
            samples.init.push(sandbox.initMs);
            samples.firstInvoke.push(answer.durationMs);
            side.samples.set(key, samples);
          } finally {
            await sandbox.stop();
          }
        }
      }
      log(`  run ${run + 1}/${runs} done`);
    }

    const node = nodeForRuntime(functions[0]?.runtime ?? 'nodejs24.x', root);
    const rows = functions.flatMap((fn) =>
      sides.map((side) => {
        const target = side.assembly.functions.find((f) => functionKey(f) === functionKey(fn));
        const s = side.samples.get(functionKey(fn)) ?? { init: [], firstInvoke: [] };
        return {
          function: fn.name,
          app: fn.app,
          build: side.label,
          bundleKB: target ? bundleBytes(target) / 1024 : Number.NaN,
          initP50: percentile(s.init, 0.5),
          initP95: percentile(s.init, 0.95),
          firstInvokeP50: percentile(s.firstInvoke, 0.5),
          runs: s.init.length,
        };
      }),
    );
    if (values.json) {
      console.log(JSON.stringify({ node: node.version, runs, rows }, null, 2));
      return;
    }
    const header = ['function', 'build', 'bundle KB', 'init p50 ms', 'init p95 ms', 'first invoke p50 ms', ...(sides.length > 1 ? ['init p50 vs baseline'] : [])];
    const table = [header];
    for (const row of rows) {
      const base = rows.find((r) => r.function === row.function && r.build === sides[1]?.label);
      const ratio = sides.length > 1 && row.build === sides[0]?.label && base ? `${(row.initP50 / base.initP50).toFixed(2)}×` : '';
      table.push([row.function, row.build, row.bundleKB.toFixed(1), row.initP50.toFixed(0), row.initP95.toFixed(0), row.firstInvokeP50.toFixed(0), ...(sides.length > 1 ? [ratio] : [])]);
    }
    const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
    console.log(`Cold starts: ${runs} fresh ${node.version} processes per function and build (runtime ${functions[0]?.runtime}); init = module load of the bundle, first invoke = one invocation against the local cloud.`);
    for (const r of table) console.log(r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  '));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanup();
  }
}

main().catch((error: Error) => {
  console.error(`bench:cold-start: ${error.message}`);
  process.exitCode = 1;
});
