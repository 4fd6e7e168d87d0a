/**
 * The load drill: `tsx apps/local-cloud/bin/load-drill.ts [--signups 1000] [--fault-rate 5]
 * [--retry-scale 1] [--replay] [--data-dir <dir>] [--json]`. The retry scale defaults to 1 (the state
 * machine waits as in AWS): compressing the backoff makes the retries of a burst hit an overloaded
 * store again at once, which measures the compression rather than the system. Boots the local cloud on the real apps, sends
 * a burst of signups while every onboarding function fails that percentage of its invocations with
 * its transient error, and reports how many completed, compensated, were dead-lettered or lost, and
 * whether any side effect happened twice (see src/faults/load-drill.ts). A script, not a test.
 */
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../src/boot/start-local-cloud';
import { describeDrill, runLoadDrill } from '../src/faults/load-drill';

// The SDK's notice about Node 20 would sit in the middle of the report.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const { values } = parseArgs({
  options: {
    signups: { type: 'string', default: '1000' },
    'fault-rate': { type: 'string', default: '5' },
    'retry-scale': { type: 'string', default: '1' },
    replay: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const signups = Number(values.signups);
  const faultRatePercent = Number(values['fault-rate']);
  const retryScale = Number(values['retry-scale']);
  if (!Number.isInteger(signups) || signups < 1) throw new Error(`--signups must be a positive integer, got ${values.signups}`);
  if (!(faultRatePercent >= 0 && faultRatePercent <= 100)) throw new Error(`--fault-rate must be 0 to 100, got ${values['fault-rate']}`);
  if (!(retryScale > 0 && retryScale <= 1)) throw new Error(`--retry-scale must be above 0 and at most 1, got ${values['retry-scale']}`);

  const cloud = await startLocalCloud({
    ports: 'free',
    synth: false,
    prewarm: true,
    stepFunctionsRetryDelayScale: retryScale,
    asyncRetryDelayMs: (n) => 50 * n,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  try {
    await cloud.runtime.prewarm();
    const report = await runLoadDrill(cloud, { signups, faultRatePercent, replayAfter: values.replay === true, log: (line) => console.log(line) });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else for (const line of describeDrill(report)) console.log(line);
    const final = report.afterReplay ?? report.audit;
    return final.outcomes.lost === 0 && final.duplicated.length === 0 && final.inconsistent.length === 0 ? 0 : 1;
  } finally {
    await cloud.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(2);
  },
);
