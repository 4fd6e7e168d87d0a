/**
 * The fault-injection panel, shown when the local cloud serves `/api/faults` (src/faults): the
 * faults set, what they did, and a field to set new ones in the `ONBOARDING_FAULTS` syntax.
 */
import { ApiError, getJson } from '../api';
import { h, replaceContent } from '../dom';
import { formatTime } from '../format';
import { card, errorText, message, table } from '../ui';

interface FaultsView {
  faults: { fault: string; remaining: number | string; fired: number; functions: string[] }[];
  injected?: { time: string; functionName: string; fault: string; effect: string }[];
}

const EXAMPLES = ['email-service:fail:2', 'email-service:fail:always', 'notifier:timeout:200ms:always', 'user-service/CreateUser:slow:500ms:3'];

async function send(method: 'PUT' | 'DELETE', body?: unknown): Promise<void> {
  const response = await fetch('/api/faults', {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(response.status, problem.error ?? 'Error', problem.message ?? response.statusText);
  }
}

export function faultsPanel(): { element: HTMLElement; refresh(): Promise<void> } {
  const listHost = h('div');
  const feedback = h('div', { 'aria-live': 'polite' });
  const spec = h('input', { id: 'fault-spec', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: EXAMPLES[0], list: 'fault-examples' });
  const examples = h('datalist', { id: 'fault-examples' }, ...EXAMPLES.map((e) => h('option', { value: e })));
  const setButton = h('button', { type: 'submit', class: 'primary' }, 'Set faults');
  const clearButton = h('button', { type: 'button' }, 'Clear faults');
  const form = h(
    'form',
    { class: 'fault-form', 'aria-label': 'Inject faults' },
    h('label', { for: 'fault-spec' }, 'Faults', spec),
    examples,
    setButton,
    clearButton,
  );
  const hint = h(
    'p',
    { class: 'hint' },
    'Comma-separated ',
    h('code', {}, '<app>[/<function>]:<fail[:permanent]|timeout[:200ms]|slow:<duration>>[:N|always|P%]'),
    ', e.g. ',
    h('code', {}, EXAMPLES[0]),
    ' (fails twice, then the retry succeeds).',
  );
  const element = card('Fault injection', form, hint, feedback, listHost);
  element.hidden = true;

  const act = async (what: () => Promise<void>, done: string) => {
    try {
      await what();
      replaceContent(feedback, message('info', done));
      await refresh();
    } catch (error) {
      replaceContent(feedback, message('error', errorText(error)));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(() => send('PUT', { faults: spec.value.trim() }), `Faults set: ${spec.value.trim() || 'none'}`);
  });
  clearButton.addEventListener('click', () => void act(() => send('DELETE'), 'Every fault cleared.'));

  async function refresh(): Promise<void> {
    let view: FaultsView;
    try {
      view = await getJson<FaultsView>('/api/faults');
    } catch (error) {
      // No fault injection in this local cloud: the panel stays hidden.
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return;
      throw error;
    }
    element.hidden = false;
    const rows = view.faults.map((f) =>
      h('tr', {}, h('td', {}, h('code', {}, f.fault)), h('td', { class: 'number' }, String(f.remaining)), h('td', { class: 'number' }, String(f.fired)), h('td', {}, f.functions.join(', '))),
    );
    const recent = (view.injected ?? []).slice(-5).reverse();
    replaceContent(
      listHost,
      table(['Fault', 'Remaining', 'Fired', 'Functions'], rows, 'No fault set: every function behaves.', 'Active faults'),
      recent.length > 0 ? h('ul', { class: 'injected' }, ...recent.map((r) => h('li', {}, `${formatTime(r.time)} ${r.functionName}: ${r.effect}`))) : '',
    );
  }
  return { element, refresh };
}
