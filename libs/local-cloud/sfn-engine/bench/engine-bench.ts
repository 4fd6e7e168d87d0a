/**
 * Executions per second and per-state overhead of this engine against aws-local-stepfunctions
 * 3.0.0, in one run, on two machines:
 * - a 20-state JSONPath machine of Pass and Choice states (Parameters, ResultPath, InputPath,
 *   OutputPath, intrinsic functions, Choice Rules), the engine's own overhead with no tasks;
 * - the onboarding state machine as synthesized in apps/orchestration/cdk.out, with every task
 *   stubbed (a Lambda invoke answers at once with a payload that satisfies its ResultSelector).
 * Each engine runs executions one after another on this thread: a warm-up, then as many as fit in
 * the measuring time. Per-state overhead is the time of one execution divided by the states it
 * entered (counted from this engine's history).
 *
 * Run: `npm run bench:sfn` (after `npx nx run orchestration:synth`), or `tsx bench/engine-bench.ts`
 * in this folder. `BENCH_SECONDS` sets the measuring time per engine and machine (default 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine as Reference, type RunOptions } from 'aws-local-stepfunctions';
import { StateMachine, type TaskInvoker } from '../src';

type Json = Record<string, unknown>;

const MEASURE_MS = Number(process.env['BENCH_SECONDS'] ?? 2) * 1000;
const WARMUP = 300;
const TEMPLATE = join(__dirname, '../../../../apps/orchestration/cdk.out/OnboardingOrchestration.template.json');

/** 20 states: ten Pass states that reshape data, each followed by a Choice that routes on it. */
function passChoiceMachine(): Json {
  const states: Json = {};
  for (let i = 0; i < 10; i++) {
    const next = i === 9 ? undefined : `Route${i}`;
    states[`Shape${i}`] = {
      Type: 'Pass',
      Parameters: { 'count.$': 'States.MathAdd($.count, 1)', 'tenant.$': '$.tenant', 'tags.$': '$.tags', label: `step-${i}`, 'plan.$': '$.plan' },
      ...(i === 9 ? { End: true } : { Next: next }),
    };
    if (i < 9) {
      states[`Route${i}`] = {
        Type: 'Choice',
        Choices: [
          { And: [{ Variable: '$.plan', StringEquals: 'enterprise' }, { Variable: '$.count', NumericGreaterThan: 100 }], Next: `Shape${i + 1}` },
          { Variable: '$.tenant', StringMatches: 'acme*', Next: `Shape${i + 1}` },
        ],
        Default: `Shape${i + 1}`,
      };
    }
  }
  // 10 Pass + 9 Choice = 19; one more Choice up front makes 20.
  states['Start'] = { Type: 'Choice', Choices: [{ Variable: '$.count', IsNumeric: true, Next: 'Shape0' }], Default: 'Shape0' };
  return { StartAt: 'Start', States: states };
}

/** Renders the synthesized template's definition, with placeholder names for its references. */
function onboardingMachine(): Json | undefined {
  if (!existsSync(TEMPLATE)) return undefined;
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: Json }> };
  const machine = Object.values(template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (!machine) return undefined;
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const intrinsic = value as Json;
    if (Array.isArray(intrinsic['Fn::Join'])) {
      const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if (typeof intrinsic['Ref'] === 'string') {
      const ref = intrinsic['Ref'];
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::Region') return 'us-east-1';
      if (ref === 'AWS::AccountId') return '123456789012';
      return `arn:aws:lambda:us-east-1:123456789012:function:${ref.slice(0, 40)}`;
    }
    if (Array.isArray(intrinsic['Fn::GetAtt'])) return `arn:aws:events:us-east-1:123456789012:event-bus/${String((intrinsic['Fn::GetAtt'] as string[])[0])}`;
    throw new Error(`Cannot render ${JSON.stringify(value)}`);
  };
  return JSON.parse(render(machine.Properties?.['DefinitionString'])) as Json;
}

const LAMBDA_RESULT = { StatusCode: 200, Payload: { signupId: 's-1', tenantId: 'acme', userId: 'u-1', messageId: 'm-1', bucket: 'onboarding-user-files', prefix: 'tenants/acme/users/u-1/', delivered: true, channel: 'webhook' } };
const EVENTS_RESULT = { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };

function stubFor(resource: string): unknown {
  return resource.includes(':events:putEvents') ? EVENTS_RESULT : LAMBDA_RESULT;
}

function tasksOf(block: Json, out: Record<string, string> = {}): Record<string, string> {
  for (const [name, state] of Object.entries(block['States'] as Record<string, Json>)) {
    if (state['Type'] === 'Task') out[name] = String(state['Resource']);
    for (const branch of (state['Branches'] as Json[] | undefined) ?? []) tasksOf(branch, out);
    const processor = (state['ItemProcessor'] ?? state['Iterator']) as Json | undefined;
    if (processor) tasksOf(processor, out);
  }
  return out;
}

interface Runner {
  run(): Promise<void>;
}

function ours(definition: Json, input: Json): Runner {
  const machine = new StateMachine(definition as never);
  const invoker: TaskInvoker = { invoke: (request) => stubFor(request.resource.arn) };
  return {
    async run() {
      const result = await machine.run(input, { taskInvoker: invoker, name: 'bench' });
      if (result.status !== 'SUCCEEDED') throw new Error(`ours: ${result.error}: ${result.cause}`);
    },
  };
}

function reference(definition: Json, input: Json): Runner {
  const machine = new Reference(definition as never, { validationOptions: { noValidate: true } });
  const taskResourceLocalHandlers: Record<string, () => Promise<unknown>> = {};
  for (const [name, resource] of Object.entries(tasksOf(definition))) taskResourceLocalHandlers[name] = async () => stubFor(resource);
  const overrides = { taskResourceLocalHandlers } as NonNullable<RunOptions['overrides']>;
  return {
    async run() {
      await machine.run(input as never, { overrides, context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:m:bench', Name: 'bench' } } }).result;
    },
  };
}

async function measure(runner: Runner): Promise<{ perSecond: number; msPerExecution: number }> {
  for (let i = 0; i < WARMUP; i++) await runner.run();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(MEASURE_MS) * 1_000_000n;
  let count = 0;
  let now = start;
  while (now < deadline) {
    await runner.run();
    count++;
    now = process.hrtime.bigint();
  }
  const ms = Number(now - start) / 1e6;
  return { perSecond: (count / ms) * 1000, msPerExecution: ms / count };
}

async function statesEntered(definition: Json, input: Json): Promise<number> {
  const machine = new StateMachine(definition as never);
  const result = await machine.run(input, { taskInvoker: { invoke: (request) => stubFor(request.resource.arn) } });
  return result.history.filter((e) => e.type.endsWith('StateEntered')).length;
}

async function main(): Promise<void> {
  const machines: { name: string; definition: Json; input: Json }[] = [{ name: '20-state Pass/Choice', definition: passChoiceMachine(), input: { count: 0, tenant: 'acme-eu', plan: 'pro', tags: ['a', 'b'] } }];
  const onboarding = onboardingMachine();
  if (onboarding) machines.push({ name: 'onboarding (stubbed tasks)', definition: onboarding, input: { signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70', tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' } });
  else console.log(`(no ${TEMPLATE}: run \`npx nx run orchestration:synth\` to include the onboarding machine)`);

  console.log(`node ${process.version}, ${MEASURE_MS / 1000} s per engine and machine, executions one after another`);
  console.log('machine                     | states | engine                  | executions/s | ms/execution | µs/state');
  let slower = false;
  for (const machine of machines) {
    const states = await statesEntered(machine.definition, machine.input);
    const results: [string, { perSecond: number; msPerExecution: number }][] = [
      ['local-sfn-engine', await measure(ours(machine.definition, machine.input))],
      ['aws-local-stepfunctions', await measure(reference(machine.definition, machine.input))],
    ];
    for (const [engine, r] of results) {
      console.log(`${machine.name.padEnd(27)} | ${String(states).padStart(6)} | ${engine.padEnd(23)} | ${r.perSecond.toFixed(0).padStart(12)} | ${r.msPerExecution.toFixed(3).padStart(12)} | ${((r.msPerExecution * 1000) / states).toFixed(1).padStart(8)}`);
    }
    const [, mine] = results[0] as [string, { perSecond: number }];
    const [, theirs] = results[1] as [string, { perSecond: number }];
    console.log(`${''.padEnd(27)}   speed-up: ${(mine.perSecond / theirs.perSecond).toFixed(2)}x`);
    if (mine.perSecond <= theirs.perSecond) slower = true;
  }
  if (slower) {
    console.error('local-sfn-engine was not faster than aws-local-stepfunctions on every machine');
    process.exitCode = 1;
  }
}

void main();
