/**
 * Refuses a state machine definition the local runner (aws-local-stepfunctions) cannot run the way
 * Step Functions would, naming the state and the feature, instead of running it wrongly. The runner
 * speaks JSONPath only, calls tasks through local handlers (we provide Lambda invoke and EventBridge
 * PutEvents), has no callbacks, heartbeats or Distributed Map, and fills only part of the context
 * object: `$$.Execution.Input`/`StartTime` inside a Parallel branch or Map iteration would be the
 * branch's own input, and `$$.State`/`$$.Task` are absent.
 */

/** A definition feature the local runner cannot run faithfully. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
  constructor(
    readonly stateMachineName: string,
    /** The state using the feature; undefined for a top-level field. */
    readonly stateName: string | undefined,
    readonly feature: string,
  ) {
    super(
      `State machine ${stateMachineName}${stateName !== undefined ? `, state ${JSON.stringify(stateName)}` : ''}: ${feature}. ` +
        'The local cloud refuses what its runner (aws-local-stepfunctions) cannot run as Step Functions would; use JSONPath and the supported integrations.',
    );
  }
}

/**
 * A definition that is not valid ASL (a transition to a missing state, a state with neither Next
 * nor End). CDK validates the graph at synth; this check keeps hand-written definitions honest,
 * because the runner's own validator (asl-validator) costs about a second per state machine at boot.
 */
export class InvalidDefinitionError extends Error {
  override readonly name = 'InvalidDefinitionError';
  constructor(
    readonly stateMachineName: string,
    readonly stateName: string | undefined,
    problem: string,
  ) {
    super(`State machine ${stateMachineName}${stateName !== undefined ? `, state ${JSON.stringify(stateName)}` : ''}: ${problem}`);
  }
}

/** Task resources the local cloud runs. */
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const EVENTS_PUT_EVENTS = 'arn:aws:states:::events:putEvents';
/** A Lambda function ARN used directly as a Task resource (optionally with a version or alias). */
export const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9_$-]{1,128})?$/;

const KNOWN_TYPES = new Set(['Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice', 'Succeed', 'Fail']);
/** Fields that exist only with JSONata or with variables. */
const JSONATA_OR_VARIABLE_FIELDS = ['Assign', 'Arguments', 'Output', 'Items', 'Variables'];
const DISTRIBUTED_MAP_FIELDS = ['ItemReader', 'ResultWriter', 'ItemBatcher', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'Label'];
/** Fields whose string value is a JSONPath (or reference path). */
const PATH_FIELDS = [
  'InputPath',
  'OutputPath',
  'ResultPath',
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'Variable',
];
/** Choice rule comparators whose value is a path. */
const PATH_COMPARATOR = /Path$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface Scope {
  machine: string;
  /** True inside a Parallel branch or a Map iteration. */
  nested: boolean;
}

/** Context object fields the runner provides (we pass Execution and StateMachine; Map only in a Map's ItemSelector). */
function checkContextReference(ref: string, scope: Scope, state: string, allowMapItem: boolean): void {
  const match = /^\$\$\.?([A-Za-z]*)(?:\.([A-Za-z]*))?/.exec(ref);
  if (!match) return;
  const [, root = '', field = ''] = match;
  const where = `$$${ref.slice(2)}`;
  if (root === 'Execution') {
    if (['Id', 'Name', 'RoleArn', 'RedriveCount'].includes(field)) return;
    if (['Input', 'StartTime'].includes(field) && !scope.nested) return;
    if (['Input', 'StartTime'].includes(field) || field === '') {
      throw new UnsupportedDefinitionError(scope.machine, state, `the context path ${where} inside a Parallel branch or a Map iteration (the local runner gives the branch's own input and start time there)`);
    }
  }
  if (root === 'StateMachine' && ['Id', 'Name'].includes(field)) return;
  if (root === 'Map' && allowMapItem) return;
  throw new UnsupportedDefinitionError(scope.machine, state, `the context path ${where} (the local runner provides $$.Execution.Id/Name/Input/StartTime/RoleArn, $$.StateMachine.Id/Name and $$.Map.Item in a Map's ItemSelector only)`);
}

/** Checks every path or intrinsic-function string of a state for variables and context references. */
function checkPathString(value: string, scope: Scope, state: string, allowMapItem: boolean): void {
  // Quoted literals inside intrinsic functions are data: `States.Format('costs $5', $.x)`.
  const trimmed = value.trim().replace(/'(?:[^'\\]|\\.)*'/g, "''");
  // `$name` (not `$`, `$.`, `$[` or `$$`) is a variable reference.
  const variable = /(^|[\s(,])\$(?![.$[]|$|[\s,)])/.exec(trimmed);
  if (variable) throw new UnsupportedDefinitionError(scope.machine, state, `the variable reference in ${JSON.stringify(value)} (variables need Assign, which the local runner lacks)`);
  for (const match of trimmed.matchAll(/\$\$[.A-Za-z]*/g)) checkContextReference(match[0], scope, state, allowMapItem);
}

/** Walks a payload template (Parameters, ResultSelector, ItemSelector): keys ending in `.$` hold paths. */
function checkTemplate(template: unknown, scope: Scope, state: string, allowMapItem: boolean): void {
  if (Array.isArray(template)) {
    for (const item of template) checkTemplate(item, scope, state, allowMapItem);
    return;
  }
  if (!isObject(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') checkPathString(value, scope, state, allowMapItem);
    else checkTemplate(value, scope, state, allowMapItem);
  }
}

function checkChoiceRule(rule: unknown, scope: Scope, state: string): void {
  if (!isObject(rule)) return;
  if ('Condition' in rule) throw new UnsupportedDefinitionError(scope.machine, state, 'a JSONata Condition in a Choice rule');
  if ('Assign' in rule) throw new UnsupportedDefinitionError(scope.machine, state, 'Assign in a Choice rule');
  for (const [key, value] of Object.entries(rule)) {
    if ((key === 'Variable' || PATH_COMPARATOR.test(key)) && typeof value === 'string') checkPathString(value, scope, state, false);
  }
  for (const nested of [...(Array.isArray(rule['And']) ? rule['And'] : []), ...(Array.isArray(rule['Or']) ? rule['Or'] : []), rule['Not']]) {
    checkChoiceRule(nested, scope, state);
  }
}

function checkTask(state: Obj, scope: Scope, name: string): void {
  const resource = state['Resource'];
  if (typeof resource !== 'string') throw new UnsupportedDefinitionError(scope.machine, name, 'a Task without a Resource');
  if (resource.endsWith('.waitForTaskToken')) throw new UnsupportedDefinitionError(scope.machine, name, `the callback pattern (${resource}): the local runner has no task tokens`);
  if (resource.endsWith('.sync') || resource.includes('.sync:')) throw new UnsupportedDefinitionError(scope.machine, name, `the run-a-job pattern (${resource})`);
  if (resource === LAMBDA_INVOKE) {
    const parameters = state['Parameters'];
    if (!isObject(parameters) || !('FunctionName' in parameters || 'FunctionName.$' in parameters)) {
      throw new UnsupportedDefinitionError(scope.machine, name, `${LAMBDA_INVOKE} without Parameters.FunctionName`);
    }
    const invocationType = parameters['InvocationType'];
    if (invocationType !== undefined && invocationType !== 'RequestResponse' && invocationType !== 'Event') {
      throw new UnsupportedDefinitionError(scope.machine, name, `Lambda InvocationType ${JSON.stringify(invocationType)}`);
    }
  } else if (resource === EVENTS_PUT_EVENTS) {
    const parameters = state['Parameters'];
    if (!isObject(parameters) || !('Entries' in parameters || 'Entries.$' in parameters)) {
      throw new UnsupportedDefinitionError(scope.machine, name, `${EVENTS_PUT_EVENTS} without Parameters.Entries`);
    }
  } else if (!LAMBDA_FUNCTION_ARN.test(resource)) {
    throw new UnsupportedDefinitionError(
      scope.machine,
      name,
      `the Task resource ${resource} (the local cloud runs ${LAMBDA_INVOKE}, ${EVENTS_PUT_EVENTS} and Lambda function ARNs)`,
    );
  }
  if ('Credentials' in state) throw new UnsupportedDefinitionError(scope.machine, name, 'Task Credentials (cross-account roles)');
  if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) throw new UnsupportedDefinitionError(scope.machine, name, 'HeartbeatSeconds (the local runner has no heartbeats)');
}

function checkMap(state: Obj, scope: Scope, name: string): Obj {
  for (const field of DISTRIBUTED_MAP_FIELDS) {
    if (field in state) throw new UnsupportedDefinitionError(scope.machine, name, `${field} (Distributed Map)`);
  }
  const processor = state['ItemProcessor'] ?? state['Iterator'];
  if (!isObject(processor)) throw new UnsupportedDefinitionError(scope.machine, name, 'a Map state without ItemProcessor or Iterator');
  const config = processor['ProcessorConfig'];
  if (isObject(config) && config['Mode'] === 'DISTRIBUTED') throw new UnsupportedDefinitionError(scope.machine, name, 'a Distributed Map (ProcessorConfig.Mode DISTRIBUTED)');
  if (state['ItemSelector'] !== undefined) checkTemplate(state['ItemSelector'], scope, name, true);
  if (state['Parameters'] !== undefined) checkTemplate(state['Parameters'], scope, name, true);
  return processor;
}

const TERMINAL_TYPES = new Set(['Choice', 'Succeed', 'Fail']);

/** Transitions stay inside their scope (a branch cannot jump out), and every state ends or goes on. */
function checkTransitions(states: Obj, scope: Scope, where: string, startAt: unknown): void {
  const exists = (name: unknown) => typeof name === 'string' && Object.hasOwn(states, name);
  if (!exists(startAt)) throw new InvalidDefinitionError(scope.machine, undefined, `StartAt of ${where} names no state of it (${JSON.stringify(startAt)})`);
  for (const [name, raw] of Object.entries(states)) {
    const state = raw as Obj;
    const targets: unknown[] = [];
    if (state['Next'] !== undefined) targets.push(state['Next']);
    if (state['Type'] === 'Choice') {
      const choices = state['Choices'];
      if (!Array.isArray(choices) || choices.length === 0) throw new InvalidDefinitionError(scope.machine, name, 'a Choice state needs at least one rule in Choices');
      for (const rule of choices) targets.push(isObject(rule) ? rule['Next'] : undefined);
      if (state['Default'] !== undefined) targets.push(state['Default']);
    }
    for (const catcher of Array.isArray(state['Catch']) ? state['Catch'] : []) targets.push(isObject(catcher) ? catcher['Next'] : undefined);
    for (const target of targets) {
      if (!exists(target)) throw new InvalidDefinitionError(scope.machine, name, `it goes to ${JSON.stringify(target)}, which is not a state of ${where}`);
    }
    if (!TERMINAL_TYPES.has(state['Type'] as string)) {
      const ends = state['End'] === true;
      if (ends === (state['Next'] !== undefined)) throw new InvalidDefinitionError(scope.machine, name, 'a state needs either Next or "End": true');
    }
  }
}

function checkStates(definition: unknown, scope: Scope, where: string): void {
  if (!isObject(definition) || !isObject(definition['States'])) {
    throw new InvalidDefinitionError(scope.machine, undefined, `${where} has no States`);
  }
  if (definition['QueryLanguage'] === 'JSONata') throw new UnsupportedDefinitionError(scope.machine, undefined, `QueryLanguage JSONata in ${where}`);
  for (const [name, raw] of Object.entries(definition['States'])) {
    if (!isObject(raw)) throw new UnsupportedDefinitionError(scope.machine, name, 'a state that is not an object');
    const state = raw;
    const type = state['Type'];
    if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) throw new UnsupportedDefinitionError(scope.machine, name, `the state type ${JSON.stringify(type)}`);
    if (state['QueryLanguage'] === 'JSONata') throw new UnsupportedDefinitionError(scope.machine, name, 'QueryLanguage JSONata');
    for (const field of JSONATA_OR_VARIABLE_FIELDS) {
      if (field in state) throw new UnsupportedDefinitionError(scope.machine, name, `the ${field} field (JSONata or variables)`);
    }
    for (const field of PATH_FIELDS) {
      const value = state[field];
      if (typeof value === 'string') checkPathString(value, scope, name, false);
    }
    if (type !== 'Map') {
      if (state['Parameters'] !== undefined) checkTemplate(state['Parameters'], scope, name, false);
    }
    if (state['ResultSelector'] !== undefined) checkTemplate(state['ResultSelector'], scope, name, false);
    for (const catcher of Array.isArray(state['Catch']) ? state['Catch'] : []) {
      if (isObject(catcher) && ('Assign' in catcher || 'Output' in catcher)) throw new UnsupportedDefinitionError(scope.machine, name, 'Assign or Output in a Catch (JSONata or variables)');
    }
    if (type === 'Task') checkTask(state, scope, name);
    if (type === 'Choice') for (const rule of Array.isArray(state['Choices']) ? state['Choices'] : []) checkChoiceRule(rule, scope, name);
    if (type === 'Parallel') {
      const branches = state['Branches'];
      if (!Array.isArray(branches)) throw new UnsupportedDefinitionError(scope.machine, name, 'a Parallel state without Branches');
      branches.forEach((branch, i) => checkStates(branch, { ...scope, nested: true }, `branch ${i} of ${name}`));
    }
    if (type === 'Map') checkStates(checkMap(state, scope, name), { ...scope, nested: true }, `the item processor of ${name}`);
  }
  checkTransitions(definition['States'], scope, where, definition['StartAt']);
}

/**
 * Checks that the local runner can run a definition faithfully.
 * @throws UnsupportedDefinitionError naming the state machine, the state and the feature otherwise
 * @throws InvalidDefinitionError when the definition is not valid ASL (a transition to nowhere, ...)
 */
export function checkDefinition(definition: unknown, stateMachineName: string): void {
  checkStates(definition as Json, { machine: stateMachineName, nested: false }, 'the definition');
}
