/** Pieces every page uses: cards, status badges, tables, messages. */
import type { ConsoleChange } from '../../src/console/console-feed';
import { h, replaceContent } from './dom';
import { OUTCOME_LABELS, statusLabel } from './format';

/** A page of the console: its element, and how it reads its data again when something changed. */
export interface Page {
  title: string;
  element: HTMLElement;
  refresh(changes?: ConsoleChange[]): Promise<void>;
  dispose?(): void;
}

export function card(title: string, ...children: (Node | string | false | undefined)[]): HTMLElement {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge status-${status.toLowerCase()}` }, statusLabel(status));
}

export function outcomeBadge(outcome: string): HTMLElement {
  return h('span', { class: `badge outcome-${outcome}` }, OUTCOME_LABELS[outcome] ?? outcome);
}

export function executionLink(arn: string, text: string): HTMLAnchorElement {
  return h('a', { href: `#/executions/${encodeURIComponent(arn)}`, 'data-focus-key': `execution:${arn}` }, text);
}

/** A table with a header row; `rows` empty shows `empty` across the columns. */
export function table(headers: string[], rows: HTMLTableRowElement[], empty: string, label: string): HTMLTableElement {
  return h(
    'table',
    { class: 'grid', 'aria-label': label },
    h('thead', {}, h('tr', {}, ...headers.map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, ...(rows.length > 0 ? rows : [h('tr', { class: 'empty' }, h('td', { colspan: headers.length }, empty))])),
  );
}

/** A message line: `role=status` for news, `role=alert` for errors. */
export function message(kind: 'info' | 'error', ...children: (Node | string)[]): HTMLElement {
  return h('p', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Updates a table body to `items`, keeping the row element of every item whose content did not
 * change (same `signature`): a live refresh then leaves alone the row under the mouse or the
 * keyboard focus, and a click on it is not lost to a re-render.
 */
export function reconcileRows<T>(tbody: HTMLTableSectionElement, items: T[], key: (item: T) => string, signature: (item: T) => string, build: (item: T) => HTMLTableRowElement): void {
  const existing = new Map<string, HTMLTableRowElement>();
  for (const row of Array.from(tbody.rows)) if (row.dataset['key'] !== undefined) existing.set(row.dataset['key'], row);
  const rows = items.map((item) => {
    const id = key(item);
    const sig = signature(item);
    const kept = existing.get(id);
    if (kept && kept.dataset['signature'] === sig) return kept;
    const row = build(item);
    row.dataset['key'] = id;
    row.dataset['signature'] = sig;
    return row;
  });
  rows.forEach((row, i) => {
    if (tbody.rows[i] !== row) tbody.insertBefore(row, tbody.rows[i] ?? null);
  });
  while (tbody.rows.length > rows.length) tbody.deleteRow(rows.length);
}

/**
 * Draws `render()` into `host` only when `data` differs from what was drawn last: a live refresh
 * with nothing new leaves the page alone (an opened detail stays open, a selection stays).
 */
export function drawWhenChanged(): (host: Element, data: unknown, render: () => (Node | string | false | undefined)[]) => void {
  const drawn = new WeakMap<Element, string>();
  return (host, data, render) => {
    const signature = JSON.stringify(data);
    if (drawn.get(host) === signature) return;
    drawn.set(host, signature);
    replaceContent(host, ...render());
  };
}
