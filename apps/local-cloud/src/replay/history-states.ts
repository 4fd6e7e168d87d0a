/**
 * Which state each event of an execution history belongs to. Inside a Parallel, branches run at
 * once and their events interleave, so "the state entered last" is not the answer; the history's
 * `previousEventId` chain is: a state's task events point back to an earlier event of that same
 * state (its StateEntered, or the previous attempt's outcome).
 */
import type { HistoryEvent } from '../stepfunctions';

/** Event id → the name of the state it belongs to (events of no state are left out). */
export function stateNamesByEvent(events: readonly HistoryEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const event of events) {
    const entered = event.stateEnteredEventDetails?.['name'];
    if (event.type.endsWith('StateEntered') && typeof entered === 'string') names.set(event.id, entered);
    else {
      const owner = names.get(event.previousEventId);
      if (owner !== undefined) names.set(event.id, owner);
    }
  }
  return names;
}

/** The events of one state, in history order. */
export function eventsOfState(events: readonly HistoryEvent[], stateName: string): HistoryEvent[] {
  const names = stateNamesByEvent(events);
  return events.filter((e) => names.get(e.id) === stateName);
}
