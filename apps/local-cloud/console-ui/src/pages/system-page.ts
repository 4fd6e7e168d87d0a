/** The local cloud itself: its endpoints, each function's counters, and the JSON API. */
import { api } from '../api';
import { h, replaceContent } from '../dom';
import { card, table, type Page } from '../ui';

const JSON_API = ['model', 'endpoints', 'functions', 'logs', 'events', 'executions', 'dead-letters', 'requests', 'emails', 'storage', 'webhook', 'contracts'];

export function systemPage(): Page {
  const endpointsHost = h('div');
  const functionsHost = h('div');
  const element = h(
    'div',
    { class: 'page' },
    h('h1', {}, 'System'),
    card('Endpoints', endpointsHost),
    card('Functions', functionsHost),
    card('JSON API', h('p', {}, ...JSON_API.flatMap((p, i) => [i > 0 ? ' · ' : '', h('a', { href: `/api/${p}` }, `/api/${p}`)]))),
  );
  return {
    title: 'System',
    element,
    refresh: async () => {
      const [endpoints, functions] = await Promise.all([api.endpoints(), api.functions()]);
      replaceContent(
        endpointsHost,
        table(['Service', 'URL'], Object.entries(endpoints).map(([name, url]) => h('tr', {}, h('td', {}, name), h('td', {}, h('code', {}, url)))), '', 'Endpoints'),
      );
      const rows = functions.map((f) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `/api/logs?function=${encodeURIComponent(f.functionName)}` }, f.functionName)),
          h('td', { class: 'number' }, String(f.invocations)),
          h('td', { class: 'number' }, String(f.errors)),
          h('td', { class: 'number' }, String(f.timeouts)),
          h('td', { class: 'number' }, String(f.coldStarts)),
          h('td', { class: 'number' }, String(f.inFlight)),
        ),
      );
      replaceContent(functionsHost, table(['Function (logs)', 'Invocations', 'Errors', 'Timeouts', 'Cold starts', 'In flight'], rows, 'No function.', 'Functions'));
    },
  };
}
