/** What the Slack/webhook sink received, newest first. */
import { api } from '../api';
import { h, prettyJson } from '../dom';
import { formatTime } from '../format';
import { card, drawWhenChanged, table, type Page } from '../ui';

export function webhookPage(): Page {
  const host = h('div');
  const draw = drawWhenChanged();
  const element = h('div', { class: 'page' }, h('h1', {}, 'Webhook'), card('Messages received by the webhook sink', host));
  return {
    title: 'Webhook',
    element,
    refresh: async () => {
      const messages = await api.webhook();
      const rows = messages
        .slice()
        .reverse()
        .map((m) => h('tr', {}, h('td', { class: 'time' }, formatTime(m.receivedAt)), h('td', {}, `${m.method} ${m.path}`), h('td', {}, h('pre', { class: 'inline-json' }, prettyJson(m.body)))));
      draw(host, messages, () => [table(['Received', 'Request', 'Body'], rows, 'No message received yet.', 'Webhook messages')]);
    },
  };
}
