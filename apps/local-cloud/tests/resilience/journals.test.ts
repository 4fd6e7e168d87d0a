import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendJournal, FileExecutionStore, readJournal, WorkJournal } from '../../src/persistence';
import type { ExecutionRecord, HistoryEvent } from '../../src/stepfunctions';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lc-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AppendJournal', () => {
  it('writes concurrent appends in call order and reads them back', async () => {
    const file = join(dir, 'j.jsonl');
    const { journal } = await AppendJournal.open<{ n: number }>(file);

    await Promise.all(Array.from({ length: 200 }, (_, n) => journal.append({ n }, { durable: n % 7 === 0 })));
    await journal.close();

    expect((await readJournal<{ n: number }>(file)).records.map((r) => r.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
  });

  it('cuts off a line torn by a crash before appending after it', async () => {
    const file = join(dir, 'j.jsonl');
    const first = await AppendJournal.open<{ n: number }>(file);
    await first.journal.append({ n: 1 }, { durable: true });
    await first.journal.close();
    await appendFile(file, '{"n":2,"half');

    const reopened = await AppendJournal.open<{ n: number }>(file);
    await reopened.journal.append({ n: 3 });
    await reopened.journal.close();

    expect(reopened.contents).toEqual({ records: [{ n: 1 }], tornBytes: Buffer.byteLength('{"n":2,"half') });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":3}\n');
  });

  it('names the file and line of a damaged record rather than skipping it', async () => {
    const file = join(dir, 'j.jsonl');
    await appendFile(file, '{"n":1}\nnot json\n{"n":3}\n');

    await expect(readJournal(file)).rejects.toThrow(`Journal ${file} is damaged at line 2`);
  });

  it('replaces its content with a snapshot and keeps appending after it', async () => {
    const file = join(dir, 'j.jsonl');
    const { journal } = await AppendJournal.open<{ n: number }>(file);
    await journal.append({ n: 1 });
    await journal.append({ n: 2 });

    const rewritten = journal.rewrite(() => [{ n: 9 }]);
    const appended = journal.append({ n: 10 });
    await Promise.all([rewritten, appended]);
    await journal.close();

    expect((await readJournal<{ n: number }>(file)).records).toEqual([{ n: 9 }, { n: 10 }]);
  });
});

const running = (name: string): ExecutionRecord => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:Machine:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Machine',
  name,
  status: 'RUNNING',
  input: JSON.stringify({ signupId: name }),
  startDate: new Date('2026-01-01T10:00:00.000Z'),
});

const event = (id: number): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: new Date(Date.UTC(2026, 0, 1, 10, 0, id)), type: id === 1 ? 'ExecutionStarted' : 'PassStateEntered' });

describe('FileExecutionStore', () => {
  it('keeps executions and histories across a reopen, with dates as dates', async () => {
    const file = join(dir, 'executions.jsonl');
    const store = await FileExecutionStore.open(file);
    await store.put(running('a'));
    await store.appendEvent(running('a').executionArn, event(1));
    await store.appendEvent(running('a').executionArn, event(2));
    await store.put({ ...running('a'), status: 'SUCCEEDED', output: '{}', stopDate: new Date('2026-01-01T10:00:05.000Z') });
    await store.put(running('b'));
    await store.close();

    const reopened = await FileExecutionStore.open(file);

    expect(await reopened.get(running('a').executionArn)).toEqual({ ...running('a'), status: 'SUCCEEDED', output: '{}', stopDate: new Date('2026-01-01T10:00:05.000Z') });
    expect(await reopened.events(running('a').executionArn)).toEqual([event(1), event(2)]);
    expect((await reopened.list(running('a').stateMachineArn)).map((r) => r.name).sort()).toEqual(['a', 'b']);
    expect(reopened.interrupted().map((r) => r.name)).toEqual(['b']);
    await reopened.close();
  });

  it('forgets the history of an interrupted execution that runs again, also after the next reopen', async () => {
    const file = join(dir, 'executions.jsonl');
    const store = await FileExecutionStore.open(file);
    await store.put(running('c'));
    await store.appendEvent(running('c').executionArn, event(1));
    await store.close();

    const second = await FileExecutionStore.open(file);
    await second.resetHistory(running('c').executionArn);
    await second.appendEvent(running('c').executionArn, event(1));
    await second.close();
    const third = await FileExecutionStore.open(file);

    expect(await third.events(running('c').executionArn)).toEqual([event(1)]);
    await third.close();
  });
});

describe('WorkJournal', () => {
  const envelope = (id: string) => ({ version: '0', id, 'detail-type': 'UserSignup', source: 'onboarding.signup', account: '000000000000', time: '2026-01-01T10:00:00Z', region: 'us-east-1', resources: [], detail: { signupId: id } });

  it('owes, after a reopen, exactly the deliveries and invocations that had not ended', async () => {
    const file = join(dir, 'work.jsonl');
    const work = await WorkJournal.open(file);
    await work.eventsAccepted([
      { event: envelope('e1'), eventBusName: 'onboarding', targets: ['Rule/T0', 'Rule/T1'] },
      { event: envelope('e2'), eventBusName: 'onboarding', targets: ['Rule/T0'] },
      { event: envelope('no-target'), eventBusName: 'onboarding', targets: [] },
    ]);
    await work.invocationAccepted({ requestId: 'i1', functionName: 'StartOnboarding', payload: { a: 1 }, acceptedAt: 1 });
    await work.invocationAccepted({ requestId: 'i2', functionName: 'StartOnboarding', payload: { a: 2 }, acceptedAt: 2 });
    work.eventSettled('e1', 'Rule/T0');
    work.eventSettled('e2', 'Rule/T0');
    work.invocationSettled('i1');
    await work.close();

    const reopened = await WorkJournal.open(file);

    expect(reopened.owedEvents()).toEqual([{ event: envelope('e1'), eventBusName: 'onboarding', targets: ['Rule/T1'], acceptedAt: expect.any(String) }]);
    expect(reopened.owedInvocations()).toEqual([{ requestId: 'i2', functionName: 'StartOnboarding', payload: { a: 2 }, acceptedAt: 2 }]);
    expect(reopened.owed()).toEqual({ events: 1, invocations: 1 });
    await reopened.close();
    // Opening compacted the file to what is owed.
    expect((await readJournal(file)).records).toHaveLength(2);
  });

  it('records a re-delivered event or a re-run invocation once, not twice', async () => {
    const file = join(dir, 'work.jsonl');
    const work = await WorkJournal.open(file);
    await work.eventsAccepted([{ event: envelope('e1'), eventBusName: 'b', targets: ['R/T'] }]);
    await work.eventsAccepted([{ event: envelope('e1'), eventBusName: 'b', targets: ['R/T'] }]);
    await work.invocationAccepted({ requestId: 'i1', functionName: 'F', payload: {}, acceptedAt: 1 });
    await work.invocationAccepted({ requestId: 'i1', functionName: 'F', payload: {}, acceptedAt: 1 });
    await work.close();

    expect((await readJournal(file)).records).toHaveLength(2);
  });

  it('settles a dead-lettered delivery only once the dead letters are saved', async () => {
    let save!: () => void;
    const saved = new Promise<void>((resolve) => (save = resolve));
    const work = await WorkJournal.open(join(dir, 'work.jsonl'), { deadLettersSaved: () => saved });
    await work.eventsAccepted([{ event: envelope('e1'), eventBusName: 'b', targets: ['R/T'] }]);

    work.eventSettled('e1', 'R/T', true);
    const before = work.owed();
    save();
    await saved;
    await new Promise((resolve) => setImmediate(resolve));

    expect(before).toEqual({ events: 1, invocations: 0 });
    expect(work.owed()).toEqual({ events: 0, invocations: 0 });
    await work.close();
  });
});
