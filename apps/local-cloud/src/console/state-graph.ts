/**
 * The graph of a state machine, read from its ASL definition: one node per state, one edge per
 * transition (Next, Choice rules and Default, Catch). Parallel branches and a Map's item processor
 * are nested graphs inside their state, so the layout can draw them as containers. Pure: no DOM,
 * shared by the console server, its page and the unit tests.
 */

/** Ids of the start and end markers of the top-level graph (control characters cannot occur in ASL state names). */
export const START_ID = '\u0000start';
export const END_ID = '\u0000end';

/** How control goes from one state to another. */
export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** A short text for the edge (a Choice rule, the caught errors). */
  label?: string;
}

export interface GraphState {
  name: string;
  /** ASL `Type`: Task, Pass, Choice, Parallel, Map, Wait, Succeed, Fail. */
  type: string;
  comment?: string;
  /** True when the state ends its (sub)machine: `End: true`, Succeed or Fail. */
  terminal: boolean;
  /** True for states that undo earlier work (see {@link isCompensationState}). */
  compensation: boolean;
  /** The branches of a Parallel state, or the item processor of a Map state (one graph). */
  children?: MachineGraph[];
}

/** One (sub)machine: its states in definition order and the transitions between them. */
export interface MachineGraph {
  startAt: string;
  states: GraphState[];
  edges: GraphEdge[];
}

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Verbs that name a step undoing earlier work, and the verbs of the work they undo. */
const UNDO_VERB = /^(Delete|Remove|Undo|Revert|Rollback|Cancel|Refund|Release|Destroy|Deprovision)(?=[A-Z])/;
const DO_VERB = /^(Create|Add|Put|Insert|Provision|Reserve|Charge|Book|Register|Allocate|Start)(?=[A-Z])/;

/**
 * The state a compensation step undoes, by naming convention: `DeleteUserStorage` undoes
 * `CreateUserStorage`, `ReleaseSeat` undoes `ReserveSeat`, when such a state exists in `names`.
 * ASL has no notion of compensation, so the console reads the names the saga pattern
 * conventionally uses; a step named otherwise is simply not marked as undone.
 */
export function compensatedStateOf(name: string, names: Iterable<string>): string | undefined {
  const undo = UNDO_VERB.exec(name);
  if (!undo) return undefined;
  const subject = name.slice(undo[0].length);
  for (const candidate of names) {
    const doVerb = DO_VERB.exec(candidate);
    if (doVerb && candidate.slice(doVerb[0].length) === subject) return candidate;
  }
  return undefined;
}

/** A compensation step: it undoes another state (by name), is named Compensate*, or its Comment says "Compensation". */
export function isCompensationState(name: string, state: Obj, names: Iterable<string>): boolean {
  if (compensatedStateOf(name, names) !== undefined) return true;
  if (/^Compensate/.test(name)) return true;
  return typeof state['Comment'] === 'string' && /^\s*compensation\b/i.test(state['Comment']);
}

/** A readable form of one Choice rule: `$.a.b == true`, `$.n > 3`, `not(...)`, `and(...)`. */
export function describeChoiceRule(rule: unknown): string {
  if (!isObject(rule)) return '?';
  if (Array.isArray(rule['And'])) return rule['And'].map(describeChoiceRule).join(' and ');
  if (Array.isArray(rule['Or'])) return rule['Or'].map(describeChoiceRule).join(' or ');
  if (rule['Not'] !== undefined) return `not (${describeChoiceRule(rule['Not'])})`;
  if (typeof rule['Condition'] === 'string') return rule['Condition'];
  const variable = typeof rule['Variable'] === 'string' ? rule['Variable'] : '?';
  // Most specific first: `LessThanEquals` also ends with `Equals`.
  const operators: [RegExp, string][] = [
    [/GreaterThanEquals(Path)?$/, '>='],
    [/LessThanEquals(Path)?$/, '<='],
    [/GreaterThan(Path)?$/, '>'],
    [/LessThan(Path)?$/, '<'],
    [/Equals(Path)?$/, '=='],
    [/Matches$/, 'matches'],
  ];
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next') continue;
    if (key === 'IsPresent') return value ? `${variable} exists` : `${variable} is absent`;
    if (key === 'IsNull') return value ? `${variable} is null` : `${variable} is not null`;
    if (key.startsWith('Is')) return `${variable} is ${key.slice(2).toLowerCase()}`;
    const operator = operators.find(([pattern]) => pattern.test(key));
    // A `...Path` operator compares with another path: shown as the path, not as a string.
    if (operator) return `${variable} ${operator[1]} ${key.endsWith('Path') ? String(value) : JSON.stringify(value)}`;
  }
  return variable;
}

function catchLabel(catcher: Obj): string {
  const errors = Array.isArray(catcher['ErrorEquals']) ? catcher['ErrorEquals'].map(String) : [];
  if (errors.length === 1 && errors[0] === 'States.ALL') return 'catch';
  return `catch ${errors.join(', ')}`;
}

/**
 * Builds the graph of a definition (or of a branch: anything with `StartAt` and `States`).
 * Transitions to states that do not exist are left out: the definition checker refuses those
 * before a state machine runs.
 * @throws TypeError when `definition` has no `States` object or no `StartAt` string
 */
export function buildStateGraph(definition: unknown): MachineGraph {
  const all = new Set<string>();
  const collect = (machine: unknown) => {
    if (!isObject(machine) || !isObject(machine['States'])) return;
    for (const [name, state] of Object.entries(machine['States'])) {
      all.add(name);
      if (!isObject(state)) continue;
      if (Array.isArray(state['Branches'])) state['Branches'].forEach(collect);
      collect(state['ItemProcessor'] ?? state['Iterator']);
    }
  };
  collect(definition);
  return buildMachine(definition, all);
}

function buildMachine(machine: unknown, allNames: ReadonlySet<string>): MachineGraph {
  if (!isObject(machine) || !isObject(machine['States']) || typeof machine['StartAt'] !== 'string') {
    throw new TypeError('A state machine definition needs a StartAt string and a States object');
  }
  const definitions = machine['States'];
  const here = new Set(Object.keys(definitions));
  const states: GraphState[] = [];
  const edges: GraphEdge[] = [];
  const edge = (from: string, to: unknown, kind: EdgeKind, label?: string) => {
    if (typeof to === 'string' && here.has(to)) edges.push(label === undefined ? { from, to, kind } : { from, to, kind, label });
  };
  for (const [name, raw] of Object.entries(definitions)) {
    const state = isObject(raw) ? raw : {};
    const type = typeof state['Type'] === 'string' ? state['Type'] : 'Unknown';
    const node: GraphState = {
      name,
      type,
      terminal: state['End'] === true || type === 'Succeed' || type === 'Fail',
      compensation: isCompensationState(name, state, allNames),
    };
    if (typeof state['Comment'] === 'string') node.comment = state['Comment'];
    if (type === 'Parallel' && Array.isArray(state['Branches'])) node.children = state['Branches'].map((branch) => buildMachine(branch, allNames));
    const processor = state['ItemProcessor'] ?? state['Iterator'];
    if (type === 'Map' && processor !== undefined) node.children = [buildMachine(processor, allNames)];
    states.push(node);

    if (type === 'Choice') {
      const rules = Array.isArray(state['Choices']) ? state['Choices'] : [];
      for (const rule of rules) if (isObject(rule)) edge(name, rule['Next'], 'choice', describeChoiceRule(rule));
      edge(name, state['Default'], 'default', 'default');
    } else {
      edge(name, state['Next'], 'next');
    }
    const catchers = Array.isArray(state['Catch']) ? state['Catch'] : [];
    for (const catcher of catchers) if (isObject(catcher)) edge(name, catcher['Next'], 'catch', catchLabel(catcher));
  }
  return { startAt: machine['StartAt'], states, edges };
}
