/**
 * One execution: its state machine drawn with what happened at each state, the selected state's
 * attempts, input and output, the history as a timeline, and what the signup left behind: events
 * on the bus (with the rules they matched), mail, stored objects, webhook messages.
 */
import type { ConsoleChange } from '../../../src/console/console-feed';
import type { StateRun } from '../../../src/console/execution-analysis';
import { api, ApiError, type ExecutionDetail, type ExecutionRow, type SignupSideEffects } from '../api';
import { h, prettyJson, replaceContent } from '../dom';
import { formatBytes, formatDuration, formatTime, OUTCOME_LABELS } from '../format';
import { renderGraph } from '../graph/render-graph';
import { card, drawWhenChanged, errorText, executionLink, message, outcomeBadge, statusBadge, table, type Page } from '../ui';
import { emailCard } from './emails-page';

const REPLAYABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);
const LEGEND = ['succeeded', 'retried', 'caught', 'failed', 'compensated', 'running', 'not-reached'] as const;

type SideEffects = SignupSideEffects & { signupId: string; userId?: string };

/** The state shown first: the one that failed, else the one running, else one that was retried, else the first. */
function defaultSelection(detail: ExecutionDetail): string {
  const runs = Object.values(detail.analysis.states);
  return (
    detail.analysis.failedStep?.name ??
    runs.find((r) => r.outcome === 'running')?.name ??
    runs.find((r) => r.outcome === 'retried')?.name ??
    runs.find((r) => r.visits.length > 0)?.name ??
    runs[0]?.name ??
    ''
  );
}

/** One line about a history event: its error, or what it ran. */
function eventSummary(event: Record<string, unknown>): string {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    const details = value as Record<string, unknown>;
    if (typeof details['error'] === 'string') return `${details['error']}${typeof details['cause'] === 'string' ? `: ${details['cause'].slice(0, 160)}` : ''}`;
    if (typeof details['resourceType'] === 'string') return `${details['resourceType']}:${String(details['resource'] ?? '')}`;
  }
  return '';
}

export function executionPage(executionArn: string): Page {
  let selected: string | undefined;
  let detail: ExecutionDetail | undefined;
  let sideEffects: SideEffects | undefined;
  let sideEffectsProblem: string | undefined;
  let siblings: ExecutionRow[] = [];
  const openBlocks = new Set<string>(['output']);
  const header = h('div', { class: 'execution-header' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const graphHost = h('div', { class: 'graph-host' });
  const stateHost = h('div', { class: 'state-detail', 'aria-live': 'polite' });
  const timelineHost = h('div', { class: 'timeline' });
  const effectsHost = h('div', { class: 'side-effects' });
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'Colours of the states' },
    ...LEGEND.map((outcome) => h('li', {}, h('span', { class: `swatch outcome-${outcome}`, 'aria-hidden': 'true' }), OUTCOME_LABELS[outcome] ?? outcome)),
    h('li', {}, h('span', { class: 'swatch compensation', 'aria-hidden': 'true' }), 'Compensation step'),
  );

  const block = (key: string, summary: string, value: unknown) => {
    const details = h('details', { class: 'json', open: openBlocks.has(key), 'data-block': key }, h('summary', {}, summary), h('pre', {}, prettyJson(value)));
    details.addEventListener('toggle', () => (details.open ? openBlocks.add(key) : openBlocks.delete(key)));
    return details;
  };

  function select(name: string): void {
    selected = name;
    renderGraphAndState();
    graphHost.querySelector<SVGGElement>(`[data-state="${CSS.escape(name)}"]`)?.focus({ preventScroll: true });
  }

  async function replay(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const result = await api.replay(executionArn);
      const name = result.executionArn.split(':').pop() ?? result.executionArn;
      replaceContent(feedback, message('info', 'Replaying as ', executionLink(result.executionArn, name), '.'));
    } catch (error) {
      replaceContent(feedback, message('error', `Replay refused: ${errorText(error)}`));
      button.disabled = false;
    }
  }

  function renderHeader(d: ExecutionDetail): void {
    const e = d.execution;
    const actions = h('div', { class: 'actions' });
    if (REPLAYABLE.has(e.status)) {
      const button = h('button', { type: 'button', class: 'primary', 'data-focus-key': 'replay' }, 'Replay this signup');
      button.addEventListener('click', () => void replay(button));
      actions.append(button);
    }
    const meta: [string, string][] = [
      ['Tenant', e.tenantId ?? '–'],
      ['Signup', e.signupId ?? '–'],
      ['Started', formatTime(e.startDate)],
      ['Duration', formatDuration(e.durationMs)],
      ['State machine', d.stateMachine.name],
    ];
    replaceContent(
      header,
      h('div', { class: 'title-row' }, h('h1', {}, e.name), statusBadge(e.status), actions),
      h('dl', { class: 'meta' }, ...meta.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
      e.error || e.cause
        ? h('div', { class: 'error-box', role: 'note' }, h('strong', {}, e.error ?? 'Failed'), e.cause ? h('span', {}, ` ${e.cause}`) : '', d.analysis.failedStep ? h('span', { class: 'muted' }, ` (first failed step: ${d.analysis.failedStep.name})`) : '')
        : '',
    );
  }

  function renderState(run: StateRun | undefined): void {
    if (!run) return replaceContent(stateHost, h('p', { class: 'muted' }, 'Select a state in the graph.'));
    const facts: [string, Node | string][] = [
      ['Type', run.type],
      ['Duration', run.outcome === 'not-reached' ? '–' : formatDuration(run.durationMs)],
      ['Retries', String(run.retries)],
    ];
    if (run.error) facts.push(['Error', h('code', {}, run.error)]);
    if (run.compensatedBy) facts.push(['Undone by', run.compensatedBy]);
    if (run.undoes) facts.push(['Undoes', run.undoes]);
    const visits = run.visits.map((visit, i) => {
      const attempts = visit.attempts.map((attempt, n) =>
        h(
          'tr',
          { class: `attempt attempt-${attempt.result}` },
          h('td', { class: 'number' }, String(n + 1)),
          h('td', {}, attempt.result),
          h('td', { class: 'number' }, attempt.endedAt !== undefined ? formatDuration(attempt.endedAt - attempt.startedAt) : '–'),
          h('td', {}, attempt.error ? h('code', {}, attempt.error) : '–'),
        ),
      );
      return h(
        'div',
        { class: 'visit' },
        run.visits.length > 1 ? h('h4', {}, `Visit ${i + 1}`) : '',
        h('p', { class: 'muted' }, `Entered ${formatTime(visit.enteredAt)}${visit.exitedAt !== undefined ? `, left ${formatTime(visit.exitedAt)}` : ''} · ${visit.result}`),
        attempts.length > 0 ? table(['#', 'Attempt', 'Took', 'Error'], attempts, '', `Attempts of ${run.name}`) : '',
        visit.cause ? block(`cause:${i}`, 'Cause', visit.cause) : '',
        visit.input !== undefined ? block(`input:${i}`, 'Input', visit.input) : '',
        visit.output !== undefined ? block(i === run.visits.length - 1 ? 'output' : `output:${i}`, 'Output', visit.output) : '',
      );
    });
    replaceContent(
      stateHost,
      h('div', { class: 'state-title' }, h('h3', {}, run.name), outcomeBadge(run.outcome)),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      ...(visits.length > 0 ? visits : [h('p', { class: 'muted' }, 'This state was not reached.')]),
    );
  }

  function renderGraphAndState(): void {
    if (!detail) return;
    const d = detail;
    selected ??= defaultSelection(d);
    replaceContent(
      graphHost,
      renderGraph({
        definition: d.stateMachine.definition,
        analysis: d.analysis,
        selected,
        onSelect: select,
        label: `State machine ${d.stateMachine.name}, execution ${d.execution.name}: each state with what happened to it`,
      }),
    );
    renderState(d.analysis.states[selected]);
  }

  function renderTimeline(d: ExecutionDetail): void {
    const start = Date.parse(d.execution.startDate);
    const rows = d.history.map((event) => {
      const state = d.analysis.eventStates[event.id];
      const stateCell = h('td', {});
      if (state) {
        const button = h('button', { type: 'button', class: 'link', 'data-focus-key': `timeline:${event.id}` }, state);
        button.addEventListener('click', () => select(state));
        stateCell.append(button);
      }
      const kind = /Failed|TimedOut|Aborted/.test(event.type) ? 'bad' : /Succeeded|Exited/.test(event.type) ? 'good' : 'neutral';
      return h(
        'tr',
        { class: `event-${kind}` },
        h('td', { class: 'number' }, String(event.id)),
        h('td', { class: 'number' }, `+${formatDuration(Date.parse(event.timestamp) - start)}`),
        h('td', {}, h('span', { class: `dot dot-${kind}`, 'aria-hidden': 'true' }), event.type),
        stateCell,
        h('td', { class: 'summary' }, eventSummary(event as unknown as Record<string, unknown>)),
      );
    });
    replaceContent(timelineHost, table(['#', 'At', 'Event', 'State', 'Detail'], rows, 'No history yet.', 'Execution history'));
  }

  const drawEffects = drawWhenChanged();
  function renderSideEffects(): void {
    if (sideEffectsProblem) return drawEffects(effectsHost, sideEffectsProblem, () => [message('info', sideEffectsProblem as string)]);
    if (!sideEffects) return;
    drawEffects(effectsHost, [sideEffects, siblings], () => sideEffectCards(sideEffects as SideEffects));
  }

  function sideEffectCards(fx: SideEffects): (HTMLElement | string)[] {
    const events = (fx.events as { id: string; time: string; source: string; 'detail-type': string; matchedRules: string[]; eventBusName: string }[]).map((e) =>
      h(
        'tr',
        {},
        h('td', { class: 'time' }, formatTime(e.time)),
        h('td', {}, e['detail-type']),
        h('td', {}, e.source),
        h('td', {}, e.matchedRules.length > 0 ? h('span', {}, ...e.matchedRules.map((r) => h('span', { class: 'chip' }, r))) : h('span', { class: 'muted' }, 'no rule matched')),
      ),
    );
    const objects = fx.objects.map((o) => h('tr', {}, h('td', {}, o.bucket), h('td', { class: 'key' }, o.key), h('td', { class: 'number' }, formatBytes(o.size))));
    const hooks = (fx.webhookMessages as { receivedAt: string; path: string; body: unknown }[]).map((m) =>
      h('tr', {}, h('td', { class: 'time' }, formatTime(m.receivedAt)), h('td', {}, m.path), h('td', {}, h('pre', { class: 'inline-json' }, prettyJson(m.body)))),
    );
    const replays = siblings.map((row) => h('tr', {}, h('td', {}, statusBadge(row.status)), h('td', {}, executionLink(row.executionArn, row.name)), h('td', { class: 'time' }, formatTime(row.startDate))));
    return [
      card('Events on the bus', table(['Time', 'Detail type', 'Source', 'Rules matched'], events, 'No event of this signup on the bus.', 'Events of this signup')),
      card('Emails sent', ...(fx.emails.length > 0 ? fx.emails.map((mail) => emailCard(mail)) : [h('p', { class: 'muted' }, 'No email to this signup.')])),
      card('Storage objects', table(['Bucket', 'Key', 'Size'], objects, 'No object of this signup.', 'Objects of this signup')),
      card('Webhook messages', table(['Received', 'Path', 'Body'], hooks, 'No webhook message about this signup.', 'Webhook messages of this signup')),
      fx.deadLetters.length > 0 ? card('Dead letters', h('pre', {}, prettyJson(fx.deadLetters))) : '',
      siblings.length > 0 ? card('Other executions of this signup', table(['Status', 'Execution', 'Started'], replays, '', 'Other executions of this signup')) : '',
    ];
  }

  /** Reads the execution again; draws it again only when its history grew or its status changed. */
  async function loadDetail(): Promise<boolean> {
    let fresh: ExecutionDetail;
    try {
      fresh = await api.execution(executionArn);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replaceContent(header, h('h1', {}, 'Execution not found'), message('error', error.message));
        return false;
      }
      throw error;
    }
    const changed = !detail || detail.history.length !== fresh.history.length || detail.execution.status !== fresh.execution.status;
    detail = fresh;
    if (changed || fresh.execution.status === 'RUNNING') {
      renderHeader(fresh);
      renderGraphAndState();
      renderTimeline(fresh);
    }
    return true;
  }

  async function loadSideEffects(): Promise<void> {
    if (!detail) return;
    const signupId = detail.execution.signupId;
    const [effects, rows] = await Promise.all([
      api.sideEffects(executionArn).then(
        (value) => ((sideEffectsProblem = undefined), value),
        (error: unknown) => ((sideEffectsProblem = error instanceof ApiError && error.status === 404 ? error.message : `Could not read the side effects: ${errorText(error)}`), undefined),
      ),
      signupId ? api.executionsOfSignup(signupId) : Promise.resolve([]),
    ]);
    sideEffects = effects;
    siblings = rows.filter((r) => r.signupId === signupId && r.executionArn !== executionArn);
    renderSideEffects();
  }

  /**
   * What a change note means here: this execution (or another one of its signup, a replay) moved
   * on, or something it may have caused arrived (an event, a mail, a webhook message).
   */
  async function refresh(changes?: ConsoleChange[]): Promise<void> {
    const signupId = detail?.execution.signupId;
    const mine =
      !changes ||
      !detail ||
      detail.execution.status === 'RUNNING' ||
      changes.some((c) => c.topic === 'executions' && (c.executionArn === undefined || c.executionArn === executionArn || (signupId !== undefined && c.executionArn.includes(signupId))));
    const effects = mine || changes.some((c) => c.topic !== 'executions' && c.topic !== 'faults');
    if (mine && !(await loadDetail())) return;
    if (effects) await loadSideEffects();
  }

  const element = h(
    'div',
    { class: 'page execution-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Signups'), ' › ', executionArn.split(':').pop() ?? executionArn),
    header,
    feedback,
    h(
      'div',
      { class: 'execution-grid' },
      h('section', { class: 'card graph-card', 'aria-labelledby': 'graph-title' }, h('h2', { id: 'graph-title' }, 'Execution graph'), legend, graphHost),
      h('aside', { class: 'card state-card', 'aria-label': 'Selected state' }, stateHost),
    ),
    card('Timeline', timelineHost),
    effectsHost,
  );
  return { title: executionArn.split(':').pop() ?? 'Execution', element, refresh };
}
