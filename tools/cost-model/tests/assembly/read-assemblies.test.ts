import { join } from 'node:path';
import { AssemblyReadError, findFunction, loadStacks, readCostAssembly } from '../../src/assembly/read-assemblies';
import { archivesKeeping, routeEvent } from '../../src/assembly/event-routing';
import { syntheticStacks } from '../fixtures/synthetic-system';

describe('reading the assemblies', () => {
  const assembly = readCostAssembly(syntheticStacks());

  it('reads each function with its memory, architecture, runtime and logging', () => {
    expect(assembly.functions.map((f) => [f.name, f.memoryMb, f.architecture, f.logFormat, f.systemLogLevel])).toEqual([
      ['Entry', 512, 'arm64', 'JSON', 'WARN'],
      ['Worker', 1024, 'x86_64', 'JSON', 'WARN'],
      ['Starter', 128, 'arm64', 'JSON', 'WARN'],
    ]);
  });

  it('resolves the definition, following the SSM parameter another stack publishes to the function it names', () => {
    const [machine] = assembly.stateMachines;
    const work = (machine?.definition['States'] as Record<string, Record<string, Record<string, unknown>>>)['Work'];

    expect(work?.['Resource']).toBe('arn:aws:states:::lambda:invoke');
    expect(findFunction(assembly, String(work?.['Parameters']?.['FunctionName']))?.name).toBe('Worker');
    expect(machine).toMatchObject({ name: 'Machine', type: 'STANDARD', logging: { level: 'OFF', includeExecutionData: false } });
  });

  it('finds a function by its qualified ARN too', () => {
    const worker = assembly.functions.find((f) => f.name === 'Worker');

    expect(findFunction(assembly, `${worker?.arn}:$LATEST`)).toBe(worker);
  });

  it('reads the HTTP route, the rule, and where an event goes', () => {
    expect(assembly.httpRoutes.map((r) => [r.routeKey, findFunction(assembly, r.functionArn)?.name])).toEqual([['POST /go', 'Entry']]);

    const targets = routeEvent(assembly, { busName: 'demo', source: 'demo.api', detailType: 'Go', detail: {} });
    const nowhere = routeEvent(assembly, { busName: 'demo', source: 'other', detailType: 'Go', detail: {} });

    expect(targets.map((t) => (t.kind === 'function' ? t.fn.name : t.kind))).toEqual(['Starter']);
    expect(nowhere).toEqual([]);
    expect(archivesKeeping(assembly, { busName: 'demo', source: 'demo.api', detailType: 'Go', detail: {} })).toBe(0);
  });

  it('refuses a definition that is not JSON once resolved, naming the state machine', () => {
    const stacks = syntheticStacks();
    const flow = stacks[2] as (typeof stacks)[number];
    (flow.template.Resources?.['Machine1']?.Properties as Record<string, unknown>)['DefinitionString'] = '{"StartAt": ';

    expect(() => readCostAssembly(stacks)).toThrow(AssemblyReadError);
    expect(() => readCostAssembly(stacks)).toThrow(/Flow\/Machine1/);
  });

  it('reads the synthesized apps: eight functions, the onboarding state machine, the signup route and the bus archive', () => {
    const real = readCostAssembly(loadStacks(join(__dirname, '../../../../apps')));

    expect(real.functions).toHaveLength(8);
    expect(real.stateMachines.map((m) => m.name)).toEqual(['OnboardingStateMachine']);
    expect(real.httpRoutes.map((r) => r.routeKey)).toEqual(['POST /signup']);
    expect(real.buses.map((b) => [b.busName, b.archives.length])).toEqual([['onboarding', 1]]);
    for (const fn of real.functions) expect(fn.assetDir).toMatch(/cdk\.out\/asset\./);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => loadStacks('/nonexistent/apps')).toThrow(AssemblyReadError);
  });
});
