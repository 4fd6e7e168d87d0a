/**
 * The console's contracts page (`GET /api/contracts`): every contract version of the generated
 * event catalog (`docs/event-catalog/catalog.json`, `npm run catalog`), with what of this running
 * local cloud uses it, found in the model rather than written down:
 *
 * - an event: the rules whose pattern matches one of its examples, and their targets (consumers);
 *   the state machines whose PutEvents tasks write it, and the functions of its producing apps
 *   whose role may put events on a bus (producers);
 * - a step: the function that implements it (the one whose ARN the app publishes as
 *   `/onboarding/<app>/functions/<Step>/arn`) and the state machines whose tasks call that function.
 */
import { compilePattern } from '@onboarding/event-patterns';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepsOfFunctions } from '../faults/step-errors';
import type { CloudModel } from '../model';

/** Where the catalog is, relative to the workspace root. */
export const CATALOG_FILE = 'docs/event-catalog/catalog.json';

/** The part of a catalog entry the page reads (see tools/workspace-checks/src/contracts/catalog.ts). */
export interface CatalogContract {
  ref: string;
  kind: 'event' | 'step';
  name: string;
  version: string;
  description: string;
  packageName: string;
  folder: string;
  source?: string;
  detailType?: string;
  producers: string[];
  consumers: string[];
  examples: { name: string; value: unknown }[];
}

/** One thing of the local cloud that uses a contract. */
export interface ContractUse {
  what: 'rule' | 'function' | 'state machine';
  name: string;
  app: string;
  /** How it uses the contract. */
  how: 'matches' | 'receives' | 'publishes' | 'calls' | 'implements';
}

/** A contract version as the page shows it. */
export type ContractOverview = Omit<CatalogContract, 'examples'> & { uses: ContractUse[] };

/** The catalog's contracts; an empty list with a note when the catalog file is missing or unreadable. */
export function readCatalog(workspaceRoot: string): { contracts: CatalogContract[]; note?: string } {
  const file = join(workspaceRoot, CATALOG_FILE);
  if (!existsSync(file)) return { contracts: [], note: `No ${CATALOG_FILE}: run npm run catalog` };
  try {
    return { contracts: (JSON.parse(readFileSync(file, 'utf8')) as { contracts: CatalogContract[] }).contracts };
  } catch (error) {
    return { contracts: [], note: `${CATALOG_FILE} cannot be read: ${(error as Error).message}` };
  }
}

type State = Record<string, unknown>;
const isObject = (value: unknown): value is State => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every Task state of a definition, nested ones (Parallel branches, Map processors) included. */
function tasks(definition: unknown): [string, State][] {
  if (!isObject(definition) || !isObject(definition['States'])) return [];
  return Object.entries(definition['States']).flatMap(([name, state]): [string, State][] => {
    if (!isObject(state)) return [];
    const nested = [...(Array.isArray(state['Branches']) ? state['Branches'] : []), state['ItemProcessor'], state['Iterator']].flatMap(tasks);
    return state['Type'] === 'Task' ? [[name, state], ...nested] : nested;
  });
}

const unqualified = (arn: string) => /^(arn:aws:lambda:[^:]*:[^:]*:function:[^:]+)/.exec(arn)?.[1] ?? arn;

function eventUses(contract: CatalogContract, model: CloudModel): ContractUse[] {
  const uses: ContractUse[] = [];
  const events = contract.examples.map((e) => ({ version: '0', id: 'example', 'detail-type': contract.detailType, source: contract.source, account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: e.value }));
  for (const rule of model.rules) {
    if (!events.some((event) => compilePattern(rule.eventPattern).matches(event))) continue;
    uses.push({ what: 'rule', name: rule.name, app: rule.app, how: 'matches' });
    for (const target of rule.targets) {
      const fn = model.functions.find((f) => f.arn === unqualified(target.arn));
      const machine = model.stateMachines.find((m) => m.arn === target.arn);
      if (fn) uses.push({ what: 'function', name: fn.functionName, app: fn.app, how: 'receives' });
      if (machine) uses.push({ what: 'state machine', name: machine.name, app: machine.app, how: 'receives' });
    }
  }
  for (const machine of model.stateMachines) {
    const writes = tasks(machine.definition).some(([, state]) => {
      if (typeof state['Resource'] !== 'string' || !state['Resource'].endsWith(':states:::events:putEvents')) return false;
      const entries = isObject(state['Parameters']) && Array.isArray(state['Parameters']['Entries']) ? state['Parameters']['Entries'] : [];
      return entries.some((entry) => isObject(entry) && entry['Source'] === contract.source && entry['DetailType'] === contract.detailType && isObject(entry['Detail']) && entry['Detail']['version'] === contract.version);
    });
    if (writes) uses.push({ what: 'state machine', name: machine.name, app: machine.app, how: 'publishes' });
  }
  for (const fn of model.functions.filter((f) => contract.producers.includes(f.app))) {
    const statements = fn.roleArn ? (model.roles[fn.roleArn]?.statements ?? []) : [];
    if (statements.some((s) => s.Effect === 'Allow' && s.Action.some((a) => a === 'events:PutEvents' || a === 'events:*'))) uses.push({ what: 'function', name: fn.functionName, app: fn.app, how: 'publishes' });
  }
  return uses;
}

function stepUses(contract: CatalogContract, model: CloudModel, steps: Map<string, string>): ContractUse[] {
  const uses: ContractUse[] = [];
  const implementers = model.functions.filter((f) => steps.get(f.functionName) === contract.name);
  for (const fn of implementers) uses.push({ what: 'function', name: fn.functionName, app: fn.app, how: 'implements' });
  for (const machine of model.stateMachines) {
    const calls = tasks(machine.definition).some(([, state]) => {
      const parameters = isObject(state['Parameters']) ? state['Parameters'] : {};
      const target = typeof parameters['FunctionName'] === 'string' ? parameters['FunctionName'] : state['Resource'];
      return typeof target === 'string' && implementers.some((f) => f.arn === unqualified(target));
    });
    if (calls) uses.push({ what: 'state machine', name: machine.name, app: machine.app, how: 'calls' });
  }
  return uses;
}

/** Each contract of the catalog with the rules, state machines and functions of `model` that use it. */
export function contractsOverview(contracts: readonly CatalogContract[], model: CloudModel): ContractOverview[] {
  const steps = stepsOfFunctions(model);
  return contracts.map(({ examples: _examples, ...contract }) => ({
    ...contract,
    uses: contract.kind === 'event' ? eventUses({ ...contract, examples: _examples }, model) : stepUses({ ...contract, examples: _examples }, model, steps),
  }));
}
