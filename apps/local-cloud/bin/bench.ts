/**
 * Benchmark of the local cloud on the real assemblies: boot time, the latency of one signup from
 * POST /signup to its execution's end (sequential, p50/p95), and the throughput of N concurrent
 * signups. Usage: `tsx apps/local-cloud/bin/bench.ts [--sequential 40] [--concurrent 500]`.
 */
import { parseArgs } from 'node:util';
import { startLocalCloud, type LocalCloud } from '../src/boot/start-local-cloud';

const { values } = parseArgs({ options: { sequential: { type: 'string', default: '40' }, concurrent: { type: 'string', default: '500' } } });

/** Signs up one user and resolves with the final status of its onboarding execution. */
async function signup(cloud: LocalCloud, i: number): Promise<string> {
  const response = await fetch(`${cloud.endpoints.api}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${i}-${Date.now()}@example.com`, name: 'Bench User', tenantId: 'bench', plan: 'pro' }),
  });
  const body = (await response.json()) as { signupId?: string };
  if (response.status !== 202 || !body.signupId) throw new Error(`signup ${i} answered ${response.status}`);
  for (const machine of cloud.model.stateMachines) {
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:signup-${body.signupId}`;
    // The execution starts asynchronously (bus → rule → function): wait for it to exist, then to end.
    for (let attempt = 0; attempt < 3000; attempt++) {
      const described = await cloud.stepfunctions.describeExecution(executionArn).catch(() => undefined);
      if (described) return (await cloud.stepfunctions.waitForExecution(executionArn)).status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  throw new Error(`no execution found for signup ${body.signupId}`);
}

async function main(): Promise<void> {
  const bootStarted = performance.now();
  const cloud = await startLocalCloud({ ports: 'free', synth: false, prewarm: true });
  console.log(`boot: ${(performance.now() - bootStarted).toFixed(0)} ms`);
  try {
    await cloud.runtime.prewarm();
    await signup(cloud, -1);
    const latencies: number[] = [];
    for (let i = 0; i < Number(values.sequential); i++) {
      const started = performance.now();
      const status = await signup(cloud, i);
      if (status !== 'SUCCEEDED') throw new Error(`sequential signup ${i} ended ${status}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
    console.log(`one signup end to end: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${latencies.length} sequential)`);

    const n = Number(values.concurrent);
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: n }, (_, i) => signup(cloud, 100_000 + i)));
    const seconds = (performance.now() - started) / 1000;
    const failed = statuses.filter((s) => s !== 'SUCCEEDED').length;
    console.log(`${n} concurrent signups: ${seconds.toFixed(2)} s, ${(n / seconds).toFixed(0)} onboardings/s, ${failed} not succeeded`);
  } finally {
    await cloud.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
