/** What went over the bus, newest first, with the rules each event matched; and the dead letters. */
import { api, type DeadLetterView, type RecordedEventView } from '../api';
import { h, prettyJson } from '../dom';
import { formatTime } from '../format';
import { card, drawWhenChanged, table, type Page } from '../ui';

export function eventsPage(): Page {
  const eventsHost = h('div');
  const lettersHost = h('div');
  const draw = drawWhenChanged();
  const element = h('div', { class: 'page' }, h('h1', {}, 'Bus events'), card('Events accepted by EventBridge', eventsHost), card('Dead letters', lettersHost));
  return {
    title: 'Bus events',
    element,
    refresh: async () => {
      const [events, letters] = await Promise.all([api.events(), api.deadLetters()]);
      draw(eventsHost, events, () => [eventsTable(events)]);
      draw(lettersHost, letters, () => [lettersTable(letters)]);
    },
  };
}

function eventsTable(events: RecordedEventView[]): HTMLTableElement {
  const rows = events
    .slice()
    .reverse()
    .slice(0, 500)
    .map((e) =>
      h(
        'tr',
        { 'data-event-id': e.id },
        h('td', { class: 'time' }, formatTime(e.time)),
        h('td', {}, e.eventBusName),
        h('td', {}, e.source),
        h('td', {}, e['detail-type']),
        h('td', { class: 'key' }, typeof e.detail['signupId'] === 'string' ? e.detail['signupId'] : '–'),
        h('td', {}, e.matchedRules.length > 0 ? h('span', {}, ...e.matchedRules.map((r) => h('span', { class: 'chip' }, r))) : h('span', { class: 'muted' }, 'none')),
        h('td', {}, h('details', { class: 'json' }, h('summary', {}, 'detail'), h('pre', {}, prettyJson(e.detail)))),
      ),
    );
  return table(['Time', 'Bus', 'Source', 'Detail type', 'Signup', 'Rules matched', ''], rows, 'No event on the bus yet.', 'Bus events');
}

function lettersTable(letters: DeadLetterView[]): HTMLTableElement {
  const rows = letters
    .slice()
    .reverse()
    .map((l) =>
      h(
        'tr',
        {},
        h('td', { class: 'time' }, formatTime(l.receivedAt)),
        h('td', {}, l.queue),
        h('td', {}, l.source),
        h('td', {}, h('details', { class: 'json' }, h('summary', {}, 'message'), h('pre', {}, prettyJson(l.body)))),
      ),
    );
  return table(['Received', 'Queue', 'From', ''], rows, 'No dead letter: every delivery succeeded.', 'Dead letters');
}
