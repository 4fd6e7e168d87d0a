/**
 * The contracts: every event and step contract version of the generated event catalog, who
 * produces and consumes it, and which rules, state machines and functions of this local cloud use
 * it (read from the running model, see src/console/contracts.ts).
 */
import type { ContractOverview, ContractUse } from '../../../src/console/contracts';
import { getJson } from '../api';
import { h } from '../dom';
import { card, drawWhenChanged, message, table, type Page } from '../ui';

const HOW: Record<ContractUse['how'], string> = {
  matches: 'matches it',
  receives: 'receives it (rule target)',
  publishes: 'publishes it',
  calls: 'calls it',
  implements: 'implements it',
};

const apps = (list: string[]) => (list.length > 0 ? list.join(', ') : 'none');

function usesList(uses: ContractUse[]): HTMLElement {
  if (uses.length === 0) return h('span', { class: 'muted' }, 'nothing in this local cloud');
  return h('ul', { class: 'uses' }, ...uses.map((use) => h('li', { 'data-use': `${use.what}:${use.name}` }, h('span', { class: 'muted' }, `${use.what} `), h('code', {}, use.name), ` (${use.app}) ${HOW[use.how]}`)));
}

function row(contract: ContractOverview): HTMLTableRowElement {
  const on = contract.kind === 'event' ? [h('code', {}, contract.source ?? ''), h('br'), h('code', {}, contract.detailType ?? '')] : ['state machine ⇄ function'];
  return h(
    'tr',
    { 'data-contract': contract.ref },
    h('th', { scope: 'row' }, `${contract.name} v${contract.version}`, h('br'), h('code', { class: 'muted' }, contract.packageName)),
    h('td', {}, contract.description),
    h('td', {}, ...on),
    h('td', {}, apps(contract.producers)),
    h('td', {}, apps(contract.consumers)),
    h('td', {}, usesList(contract.uses)),
  );
}

export function contractsPage(): Page {
  const eventsHost = h('div');
  const stepsHost = h('div');
  const noteHost = h('div');
  const draw = drawWhenChanged();
  const element = h(
    'div',
    { class: 'page' },
    h('h1', {}, 'Contracts'),
    h('p', { class: 'muted' }, 'From the generated event catalog (docs/event-catalog, npm run catalog); what uses each version is read from the running templates.'),
    noteHost,
    card('Events', eventsHost),
    card('Steps', stepsHost),
  );
  const headers = (producers: string, consumers: string) => ['Contract', 'What it is', 'On', producers, consumers, 'Used here by'];
  return {
    title: 'Contracts',
    element,
    refresh: async () => {
      const { contracts, note } = await getJson<{ contracts: ContractOverview[]; note?: string }>('/api/contracts');
      draw(noteHost, note ?? '', () => (note ? [message('error', note)] : []));
      const events = contracts.filter((c) => c.kind === 'event');
      const steps = contracts.filter((c) => c.kind === 'step');
      draw(eventsHost, events, () => [table(headers('Published by', 'Consumed by'), events.map(row), 'No event contract.', 'Event contracts')]);
      draw(stepsHost, steps, () => [table(headers('Called by', 'Implemented by'), steps.map(row), 'No step contract.', 'Step contracts')]);
    },
  };
}
