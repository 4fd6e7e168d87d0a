/**
 * The console page: a header with the sections, and the current section below it, chosen by the
 * URL's hash (`#/`, `#/executions/<arn>`, `#/events`, `#/emails`, `#/storage`, `#/webhook`,
 * `#/contracts`, `#/system`), so every view has a link and the back button works. The section reads its data
 * again whenever the live feed says something changed, at most a few times a second.
 */
import './console.css';
import type { ConsoleChange } from '../../src/console/console-feed';
import { h, replaceContent } from './dom';
import { connectLive, type LiveState } from './live';
import { contractsPage } from './pages/contracts-page';
import { emailsPage } from './pages/emails-page';
import { eventsPage } from './pages/events-page';
import { executionPage } from './pages/execution-page';
import { executionsPage } from './pages/executions-page';
import { storagePage } from './pages/storage-page';
import { systemPage } from './pages/system-page';
import { webhookPage } from './pages/webhook-page';
import { errorText, message, type Page } from './ui';

const SECTIONS = [
  { hash: '#/', label: 'Signups', page: executionsPage },
  { hash: '#/events', label: 'Bus events', page: eventsPage },
  { hash: '#/emails', label: 'Emails', page: emailsPage },
  { hash: '#/storage', label: 'Storage', page: storagePage },
  { hash: '#/webhook', label: 'Webhook', page: webhookPage },
  { hash: '#/contracts', label: 'Contracts', page: contractsPage },
  { hash: '#/system', label: 'System', page: systemPage },
];
const MIN_REFRESH_GAP_MS = 250;

function pageFor(hash: string): Page {
  const execution = /^#\/executions\/(.+)$/.exec(hash);
  if (execution?.[1]) return executionPage(decodeURIComponent(execution[1]));
  const section = SECTIONS.find((s) => s.hash === hash) ?? SECTIONS[0];
  return section ? section.page() : executionsPage();
}

function start(): void {
  const root = document.getElementById('app') as HTMLElement;
  const liveIndicator = h('span', { class: 'live-state', role: 'status' }, 'Connecting…');
  const nav = h(
    'nav',
    { class: 'sections', 'aria-label': 'Sections' },
    ...SECTIONS.map((s) => h('a', { href: s.hash, 'data-section': s.hash }, s.label)),
  );
  const main = h('main', { id: 'main', tabindex: '-1' });
  root.append(
    h('a', { class: 'skip-link', href: '#main', onclick: ((event: Event) => (event.preventDefault(), main.focus())) as EventListener }, 'Skip to content'),
    h('header', { class: 'top' }, h('a', { class: 'brand', href: '#/' }, 'Onboarding local cloud'), nav, liveIndicator),
    main,
  );

  let page: Page | undefined;
  let refreshing = false;
  /** Changes that arrived during a refresh; `all` when the page must read everything (it is new). */
  let queued: ConsoleChange[] | 'all' | undefined;
  let lastRefresh = 0;

  const refresh = async (changes?: ConsoleChange[]) => {
    if (refreshing) {
      queued = changes === undefined || queued === 'all' ? 'all' : [...(queued ?? []), ...changes];
      return;
    }
    const current = page;
    if (!current) return;
    refreshing = true;
    // Lets scripts (screenshots) wait until the page shows what it read.
    main.dataset['refreshing'] = 'true';
    try {
      const wait = lastRefresh + MIN_REFRESH_GAP_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastRefresh = Date.now();
      await current.refresh(changes);
      if (current === page) main.querySelector(':scope > .load-error')?.remove();
    } catch (error) {
      if (current === page && !main.querySelector(':scope > .load-error')) main.prepend(h('div', { class: 'load-error' }, message('error', `Could not load this page: ${errorText(error)}`)));
    } finally {
      refreshing = false;
      // Whatever arrived meanwhile goes to the page shown now (it may be another one).
      if (queued !== undefined) {
        const next = queued;
        queued = undefined;
        void refresh(next === 'all' ? undefined : next);
      } else {
        main.dataset['refreshing'] = 'false';
      }
    }
  };

  const show = () => {
    page?.dispose?.();
    const hash = location.hash || '#/';
    page = pageFor(hash);
    document.title = `${page.title} · Onboarding local cloud`;
    const section = hash.startsWith('#/executions/') ? '#/' : hash;
    nav.querySelectorAll('a').forEach((a) => (a.dataset['section'] === section ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
    replaceContent(main, page.element);
    void refresh();
  };
  window.addEventListener('hashchange', () => {
    show();
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
  show();

  const live = connectLive();
  const labels: Record<LiveState, string> = { live: 'Live', reconnecting: 'Reconnecting…', polling: 'Polling' };
  live.onState((state) => {
    liveIndicator.textContent = labels[state];
    liveIndicator.dataset['state'] = state;
  });
  live.onChange((changes) => void refresh(changes));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
