/**
 * Where an event goes: the rules of its bus whose pattern matches it (matched by
 * `@onboarding/event-patterns`, the same matcher the local cloud uses), their targets, and the
 * archives that keep it. Shared by the measurement (which invokes the targets for real) and the
 * cost walk (which prices them).
 */
import { matchesPattern } from '@onboarding/event-patterns';
import { findFunction, type CostAssembly, type FunctionResource, type StateMachineResource } from './read-assemblies';

/** An event as a function or a state machine puts it. */
export interface BusEvent {
  busName: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/** A rule target, by kind. */
export type RoutedTarget =
  | { kind: 'function'; rule: string; fn: FunctionResource }
  | { kind: 'state-machine'; rule: string; machine: StateMachineResource }
  | { kind: 'other'; rule: string; arn: string };

/** The event as EventBridge delivers it to a target. */
export function envelopeOf(event: BusEvent, id = '00000000-0000-4000-8000-000000000000'): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': event.detailType,
    source: event.source,
    account: '123456789012',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: event.detail,
  };
}

/** The targets of every enabled rule on the event's bus that matches it. */
export function routeEvent(assembly: CostAssembly, event: BusEvent): RoutedTarget[] {
  const envelope = envelopeOf(event);
  const targets: RoutedTarget[] = [];
  for (const rule of assembly.rules) {
    if (rule.busName !== event.busName || rule.state !== 'ENABLED') continue;
    if (!matchesPattern(rule.eventPattern, envelope)) continue;
    for (const arn of rule.targets) {
      const fn = findFunction(assembly, arn);
      const machine = assembly.stateMachines.find((m) => m.arn === arn);
      if (fn) targets.push({ kind: 'function', rule: rule.name, fn });
      else if (machine) targets.push({ kind: 'state-machine', rule: rule.name, machine });
      else targets.push({ kind: 'other', rule: rule.name, arn });
    }
  }
  return targets;
}

/** How many archives on the event's bus keep it. */
export function archivesKeeping(assembly: CostAssembly, event: BusEvent): number {
  const bus = assembly.buses.find((b) => b.busName === event.busName);
  if (!bus) return 0;
  const envelope = envelopeOf(event);
  return bus.archives.filter((archive) => !archive.eventPattern || matchesPattern(archive.eventPattern, envelope)).length;
}
