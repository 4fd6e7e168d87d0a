/**
 * Runs a conformance case on aws-local-stepfunctions 3.0.0, the reference implementation of
 * JSONPath semantics the local cloud used before this engine, for the differential test. Task
 * states answer from the case's mocks; waits and retry intervals are shortened to zero (the
 * reference runs in real time), so elapsed time is not compared. It needs Node 22 or later
 * (Promise.withResolvers); the workspace runs its tests on Node 24.
 */
import { ExecutionError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import { mockedResponse } from '../../conformance/run-case';
import type { ConformanceCase } from '../../conformance/types';

/** How the reference ended a case. */
export interface ReferenceOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
}

function statesOf(block: { States: Record<string, Record<string, unknown>> }, out: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  for (const [name, state] of Object.entries(block.States)) {
    out[name] = state;
    for (const branch of (state['Branches'] as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? []) statesOf(branch, out);
    const processor = (state['ItemProcessor'] ?? state['Iterator']) as { States: Record<string, Record<string, unknown>> } | undefined;
    if (processor) statesOf(processor, out);
  }
  return out;
}

/** Runs the case on the reference. */
export async function runOnReference(c: ConformanceCase): Promise<ReferenceOutcome> {
  const definition = c.definition as { States: Record<string, Record<string, unknown>> };
  const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  const counts = new Map<string, number>();
  for (const [name, state] of Object.entries(statesOf(definition))) {
    if (state['Type'] === 'Wait') waitTimeOverrides[name] = 0;
    if (state['Retry']) retryIntervalOverrides[name] = 0;
    if (state['Type'] !== 'Task') continue;
    taskResourceLocalHandlers[name] = async () => {
      const n = counts.get(name) ?? 0;
      counts.set(name, n + 1);
      const response = mockedResponse(c.mocks?.[name] ?? {}, n);
      if (!response || 'Hang' in response) throw Object.assign(new Error('no mock'), { name: 'MockNotFound' });
      if ('Throw' in response) throw Object.assign(new Error(response.Throw.Cause ?? ''), { name: response.Throw.Error });
      return response.Return;
    };
  }
  const machine = new StateMachine(definition as never, { validationOptions: { noValidate: true } });
  const execution = machine.run((c.input ?? {}) as never, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides } as NonNullable<RunOptions['overrides']>,
    context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:ConformanceMachine:conformance-execution', Name: 'conformance-execution' } },
  });
  try {
    return { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    if (error instanceof ExecutionError) return { status: 'FAILED', error: (error.cause as Error).name };
    throw error;
  }
}
