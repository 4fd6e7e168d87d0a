/**
 * The mail the SES v2 emulator received, newest first. An HTML body is shown in a sandboxed frame
 * (no scripts, no same-origin access), so a mail cannot act on the console.
 */
import { api, type SentEmail } from '../api';
import { h } from '../dom';
import { formatTime } from '../format';
import { card, drawWhenChanged, type Page } from '../ui';

export function emailCard(mail: SentEmail): HTMLElement {
  const to = [...mail.destination.to, ...mail.destination.cc].join(', ');
  const body = h('div', { class: 'mail-body' });
  if (mail.body.text) body.append(h('pre', { class: 'mail-text' }, mail.body.text));
  if (mail.body.html) {
    const frame = h('iframe', { class: 'mail-html', sandbox: '', title: `HTML body of "${mail.subject}"`, loading: 'lazy' });
    frame.srcdoc = mail.body.html;
    body.append(h('details', { class: 'json' }, h('summary', {}, 'HTML version'), frame));
  }
  return h(
    'article',
    { class: 'mail', 'data-message-id': mail.messageId },
    h('header', {}, h('strong', { class: 'subject' }, mail.subject || '(no subject)'), h('span', { class: 'muted' }, ` ${formatTime(mail.at * 1000)}`)),
    h('p', { class: 'mail-meta' }, 'To ', h('span', { class: 'to' }, to || '–'), ' · from ', mail.from),
    body,
  );
}

export function emailsPage(): Page {
  const host = h('div');
  const draw = drawWhenChanged();
  const element = h('div', { class: 'page' }, h('h1', {}, 'Emails'), card('Sent through SES v2', host));
  return {
    title: 'Emails',
    element,
    refresh: async () => {
      const mails = await api.emails();
      draw(host, mails, () => (mails.length > 0 ? mails.map(emailCard) : [h('p', { class: 'muted' }, 'No email sent yet.')]));
    },
  };
}
