/**
 * Definition-time validation, answering as `ValidateStateMachineDefinition` does: diagnostics with
 * AWS's codes, each naming the state and field and ending with its JSON pointer. It compiles every
 * path, payload template, intrinsic call, Choice Rule and JSONata expression with the same parsers
 * the interpreter runs, checks each state's fields against its type and query language, the
 * transitions, the Retry/Catch rules, and the variable rules (names, and no assigning in a
 * Parallel branch or Map iteration a name an outer scope assigns).
 */
import { isJsonataString, JsonataSyntaxError, compileJsonataTemplate } from '../jsonata/expressions';
import { compileChoiceRule, ChoiceRuleSyntaxError, isTimestamp } from '../jsonpath/choice-rules';
import { compileIntrinsic, IntrinsicSyntaxError, looksLikeIntrinsic } from '../jsonpath/intrinsics';
import { compilePath, PathSyntaxError, VARIABLE_NAME } from '../jsonpath/path';
import { compilePayloadTemplate, TemplateSyntaxError } from '../jsonpath/payload-template';
import { StatesErrors } from '../error-names';
import { describeResource } from '../task-invoker';
import type { Diagnostic, ValidationReport } from './diagnostic';

type Language = 'JSONPath' | 'JSONata';
type Obj = Record<string, unknown>;

const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const TRANSITION = ['Next', 'End'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];

/** The fields each state type accepts, per query language (developer guide, one page per state type). */
const FIELDS: Record<Language, Record<string, string[]>> = {
  JSONPath: {
    Pass: [...TRANSITION, ...JSONPATH_IO, 'Parameters', 'ResultPath', 'Result', 'Assign'],
    Task: [...TRANSITION, ...JSONPATH_IO, 'Resource', 'Parameters', 'ResultSelector', 'ResultPath', 'Retry', 'Catch', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials', 'Assign'],
    Choice: [...JSONPATH_IO, 'Choices', 'Default', 'Assign'],
    Wait: [...TRANSITION, ...JSONPATH_IO, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'Assign'],
    Succeed: [...JSONPATH_IO],
    Fail: ['Error', 'ErrorPath', 'Cause', 'CausePath'],
    Parallel: [...TRANSITION, ...JSONPATH_IO, 'Branches', 'Parameters', 'ResultSelector', 'ResultPath', 'Retry', 'Catch', 'Assign'],
    Map: [
      ...TRANSITION,
      ...JSONPATH_IO,
      'ItemProcessor',
      'Iterator',
      'ItemsPath',
      'ItemSelector',
      'Parameters',
      'MaxConcurrency',
      'MaxConcurrencyPath',
      'ToleratedFailureCount',
      'ToleratedFailureCountPath',
      'ToleratedFailurePercentage',
      'ToleratedFailurePercentagePath',
      'ItemReader',
      'ItemBatcher',
      'ResultWriter',
      'Label',
      'ResultSelector',
      'ResultPath',
      'Retry',
      'Catch',
      'Assign',
    ],
  },
  JSONata: {
    Pass: [...TRANSITION, 'Output', 'Assign'],
    Task: [...TRANSITION, 'Resource', 'Arguments', 'Output', 'Assign', 'Retry', 'Catch', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials'],
    Choice: ['Choices', 'Default', 'Output', 'Assign'],
    Wait: [...TRANSITION, 'Seconds', 'Timestamp', 'Output', 'Assign'],
    Succeed: ['Output'],
    Fail: ['Error', 'Cause'],
    Parallel: [...TRANSITION, 'Branches', 'Arguments', 'Output', 'Assign', 'Retry', 'Catch'],
    Map: [...TRANSITION, 'ItemProcessor', 'Iterator', 'Items', 'ItemSelector', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'Label', 'Output', 'Assign', 'Retry', 'Catch'],
  },
};
const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];
const PREDEFINED_ERRORS = new Set<string>(Object.values(StatesErrors));
/** Intrinsics a Fail state's ErrorPath/CausePath may call (they return strings). */
const STRING_INTRINSICS = new Set(['States.Format', 'States.JsonToString', 'States.ArrayGetItem', 'States.Base64Encode', 'States.Base64Decode', 'States.Hash', 'States.UUID']);
const MAX_STATE_NAME = 80;
const MAX_VARIABLE_NAME = 80;
const MAX_SECONDS = 99_999_999;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointer(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The variables one block of states assigns, and the blocks nested in it. */
interface ScopeInfo {
  assigned: Map<string, string>;
  children: ScopeInfo[];
}

class Validator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly stateNames = new Map<string, string>();

  error(code: string, text: string, location: string): void {
    this.diagnostics.push({ severity: 'ERROR', code, message: `${text} at ${location || '/'}`, location: location || '/' });
  }

  schema(text: string, location: string): void {
    this.error('SCHEMA_VALIDATION_FAILED', text, location);
  }

  machine(definition: unknown): void {
    if (!isObj(definition)) {
      this.schema(`The definition must be a JSON object, got ${typeName(definition)}`, '');
      return;
    }
    for (const key of Object.keys(definition)) {
      if (!['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage'].includes(key)) this.schema(`The field '${key}' is not supported by Step Functions`, `/${pointer(key)}`);
    }
    const language = definition['QueryLanguage'] ?? 'JSONPath';
    if (language !== 'JSONPath' && language !== 'JSONata') {
      this.schema(`The value for the field 'QueryLanguage' must be JSONPath or JSONata, got ${JSON.stringify(language)}`, '/QueryLanguage');
      return;
    }
    if (definition['TimeoutSeconds'] !== undefined) this.integer(definition['TimeoutSeconds'], 'TimeoutSeconds', '/TimeoutSeconds', 1, MAX_SECONDS);
    for (const field of ['Comment', 'Version']) {
      if (definition[field] !== undefined && typeof definition[field] !== 'string') this.schema(`The value for the field '${field}' must be a string`, `/${field}`);
    }
    const scope = this.block(definition, '', language, language);
    if (scope) this.checkScopes(scope, new Set());
  }

  /** Validates StartAt + States; returns the variables the block assigns. */
  private block(block: Obj, location: string, inherited: Language, machineLanguage: Language): ScopeInfo | undefined {
    const scope: ScopeInfo = { assigned: new Map(), children: [] };
    let language = inherited;
    if (block['QueryLanguage'] !== undefined && location !== '') {
      if (block['QueryLanguage'] !== 'JSONPath' && block['QueryLanguage'] !== 'JSONata') this.schema(`The value for the field 'QueryLanguage' must be JSONPath or JSONata`, `${location}/QueryLanguage`);
      else language = block['QueryLanguage'];
    }
    if (typeof block['StartAt'] !== 'string') {
      this.schema("These fields are required: [StartAt]", location);
    }
    const states = block['States'];
    if (!isObj(states) || Object.keys(states).length === 0) {
      this.schema("The field 'States' must be an object with at least one state", `${location}/States`);
      return scope;
    }
    const names = new Set(Object.keys(states));
    if (typeof block['StartAt'] === 'string' && !names.has(block['StartAt'])) this.error('MISSING_TRANSITION_TARGET', `Missing 'StartAt' target: ${block['StartAt']}`, `${location}/StartAt`);
    let terminal = false;
    for (const [name, state] of Object.entries(states)) {
      const stateLocation = `${location}/States/${pointer(name)}`;
      if (name.length === 0 || name.length > MAX_STATE_NAME) this.error('INVALID_STATE_NAME', `The state name '${name}' must be 1 to ${MAX_STATE_NAME} characters long`, stateLocation);
      const seen = this.stateNames.get(name);
      if (seen !== undefined) this.error('DUPLICATE_STATE_NAME', `The state name '${name}' is also used at ${seen}; state names must be unique in the whole state machine`, stateLocation);
      else this.stateNames.set(name, stateLocation);
      if (this.state(name, state, stateLocation, language, machineLanguage, names, scope)) terminal = true;
    }
    if (!terminal) this.error('MISSING_END_STATE', 'The states have no terminal state (End, Succeed or Fail)', `${location}/States`);
    this.reachability(block, states, location);
    return scope;
  }

  private reachability(block: Obj, states: Obj, location: string): void {
    const start = block['StartAt'];
    if (typeof start !== 'string' || !(start in states)) return;
    const seen = new Set<string>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const state = states[queue.shift() as string];
      if (!isObj(state)) continue;
      const targets: unknown[] = [state['Next'], state['Default']];
      if (Array.isArray(state['Choices'])) for (const rule of state['Choices']) if (isObj(rule)) targets.push(rule['Next']);
      if (Array.isArray(state['Catch'])) for (const catcher of state['Catch']) if (isObj(catcher)) targets.push(catcher['Next']);
      for (const target of targets) {
        if (typeof target === 'string' && target in states && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    for (const name of Object.keys(states)) if (!seen.has(name)) this.schema(`The state '${name}' is not reachable from '${start}'`, `${location}/States/${pointer(name)}`);
  }

  /** Validates one state; returns whether it is terminal. */
  private state(name: string, state: unknown, location: string, inherited: Language, machineLanguage: Language, names: Set<string>, scope: ScopeInfo): boolean {
    if (!isObj(state)) {
      this.schema(`The state '${name}' must be a JSON object`, location);
      return false;
    }
    const type = state['Type'];
    if (typeof type !== 'string' || !STATE_TYPES.includes(type)) {
      this.schema(`The value for the field 'Type' must be one of ${STATE_TYPES.join(', ')}, got ${JSON.stringify(type)}`, `${location}/Type`);
      return false;
    }
    let language = inherited;
    if (state['QueryLanguage'] !== undefined) {
      if (state['QueryLanguage'] !== 'JSONPath' && state['QueryLanguage'] !== 'JSONata') this.schema(`The value for the field 'QueryLanguage' must be JSONPath or JSONata, got ${JSON.stringify(state['QueryLanguage'])}`, `${location}/QueryLanguage`);
      else if (machineLanguage === 'JSONata' && state['QueryLanguage'] === 'JSONPath') this.schema(`The state '${name}' cannot use JSONPath: the state machine's QueryLanguage is JSONata`, `${location}/QueryLanguage`);
      else language = state['QueryLanguage'];
    }
    const allowed = new Set([...COMMON_FIELDS, ...(FIELDS[language][type] as string[])]);
    const other: Language = language === 'JSONata' ? 'JSONPath' : 'JSONata';
    for (const key of Object.keys(state)) {
      if (allowed.has(key)) continue;
      if ((FIELDS[other][type] as string[]).includes(key)) this.schema(`The field '${key}' is not supported in ${language} states (the state '${name}' uses ${language})`, `${location}/${pointer(key)}`);
      else this.schema(`The field '${key}' is not supported by Step Functions in ${type} states`, `${location}/${pointer(key)}`);
    }
    if (state['Comment'] !== undefined && typeof state['Comment'] !== 'string') this.schema("The value for the field 'Comment' must be a string", `${location}/Comment`);

    let terminal = false;
    if (['Pass', 'Task', 'Wait', 'Parallel', 'Map'].includes(type)) terminal = this.transition(state, location, names);
    if (type === 'Succeed' || type === 'Fail') terminal = true;
    if (language === 'JSONPath') this.jsonPathFields(state, location, type);
    else this.jsonataFields(state, location, type);
    if (state['Assign'] !== undefined) this.assign(state['Assign'], `${location}/Assign`, language, scope);

    switch (type) {
      case 'Task':
        this.task(state, location, language);
        break;
      case 'Wait':
        this.wait(state, location, language);
        break;
      case 'Choice':
        this.choice(state, location, language, names, scope);
        break;
      case 'Fail':
        this.fail(state, location, language);
        break;
      case 'Parallel':
        this.parallel(state, location, language, machineLanguage, scope);
        break;
      case 'Map':
        this.map(state, location, language, machineLanguage, scope);
        break;
    }
    if (type === 'Task' || type === 'Parallel' || type === 'Map') {
      this.retry(state['Retry'], `${location}/Retry`);
      this.catch(state['Catch'], `${location}/Catch`, language, names, scope);
    }
    return terminal;
  }

  private transition(state: Obj, location: string, names: Set<string>): boolean {
    const hasNext = state['Next'] !== undefined;
    const hasEnd = state['End'] !== undefined;
    if (hasNext && hasEnd) this.schema("The fields 'Next' and 'End' cannot both be present", location);
    if (!hasNext && !hasEnd) this.schema('These fields are required: [Next | End]', location);
    if (hasEnd && state['End'] !== true) this.schema("The value for the field 'End' must be true", `${location}/End`);
    if (hasNext) {
      if (typeof state['Next'] !== 'string') this.schema("The value for the field 'Next' must be a string", `${location}/Next`);
      else if (!names.has(state['Next'])) this.error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${state['Next']}`, `${location}/Next`);
    }
    return hasEnd && state['End'] === true;
  }

  private path(value: unknown, field: string, location: string, options: { reference?: boolean; inputOnly?: boolean; nullable?: boolean } = {}): void {
    if (value === null && options.nullable) return;
    if (typeof value !== 'string') {
      this.schema(`The value for the field '${field}' must be a ${options.reference ? 'reference path' : 'path'}${options.nullable ? ' or null' : ''}, got ${typeName(value)}`, location);
      return;
    }
    try {
      const path = compilePath(value);
      if (options.reference && !path.steps) this.schema(`The value for the field '${field}' must be a reference path (only .name, ['name'] and [index] steps), got '${value}'`, location);
      else if (options.inputOnly && path.root.kind !== 'input') this.schema(`The value for the field '${field}' must start with '$.' (the state's data), got '${value}'`, location);
    } catch (error) {
      if (error instanceof PathSyntaxError) this.schema(`The value for the field '${field}' must be a valid JSONPath: ${error.message}`, location);
      else throw error;
    }
  }

  private payload(value: unknown, field: string, location: string): void {
    if (!isObj(value) && field !== 'Parameters') {
      this.schema(`The value for the field '${field}' must be a JSON object`, location);
      return;
    }
    try {
      compilePayloadTemplate(value);
    } catch (error) {
      if (error instanceof TemplateSyntaxError) this.schema(error.message, `${location}${error.pointer}`);
      else throw error;
    }
  }

  private jsonata(value: unknown, field: string, location: string): void {
    try {
      compileJsonataTemplate(value);
    } catch (error) {
      if (error instanceof JsonataSyntaxError) this.schema(`The JSONata expression '${error.expression}' specified for the field '${field}' is not valid: ${error.message.replace(/^The JSONata expression '.*?' is not valid: /s, '')}`, `${location}${error.pointer}`);
      else throw error;
    }
  }

  private jsonPathFields(state: Obj, location: string, type: string): void {
    for (const field of ['InputPath', 'OutputPath']) if (state[field] !== undefined) this.path(state[field], field, `${location}/${field}`, { nullable: true });
    if (state['ResultPath'] !== undefined) this.path(state['ResultPath'], 'ResultPath', `${location}/ResultPath`, { reference: true, inputOnly: true, nullable: true });
    for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials']) if (state[field] !== undefined) this.payload(state[field], field, `${location}/${field}`);
    for (const field of ['TimeoutSecondsPath', 'HeartbeatSecondsPath', 'SecondsPath', 'TimestampPath', 'ItemsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath']) {
      if (state[field] !== undefined) this.path(state[field], field, `${location}/${field}`, { reference: true });
    }
    if (type === 'Pass' && typeof state['Result'] === 'string' && /^\$/.test(state['Result'])) {
      this.diagnostics.push({ severity: 'WARNING', code: 'PASS_RESULT_IS_STATIC', message: `The Result of a Pass state is static; '${state['Result']}' is not evaluated as a path at ${location}/Result`, location: `${location}/Result` });
    }
  }

  private jsonataFields(state: Obj, location: string, type: string): void {
    for (const field of ['Arguments', 'Output', 'Items', 'ItemSelector', 'Credentials']) if (state[field] !== undefined) this.jsonata(state[field], field, `${location}/${field}`);
    if (state['Arguments'] !== undefined && type === 'Task' && !isObj(state['Arguments']) && !isJsonataString(state['Arguments'])) this.schema("The value for the field 'Arguments' must be a JSON object or a JSONata expression", `${location}/Arguments`);
    if (state['Items'] !== undefined && !Array.isArray(state['Items']) && !isObj(state['Items']) && !isJsonataString(state['Items'])) this.schema("The value for the field 'Items' must be an array, an object or a JSONata expression", `${location}/Items`);
  }

  private integer(value: unknown, field: string, location: string, min: number, max: number, jsonataAllowed = false): void {
    if (jsonataAllowed && isJsonataString(value)) {
      this.jsonata(value, field, location);
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.schema(`The value for the field '${field}' must be an integer from ${min} to ${max}${jsonataAllowed ? ' or a JSONata expression' : ''}, got ${JSON.stringify(value)}`, location);
    }
  }

  private exclusive(state: Obj, a: string, b: string, location: string): void {
    if (state[a] !== undefined && state[b] !== undefined) this.schema(`The fields '${a}' and '${b}' cannot both be present`, location);
  }

  private assign(value: unknown, location: string, language: Language, scope: ScopeInfo): void {
    if (!isObj(value)) {
      this.schema("The value for the field 'Assign' must be a JSON object", location);
      return;
    }
    for (const key of Object.keys(value)) {
      const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
      const keyLocation = `${location}/${pointer(key)}`;
      if (!VARIABLE_NAME.test(name)) this.schema(`The variable name '${name}' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'`, keyLocation);
      else if (name.length > MAX_VARIABLE_NAME) this.schema(`The variable name '${name}' is longer than ${MAX_VARIABLE_NAME} characters`, keyLocation);
      else if (name === 'states') this.schema("The variable name 'states' is reserved by Step Functions", keyLocation);
      else if (!scope.assigned.has(name)) scope.assigned.set(name, keyLocation);
    }
    if (language === 'JSONPath') this.payload(value, 'Assign', location);
    else this.jsonata(value, 'Assign', location);
  }

  private task(state: Obj, location: string, language: Language): void {
    const resource = state['Resource'];
    if (resource === undefined) this.schema('These fields are required: [Resource]', location);
    else if (typeof resource !== 'string' || !describeResource(resource)) this.error('INVALID_RESOURCE', `The value for the field 'Resource' must be a Step Functions resource ARN (a Lambda function, an activity, or arn:<partition>:states:::<service>:<action>), got ${JSON.stringify(resource)}`, `${location}/Resource`);
    this.exclusive(state, 'TimeoutSeconds', 'TimeoutSecondsPath', location);
    this.exclusive(state, 'HeartbeatSeconds', 'HeartbeatSecondsPath', location);
    for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) if (state[field] !== undefined) this.integer(state[field], field, `${location}/${field}`, 1, MAX_SECONDS, language === 'JSONata');
    const timeout = state['TimeoutSeconds'];
    const heartbeat = state['HeartbeatSeconds'];
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) this.schema(`The value for the field 'HeartbeatSeconds' (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`, `${location}/HeartbeatSeconds`);
  }

  private wait(state: Obj, location: string, language: Language): void {
    const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((f) => state[f] !== undefined);
    if (given.length !== 1) this.schema(`A Wait state must have exactly one of ${language === 'JSONata' ? 'Seconds, Timestamp' : 'Seconds, SecondsPath, Timestamp, TimestampPath'}${given.length > 1 ? `, found ${given.join(', ')}` : ''}`, location);
    if (state['Seconds'] !== undefined) this.integer(state['Seconds'], 'Seconds', `${location}/Seconds`, 0, MAX_SECONDS, language === 'JSONata');
    const timestamp = state['Timestamp'];
    if (timestamp !== undefined) {
      if (language === 'JSONata' && isJsonataString(timestamp)) this.jsonata(timestamp, 'Timestamp', `${location}/Timestamp`);
      else if (!isTimestamp(timestamp)) this.schema(`The value for the field 'Timestamp' must be an RFC3339 timestamp (for example 2016-03-14T01:59:00Z), got ${JSON.stringify(timestamp)}`, `${location}/Timestamp`);
    }
  }

  private choice(state: Obj, location: string, language: Language, names: Set<string>, scope: ScopeInfo): void {
    const choices = state['Choices'];
    if (!Array.isArray(choices) || choices.length === 0) {
      this.schema("The field 'Choices' must be a non-empty array", `${location}/Choices`);
    } else {
      choices.forEach((rule, i) => {
        const ruleLocation = `${location}/Choices/${i}`;
        if (!isObj(rule)) {
          this.schema('A Choice Rule must be a JSON object', ruleLocation);
          return;
        }
        if (typeof rule['Next'] !== 'string') this.schema("These fields are required: [Next]", ruleLocation);
        else if (!names.has(rule['Next'])) this.error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${rule['Next']}`, `${ruleLocation}/Next`);
        if (rule['Assign'] !== undefined) this.assign(rule['Assign'], `${ruleLocation}/Assign`, language, scope);
        if (language === 'JSONata') {
          for (const key of Object.keys(rule)) if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(key)) this.schema(`The field '${key}' is not supported in JSONata Choice Rules`, `${ruleLocation}/${pointer(key)}`);
          const condition = rule['Condition'];
          if (condition === undefined) this.schema('These fields are required: [Condition]', ruleLocation);
          else if (typeof condition === 'boolean') return;
          else if (!isJsonataString(condition)) this.schema("The value for the field 'Condition' must be a JSONata expression or a boolean", `${ruleLocation}/Condition`);
          else this.jsonata(condition, 'Condition', `${ruleLocation}/Condition`);
          if (rule['Output'] !== undefined) this.jsonata(rule['Output'], 'Output', `${ruleLocation}/Output`);
        } else {
          this.choiceRule(rule, ruleLocation, true);
        }
      });
    }
    if (state['Default'] !== undefined) {
      if (typeof state['Default'] !== 'string') this.schema("The value for the field 'Default' must be a string", `${location}/Default`);
      else if (!names.has(state['Default'])) this.error('MISSING_TRANSITION_TARGET', `Missing 'Default' target: ${state['Default']}`, `${location}/Default`);
    }
  }

  private choiceRule(rule: Obj, location: string, topLevel: boolean): void {
    const allowedExtra = topLevel ? ['Next', 'Assign', 'Comment'] : ['Comment'];
    if (!topLevel && rule['Next'] !== undefined) this.schema("A nested Choice Rule cannot have 'Next'", `${location}/Next`);
    for (const key of Object.keys(rule)) {
      if (['And', 'Or', 'Not', 'Variable', 'Condition', ...allowedExtra].includes(key)) continue;
      if (/^(String|Numeric|Timestamp|Boolean)|^Is(Null|Present|Numeric|String|Boolean|Timestamp)$/.test(key)) continue;
      this.schema(`The field '${key}' is not supported in Choice Rules`, `${location}/${pointer(key)}`);
    }
    if (rule['Condition'] !== undefined) this.schema("The field 'Condition' is not supported in JSONPath states; use Variable and a comparison operator", `${location}/Condition`);
    for (const combinator of ['And', 'Or'] as const) {
      if (rule[combinator] === undefined) continue;
      const list = rule[combinator];
      if (!Array.isArray(list) || list.length === 0) this.schema(`The value for the field '${combinator}' must be a non-empty array of Choice Rules`, `${location}/${combinator}`);
      else list.forEach((sub, i) => (isObj(sub) ? this.choiceRule(sub, `${location}/${combinator}/${i}`, false) : this.schema('A Choice Rule must be a JSON object', `${location}/${combinator}/${i}`)));
      return;
    }
    if (rule['Not'] !== undefined) {
      if (isObj(rule['Not'])) this.choiceRule(rule['Not'], `${location}/Not`, false);
      else this.schema("The value for the field 'Not' must be a Choice Rule", `${location}/Not`);
      return;
    }
    const comparison = Object.fromEntries(Object.entries(rule).filter(([k]) => !['Next', 'Assign', 'Comment'].includes(k)));
    try {
      compileChoiceRule(comparison, location);
    } catch (error) {
      if (error instanceof ChoiceRuleSyntaxError) this.diagnostics.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: error.message, location: error.pointer });
      else throw error;
    }
  }

  private fail(state: Obj, location: string, language: Language): void {
    for (const [field, pathField] of [
      ['Error', 'ErrorPath'],
      ['Cause', 'CausePath'],
    ] as const) {
      this.exclusive(state, field, pathField, location);
      const value = state[field];
      if (value !== undefined) {
        if (typeof value !== 'string') this.schema(`The value for the field '${field}' must be a string`, `${location}/${field}`);
        else if (language === 'JSONata' && isJsonataString(value)) this.jsonata(value, field, `${location}/${field}`);
      }
      const path = state[pathField];
      if (path !== undefined) {
        if (typeof path === 'string' && looksLikeIntrinsic(path)) {
          try {
            const call = compileIntrinsic(path);
            if (!STRING_INTRINSICS.has(call.name)) this.schema(`The field '${pathField}' can call only ${[...STRING_INTRINSICS].join(', ')}, not ${call.name}`, `${location}/${pathField}`);
          } catch (error) {
            if (error instanceof IntrinsicSyntaxError) this.schema(`The value for the field '${pathField}' must be a valid intrinsic function: ${error.message}`, `${location}/${pathField}`);
            else throw error;
          }
        } else this.path(path, pathField, `${location}/${pathField}`, { reference: true });
      }
    }
  }

  private parallel(state: Obj, location: string, language: Language, machineLanguage: Language, scope: ScopeInfo): void {
    const branches = state['Branches'];
    if (!Array.isArray(branches) || branches.length === 0) {
      this.schema("The field 'Branches' must be a non-empty array", `${location}/Branches`);
      return;
    }
    branches.forEach((branch, i) => {
      if (!isObj(branch)) {
        this.schema('A branch must be a JSON object with StartAt and States', `${location}/Branches/${i}`);
        return;
      }
      for (const key of Object.keys(branch)) if (!['StartAt', 'States', 'Comment', 'QueryLanguage'].includes(key)) this.schema(`The field '${key}' is not supported in a branch`, `${location}/Branches/${i}/${pointer(key)}`);
      const child = this.block(branch, `${location}/Branches/${i}`, language, machineLanguage);
      if (child) scope.children.push(child);
    });
  }

  private map(state: Obj, location: string, language: Language, machineLanguage: Language, scope: ScopeInfo): void {
    this.exclusive(state, 'ItemProcessor', 'Iterator', location);
    const field = state['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state[field];
    if (!isObj(processor)) {
      this.schema('These fields are required: [ItemProcessor]', location);
    } else {
      for (const key of Object.keys(processor)) if (!['StartAt', 'States', 'Comment', 'ProcessorConfig', 'QueryLanguage'].includes(key)) this.schema(`The field '${key}' is not supported in ${field}`, `${location}/${field}/${pointer(key)}`);
      const config = processor['ProcessorConfig'];
      if (config !== undefined) {
        if (!isObj(config)) this.schema("The value for the field 'ProcessorConfig' must be a JSON object", `${location}/${field}/ProcessorConfig`);
        else {
          if (config['Mode'] !== undefined && config['Mode'] !== 'INLINE' && config['Mode'] !== 'DISTRIBUTED') this.schema("The value for the field 'Mode' must be INLINE or DISTRIBUTED", `${location}/${field}/ProcessorConfig/Mode`);
          if (config['ExecutionType'] !== undefined && config['ExecutionType'] !== 'STANDARD' && config['ExecutionType'] !== 'EXPRESS') this.schema("The value for the field 'ExecutionType' must be STANDARD or EXPRESS", `${location}/${field}/ProcessorConfig/ExecutionType`);
        }
      }
      const child = this.block(processor, `${location}/${field}`, language, machineLanguage);
      if (child) scope.children.push(child);
    }
    this.exclusive(state, 'ItemSelector', 'Parameters', location);
    for (const [name, max] of [
      ['MaxConcurrency', MAX_SECONDS],
      ['ToleratedFailureCount', MAX_SECONDS],
      ['ToleratedFailurePercentage', 100],
    ] as const) {
      this.exclusive(state, name, `${name}Path`, location);
      const value = state[name];
      if (value === undefined) continue;
      if (name === 'ToleratedFailurePercentage' && typeof value === 'number') {
        if (value < 0 || value > 100) this.schema(`The value for the field '${name}' must be a number from 0 to 100, got ${value}`, `${location}/${name}`);
      } else this.integer(value, name, `${location}/${name}`, 0, max, language === 'JSONata');
    }
  }

  private errorEquals(value: unknown, location: string, last: boolean): void {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
      this.schema("The value for the field 'ErrorEquals' must be a non-empty array of strings", location);
      return;
    }
    for (const [i, name] of (value as string[]).entries()) {
      if (name.startsWith('States.') && !PREDEFINED_ERRORS.has(name)) this.schema(`The error name '${name}' is not a predefined error; custom error names cannot start with 'States.'`, `${location}/${i}`);
    }
    if ((value as string[]).includes(StatesErrors.ALL)) {
      if (value.length > 1) this.schema("States.ALL must appear alone in 'ErrorEquals'", location);
      if (!last) this.schema('A Retrier or Catcher with States.ALL must be the last one', location);
    }
  }

  private retry(value: unknown, location: string): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.schema("The value for the field 'Retry' must be an array", location);
      return;
    }
    value.forEach((retrier, i) => {
      const at = `${location}/${i}`;
      if (!isObj(retrier)) return this.schema('A Retrier must be a JSON object', at);
      for (const key of Object.keys(retrier)) if (!['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'].includes(key)) this.schema(`The field '${key}' is not supported in a Retrier`, `${at}/${pointer(key)}`);
      this.errorEquals(retrier['ErrorEquals'], `${at}/ErrorEquals`, i === value.length - 1);
      if (retrier['IntervalSeconds'] !== undefined) this.integer(retrier['IntervalSeconds'], 'IntervalSeconds', `${at}/IntervalSeconds`, 1, MAX_SECONDS);
      if (retrier['MaxAttempts'] !== undefined) this.integer(retrier['MaxAttempts'], 'MaxAttempts', `${at}/MaxAttempts`, 0, MAX_SECONDS);
      if (retrier['MaxDelaySeconds'] !== undefined) this.integer(retrier['MaxDelaySeconds'], 'MaxDelaySeconds', `${at}/MaxDelaySeconds`, 1, 31_622_400);
      const backoff = retrier['BackoffRate'];
      if (backoff !== undefined && (typeof backoff !== 'number' || backoff < 1)) this.schema(`The value for the field 'BackoffRate' must be a number of at least 1.0, got ${JSON.stringify(backoff)}`, `${at}/BackoffRate`);
      const jitter = retrier['JitterStrategy'];
      if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') this.schema(`The value for the field 'JitterStrategy' must be FULL or NONE, got ${JSON.stringify(jitter)}`, `${at}/JitterStrategy`);
    });
  }

  private catch(value: unknown, location: string, language: Language, names: Set<string>, scope: ScopeInfo): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.schema("The value for the field 'Catch' must be an array", location);
      return;
    }
    const allowed = language === 'JSONata' ? ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'] : ['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment'];
    value.forEach((catcher, i) => {
      const at = `${location}/${i}`;
      if (!isObj(catcher)) return this.schema('A Catcher must be a JSON object', at);
      for (const key of Object.keys(catcher)) if (!allowed.includes(key)) this.schema(`The field '${key}' is not supported in a ${language} Catcher`, `${at}/${pointer(key)}`);
      this.errorEquals(catcher['ErrorEquals'], `${at}/ErrorEquals`, i === value.length - 1);
      if (typeof catcher['Next'] !== 'string') this.schema('These fields are required: [Next]', at);
      else if (!names.has(catcher['Next'])) this.error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${catcher['Next']}`, `${at}/Next`);
      if (language === 'JSONPath' && catcher['ResultPath'] !== undefined) this.path(catcher['ResultPath'], 'ResultPath', `${at}/ResultPath`, { reference: true, inputOnly: true, nullable: true });
      if (language === 'JSONata' && catcher['Output'] !== undefined) this.jsonata(catcher['Output'], 'Output', `${at}/Output`);
      if (catcher['Assign'] !== undefined) this.assign(catcher['Assign'], `${at}/Assign`, language, scope);
    });
  }

  /** No block may assign a name that one of its enclosing blocks assigns. */
  private checkScopes(scope: ScopeInfo, outer: Set<string>): void {
    for (const child of scope.children) {
      for (const [name, location] of child.assigned) {
        if (outer.has(name) || scope.assigned.has(name)) this.schema(`The variable '${name}' is assigned in an outer scope; states in a Parallel branch or Map iteration can read it but not assign it`, location);
      }
      this.checkScopes(child, new Set([...outer, ...scope.assigned.keys()]));
    }
  }
}

/**
 * ValidateStateMachineDefinition: checks a definition (an object or JSON text).
 * @returns `result` FAIL when any ERROR diagnostic was found
 */
export function validateDefinition(definition: unknown, options: { maxResults?: number } = {}): ValidationReport {
  const validator = new Validator();
  if (typeof definition === 'string') {
    if (definition.trim() === '') {
      validator.error('MISSING_DESCRIPTION', 'The definition is empty', '');
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(definition);
      } catch (error) {
        validator.error('INVALID_JSON_DESCRIPTION', `The definition is not valid JSON: ${(error as Error).message}`, '');
      }
      if (parsed !== undefined) validator.machine(parsed);
    }
  } else if (definition === undefined || definition === null) {
    validator.error('MISSING_DESCRIPTION', 'The definition is empty', '');
  } else {
    validator.machine(definition);
  }
  const max = options.maxResults ?? 100;
  const diagnostics = validator.diagnostics;
  return { result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK', diagnostics: diagnostics.slice(0, max), truncated: diagnostics.length > max };
}
