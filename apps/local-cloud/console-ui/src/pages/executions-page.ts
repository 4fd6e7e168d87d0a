/**
 * The start page: sign up a test user, and every onboarding execution with its status, tenant,
 * duration and the step that failed, updated live. A failed signup can be replayed from its row.
 */
import { api, ApiError, type ExecutionRow } from '../api';
import { h, replaceContent } from '../dom';
import { formatDuration, formatTime } from '../format';
import { card, errorText, executionLink, message, reconcileRows, statusBadge, type Page } from '../ui';
import { faultsPanel } from './faults-panel';

const FILTERS = [
  { value: 'ALL', label: 'All' },
  { value: 'RUNNING', label: 'Running' },
  { value: 'SUCCEEDED', label: 'Succeeded' },
  { value: 'FAILED', label: 'Failed' },
] as const;
const REPLAYABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

export function executionsPage(): Page {
  let rows: ExecutionRow[] = [];
  let filter = 'ALL';
  let highlight: string | undefined;
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const tableHost = h('div', { class: 'table-host' });
  const counts = h('p', { class: 'counts', 'aria-live': 'off' });

  // Sign up a test user (the console forwards it to the API's POST /signup).
  const email = h('input', { id: 'signup-email', name: 'email', type: 'email', required: true, autocomplete: 'off', value: `ada+${randomSuffix()}@example.com` });
  const name = h('input', { id: 'signup-name', name: 'name', type: 'text', required: true, autocomplete: 'off', value: 'Ada Lovelace' });
  const tenant = h('input', { id: 'signup-tenant', name: 'tenantId', type: 'text', autocomplete: 'off', value: 'acme', pattern: '[a-z0-9][a-z0-9\\-]{1,62}' });
  const plan = h('select', { id: 'signup-plan', name: 'plan' }, ...['free', 'pro', 'enterprise'].map((p) => h('option', { value: p, selected: p === 'pro' }, p)));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign up a test user');
  const form = h(
    'form',
    { class: 'signup-form', 'aria-label': 'Sign up a test user' },
    h('label', { for: 'signup-email' }, 'Email', email),
    h('label', { for: 'signup-name' }, 'Name', name),
    h('label', { for: 'signup-tenant' }, 'Tenant', tenant),
    h('label', { for: 'signup-plan' }, 'Plan', plan),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signUp();
  });

  async function signUp(): Promise<void> {
    submit.disabled = true;
    replaceContent(feedback, message('info', 'Signing up…'));
    try {
      const body = { email: email.value.trim(), name: name.value.trim(), plan: plan.value, ...(tenant.value.trim() ? { tenantId: tenant.value.trim() } : {}) };
      const answer = await api.signup(body);
      highlight = answer.signupId;
      replaceContent(feedback, message('info', 'Signup accepted: ', h('code', { class: 'signup-id' }, answer.signupId), '. Its execution shows below as soon as it starts.'));
      email.value = `ada+${randomSuffix()}@example.com`;
      await refresh();
    } catch (error) {
      replaceContent(feedback, message('error', `The API refused the signup: ${errorText(error)}`));
    } finally {
      submit.disabled = false;
    }
  }

  async function replay(row: ExecutionRow, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const result = await api.replay(row.executionArn);
      const newName = result.executionArn.split(':').pop() ?? result.executionArn;
      replaceContent(feedback, message('info', `Replaying ${row.signupId ?? row.name} as `, executionLink(result.executionArn, newName), '.'));
      await refresh();
    } catch (error) {
      replaceContent(feedback, message('error', `Replay refused: ${error instanceof ApiError ? error.message : errorText(error)}`));
      button.disabled = false;
    }
  }

  const filterBar = h(
    'div',
    { class: 'filters', role: 'group', 'aria-label': 'Show executions' },
    ...FILTERS.map((f) => {
      const button = h('button', { type: 'button', class: 'filter', 'aria-pressed': f.value === filter ? 'true' : 'false', 'data-filter': f.value }, f.label);
      button.addEventListener('click', () => {
        filter = f.value;
        filterBar.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', b.dataset['filter'] === filter ? 'true' : 'false'));
        render();
      });
      return button;
    }),
  );

  const HEADERS = ['Status', 'Execution', 'Tenant', 'Started', 'Duration', 'Failed step', 'Retries', ''];
  const tbody = h('tbody');
  const emptyRow = h('tr', { class: 'empty' }, h('td', { colspan: HEADERS.length }));
  tableHost.append(
    h('table', { class: 'grid', 'aria-label': 'Onboarding executions' }, h('thead', {}, h('tr', {}, ...HEADERS.map((title) => h('th', { scope: 'col' }, title)))), tbody),
  );

  function buildRow(row: ExecutionRow): HTMLTableRowElement {
    const actions = h('td', { class: 'actions' });
    if (REPLAYABLE.has(row.status)) {
      const button = h('button', { type: 'button', class: 'small', 'data-focus-key': `replay:${row.executionArn}`, 'aria-label': `Replay signup ${row.signupId ?? row.name}` }, 'Replay');
      button.addEventListener('click', () => void replay(row, button));
      actions.append(button);
    }
    const failed = row.failedStep
      ? h('span', { class: `failed-step outcome-text-${row.failedOutcome ?? 'failed'}` }, row.failedStep, row.failedError ? h('span', { class: 'muted' }, ` ${row.failedError}`) : '')
      : h('span', { class: 'muted' }, '–');
    return h(
      'tr',
      { class: row.signupId !== undefined && row.signupId === highlight ? 'highlight' : '', 'data-execution': row.name, 'data-status': row.status },
      h('td', {}, statusBadge(row.status)),
      h('td', { class: 'name' }, executionLink(row.executionArn, row.name)),
      h('td', {}, row.tenantId ?? '–'),
      h('td', { class: 'time' }, formatTime(row.startDate)),
      h('td', { class: 'number' }, formatDuration(row.durationMs)),
      h('td', {}, failed),
      h('td', { class: 'number' }, row.retries > 0 ? String(row.retries) : '–'),
      actions,
    );
  }

  function render(): void {
    const shown = rows.filter((r) => filter === 'ALL' || r.status === filter || (filter === 'FAILED' && REPLAYABLE.has(r.status)));
    const byStatus = (status: string) => rows.filter((r) => r.status === status).length;
    counts.textContent = `${rows.length} executions: ${byStatus('RUNNING')} running, ${byStatus('SUCCEEDED')} succeeded, ${rows.length - byStatus('RUNNING') - byStatus('SUCCEEDED')} failed`;
    if (shown.length === 0) {
      (emptyRow.cells[0] as HTMLTableCellElement).textContent = rows.length === 0 ? 'No signups yet: sign up a test user above.' : 'No execution with this status.';
      tbody.replaceChildren(emptyRow);
      return;
    }
    emptyRow.remove();
    reconcileRows(
      tbody,
      shown,
      (row) => row.executionArn,
      (row) => JSON.stringify([row, row.signupId === highlight]),
      buildRow,
    );
  }

  async function refresh(): Promise<void> {
    rows = await api.executions();
    render();
  }

  const faults = faultsPanel();
  const element = h(
    'div',
    { class: 'page executions-page' },
    h('h1', {}, 'Signups'),
    card('Sign up a test user', form, feedback),
    faults.element,
    card('Executions', h('div', { class: 'toolbar' }, filterBar, counts), tableHost),
  );
  return {
    title: 'Signups',
    element,
    refresh: async (changes) => {
      if (!changes || changes.some((c) => c.topic === 'executions')) await refresh();
      if (!changes || changes.some((c) => c.topic === 'faults' || c.topic === 'executions')) await faults.refresh();
    },
  };
}
