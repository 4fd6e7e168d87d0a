/**
 * Every history event the engine writes, over the whole conformance table, has the shape of the
 * Step Functions API model: the details member of its type and nothing else, only members the
 * model defines, every required member present, and ids that count from 1 with each
 * previousEventId pointing at an earlier event.
 */
import { conformanceCases, mockInvoker } from '../conformance';
import { StateMachine, VirtualClock, type HistoryEvent } from '../src';
import { DETAILS_MEMBERS, EVENT_DETAILS_MEMBER } from '../src/history-model';

function problemsOf(event: HistoryEvent, index: number): string[] {
  const problems: string[] = [];
  const { timestamp, type, id, previousEventId, ...details } = event;
  if (!(timestamp instanceof Date)) problems.push(`${type}: timestamp is not a Date`);
  if (id !== index + 1) problems.push(`${type}: id ${id} at position ${index}`);
  if (!(previousEventId >= 0 && previousEventId < id)) problems.push(`${type}: previousEventId ${previousEventId} is not before ${id}`);
  const expected = EVENT_DETAILS_MEMBER[type];
  const members = Object.keys(details);
  if (expected === undefined) return [...problems, `unknown event type ${type}`];
  if (expected === null) {
    if (members.length > 0) problems.push(`${type} carries ${members.join(', ')} but has no details`);
    return problems;
  }
  if (members.length !== 1 || members[0] !== expected) return [...problems, `${type} carries ${members.join(', ') || 'nothing'}, expected ${expected}`];
  const shape = DETAILS_MEMBERS[expected] as Record<string, boolean>;
  const value = (details as Record<string, Record<string, unknown>>)[expected] as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!(key in shape)) problems.push(`${type}.${expected} has ${key}, which the model does not define`);
  for (const [key, required] of Object.entries(shape)) if (required && value[key] === undefined) problems.push(`${type}.${expected} lacks the required ${key}`);
  for (const key of ['input', 'output', 'parameters']) if (key in value && typeof value[key] !== 'string') problems.push(`${type}.${expected}.${key} is not JSON text`);
  return problems;
}

const runnable = conformanceCases.filter((c) => c.expect !== undefined);

describe('history event shapes', () => {
  it.each(runnable.map((c) => [c.id, c] as const))('%s writes events shaped as the API model says', async (_id, c) => {
    const machine = new StateMachine(c.definition as never);
    const result = await machine.run(c.input ?? {}, { clock: new VirtualClock(), taskInvoker: mockInvoker(c.mocks ?? {}, {}) });
    expect(result.history.flatMap(problemsOf)).toEqual([]);
  });
});
