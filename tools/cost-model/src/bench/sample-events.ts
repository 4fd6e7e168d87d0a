/**
 * A valid first event for every function of the onboarding, derived from the system itself: the
 * HTTP API event of the entry route (profile/entry.json), the EventBridge envelope of each event
 * the measured profile says a function publishes (for the functions its rules invoke), and each
 * Lambda task's payload as the state machine computes it (walking the definition on every path,
 * so the compensation steps get theirs too). Each use gets fresh ids (src/measure/fresh-ids).
 */
import { randomUUID } from 'node:crypto';
import { findFunction, type CostAssembly, type FunctionResource } from '../assembly/read-assemblies';
import { envelopeOf, routeEvent } from '../assembly/event-routing';
import { findOnboardingExecution, sampleTaskRunner } from '../cost/onboarding-cost';
import { httpApiEvent, type EntryRequest } from '../measure/measure-profile';
import type { MeasuredProfile } from '../profile/function-profile';
import { enumerateScenarios } from '../workflow/scenarios';

/** The key of a function across builds: its app and construct name (logical ids may change). */
export function functionKey(fn: Pick<FunctionResource, 'app' | 'name'>): string {
  return `${fn.app}/${fn.name}`;
}

/** A sample event per function key. */
export async function sampleEvents(assembly: CostAssembly, profile: MeasuredProfile, entry: EntryRequest): Promise<Map<string, unknown>> {
  const events = new Map<string, unknown>();
  const route = assembly.httpRoutes.find((r) => r.routeKey === entry.route);
  const entryFn = route && findFunction(assembly, route.functionArn);
  if (entryFn) events.set(functionKey(entryFn), httpApiEvent(entry.route, JSON.parse(JSON.stringify(entry.body).split('{unique}').join('sample')) as unknown));
  for (const fn of Object.values(profile.functions)) {
    for (const event of fn.publishes ?? []) {
      for (const target of routeEvent(assembly, event)) {
        if (target.kind === 'function' && !events.has(functionKey(target.fn))) events.set(functionKey(target.fn), envelopeOf(event, randomUUID()));
      }
    }
  }
  const { machine, input } = findOnboardingExecution(assembly, profile, entry.route);
  const paths = await enumerateScenarios({ definition: machine.definition, input, succeed: sampleTaskRunner(assembly, profile) });
  for (const { walk } of paths) {
    for (const task of walk.tasks) {
      const args = (task.args ?? {}) as Record<string, unknown>;
      const optimized = /:states:::lambda:invoke/.test(task.resource);
      const fn = findFunction(assembly, optimized ? String(args['FunctionName']) : task.resource);
      if (fn && !events.has(functionKey(fn))) events.set(functionKey(fn), optimized ? args['Payload'] : args);
    }
  }
  return events;
}
