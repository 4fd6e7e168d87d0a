/**
 * Live updates: listens to the console's server-sent change notes and tells the current page to
 * read its data again, at most a few times a second. If the stream cannot be opened the page
 * polls instead, so the view stays live either way.
 */
import type { ConsoleChange } from '../../src/console/console-feed';

export type LiveState = 'live' | 'reconnecting' | 'polling';

export interface LiveFeed {
  onChange(listener: (changes: ConsoleChange[]) => void): void;
  onState(listener: (state: LiveState) => void): void;
}

const POLL_MS = 2000;

export function connectLive(): LiveFeed {
  const changeListeners: ((changes: ConsoleChange[]) => void)[] = [];
  const stateListeners: ((state: LiveState) => void)[] = [];
  const emit = (changes: ConsoleChange[]) => changeListeners.forEach((l) => l(changes));
  const setState = (state: LiveState) => stateListeners.forEach((l) => l(state));
  let poller: number | undefined;
  const poll = () => {
    if (poller === undefined) poller = window.setInterval(() => emit([{ topic: 'executions' }, { topic: 'events' }, { topic: 'webhook' }]), POLL_MS);
    setState('polling');
  };
  if (typeof EventSource === 'undefined') {
    poll();
  } else {
    const source = new EventSource('/api/stream');
    let failures = 0;
    source.addEventListener('ready', () => {
      failures = 0;
      if (poller !== undefined) window.clearInterval(poller);
      poller = undefined;
      setState('live');
      // Whatever happened while disconnected: read everything again.
      emit([{ topic: 'executions' }, { topic: 'events' }, { topic: 'webhook' }]);
    });
    source.addEventListener('change', (event) => emit(JSON.parse((event as MessageEvent<string>).data) as ConsoleChange[]));
    source.addEventListener('error', () => {
      failures++;
      if (failures >= 3) poll();
      else setState('reconnecting');
    });
  }
  return {
    onChange: (listener) => void changeListeners.push(listener),
    onState: (listener) => void stateListeners.push(listener),
  };
}
