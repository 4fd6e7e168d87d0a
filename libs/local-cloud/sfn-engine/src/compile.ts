/**
 * Turns a validated definition into a graph of compiled states: every path, payload template,
 * intrinsic call, Choice Rule and JSONata expression is parsed once here, so running a state only
 * evaluates. Both query languages compile to the same shape: each field becomes a {@link Source}
 * that reads an {@link EvalEnv}.
 */
import type { ContextObject } from './context';
import type { CatcherDefinition, QueryLanguage, RetrierDefinition, StateDefinition, StatesBlock } from './definition';
import { compileJsonataTemplate, JsonataEvaluationError, type JsonataServices } from './jsonata/expressions';
import { compileChoiceRule, type ChoiceTest } from './jsonpath/choice-rules';
import { compileIntrinsic, looksLikeIntrinsic, type IntrinsicServices, evaluateIntrinsic, IntrinsicEvaluationError } from './jsonpath/intrinsics';
import { compilePath, evaluatePath, NOT_FOUND, type CompiledPath, type PathScope, type PathStep } from './jsonpath/path';
import { compilePayloadTemplate, TemplateEvaluationError, type PayloadTemplate } from './jsonpath/payload-template';
import { describeResource, type ResourceDescription } from './task-invoker';
import type { VariableScope } from './variables';

/** Clock and randomness, for expressions and intrinsic functions. */
export type Services = JsonataServices & IntrinsicServices;

/** What a field is evaluated against. */
export interface EvalEnv {
  /** JSONPath: the data `$` refers to. JSONata: `$states.input`. */
  input: unknown;
  /** JSONata `$states.result`. */
  result?: unknown;
  /** JSONata `$states.errorOutput`. */
  errorOutput?: unknown;
  context: ContextObject;
  scope: VariableScope;
  services: Services;
}

/** A compiled field: evaluates to its value (possibly asynchronously). */
export type Source = (env: EvalEnv) => unknown;

/**
 * A field failed to evaluate. `language` tells the interpreter which error Step Functions raises:
 * JSONata failures are `States.QueryEvaluationError`, JSONPath ones `States.Runtime`.
 */
export class FieldEvaluationError extends Error {
  constructor(
    readonly field: string,
    readonly language: QueryLanguage,
    message: string,
  ) {
    super(message);
    this.name = 'FieldEvaluationError';
  }
}

/** A compiled Retrier. */
export interface RetrierNode {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: boolean;
}

/** A compiled Catcher. */
export interface CatcherNode {
  errorEquals: string[];
  next: string;
  /** JSONPath: where the error output goes in the state input (`[]` is `$`, null discards it). */
  resultPath: readonly PathStep[] | null;
  output?: Source;
  assign?: Source;
}

/** A compiled rule of a Choice state. */
export interface ChoiceNode {
  /** JSONPath: the rule's test. */
  test?: ChoiceTest;
  /** JSONata: the Condition. */
  condition?: Source;
  next: string;
  output?: Source;
  assign?: Source;
}

/** A compiled Map state's specifics. */
export interface MapNode {
  items?: Source;
  itemSelector?: Source;
  processor: Graph;
  maxConcurrency?: Source;
  toleratedFailureCount?: Source;
  toleratedFailurePercentage?: Source;
}

/** A compiled state. */
export interface StateNode {
  name: string;
  type: string;
  language: QueryLanguage;
  definition: StateDefinition;
  next?: string;
  /** JSONPath InputPath: undefined is `$`, null is `{}`. */
  inputPath?: CompiledPath | null;
  /** JSONPath OutputPath: undefined is `$`, null is `{}`. */
  outputPath?: CompiledPath | null;
  /** JSONPath ResultPath: `[]` is `$`, null discards the result. */
  resultPath: readonly PathStep[] | null;
  /** JSONPath Parameters / JSONata Arguments. */
  parameters?: Source;
  resultSelector?: Source;
  /** JSONPath Pass `Result`. */
  result?: { value: unknown };
  output?: Source;
  assign?: Source;
  retriers: RetrierNode[];
  catchers: CatcherNode[];
  resource?: ResourceDescription;
  timeoutSeconds?: Source;
  heartbeatSeconds?: Source;
  credentials?: Source;
  seconds?: Source;
  timestamp?: Source;
  choices?: ChoiceNode[];
  defaultNext?: string;
  error?: Source;
  cause?: Source;
  branches?: Graph[];
  map?: MapNode;
}

/** A compiled block of states. */
export interface Graph {
  startAt: string;
  states: Map<string, StateNode>;
}

function pathScope(env: EvalEnv): PathScope {
  return { input: env.input, context: env.context, variable: (name) => env.scope.get(name) };
}

/** A JSONPath reference-path field (`SecondsPath`, `ItemsPath`, ...): its node, or a Runtime error. */
function pathSource(field: string, text: string): Source {
  const path = compilePath(text);
  return (env) => {
    const value = evaluatePath(path, pathScope(env));
    if (value === NOT_FOUND) throw new FieldEvaluationError(field, 'JSONPath', `The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(env.input)}'`);
    return value;
  };
}

/** A `...Path` field of a Fail state, which may also be an intrinsic function. */
function pathOrIntrinsicSource(field: string, text: string): Source {
  if (!looksLikeIntrinsic(text)) return pathSource(field, text);
  const call = compileIntrinsic(text);
  return (env) => {
    try {
      return evaluateIntrinsic(call, pathScope(env), env.services);
    } catch (error) {
      if (error instanceof IntrinsicEvaluationError) throw new FieldEvaluationError(field, 'JSONPath', error.message);
      throw error;
    }
  };
}

function payloadSource(field: string, template: unknown): Source {
  const compiled: PayloadTemplate = compilePayloadTemplate(template);
  return (env) => {
    try {
      return compiled(pathScope(env), env.services);
    } catch (error) {
      if (error instanceof TemplateEvaluationError) throw new FieldEvaluationError(field, 'JSONPath', error.message);
      throw error;
    }
  };
}

/** A JSONata field: `{% %}` strings evaluated, anything else constant. */
export function jsonataSource(field: string, value: unknown): Source {
  const template = compileJsonataTemplate(value);
  if (template.constant) {
    const constant = value;
    return () => constant;
  }
  return async (env) => {
    try {
      return await template({
        states: { input: env.input, ...(env.result !== undefined ? { result: env.result } : {}), ...(env.errorOutput !== undefined ? { errorOutput: env.errorOutput } : {}), context: env.context },
        variables: env.scope.visible(),
        services: env.services,
      });
    } catch (error) {
      if (error instanceof JsonataEvaluationError) throw new FieldEvaluationError(field, 'JSONata', `The JSONata expression '${error.expression}' specified for the field '${field}' ${error.reason}`);
      throw error;
    }
  };
}

/** A field that is a literal in JSONPath states (`Seconds`, `MaxConcurrency`, ...) or JSONata in JSONata states. */
function literalOrJsonata(language: QueryLanguage, field: string, value: unknown): Source {
  if (language === 'JSONata') return jsonataSource(field, value);
  return () => value;
}

function optionalPath(value: unknown): CompiledPath | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  return compilePath(value as string);
}

function resultPathSteps(value: unknown): readonly PathStep[] | null {
  if (value === undefined) return [];
  if (value === null) return null;
  return compilePath(value as string).steps ?? [];
}

function compileRetriers(value: unknown): RetrierNode[] {
  if (!Array.isArray(value)) return [];
  return (value as RetrierDefinition[]).map((r) => ({
    errorEquals: r.ErrorEquals,
    intervalSeconds: r.IntervalSeconds ?? 1,
    maxAttempts: r.MaxAttempts ?? 3,
    backoffRate: r.BackoffRate ?? 2,
    ...(r.MaxDelaySeconds !== undefined ? { maxDelaySeconds: r.MaxDelaySeconds } : {}),
    jitter: r.JitterStrategy === 'FULL',
  }));
}

function compileCatchers(value: unknown, language: QueryLanguage): CatcherNode[] {
  if (!Array.isArray(value)) return [];
  return (value as CatcherDefinition[]).map((c) => {
    const node: CatcherNode = { errorEquals: c.ErrorEquals, next: c.Next, resultPath: language === 'JSONPath' ? resultPathSteps(c.ResultPath) : [] };
    if (language === 'JSONata' && c.Output !== undefined) node.output = jsonataSource('Output', c.Output);
    if (c.Assign !== undefined) node.assign = language === 'JSONata' ? jsonataSource('Assign', c.Assign) : payloadSource('Assign', c.Assign);
    return node;
  });
}

/** The query language of a state: its own, else its block's, else the machine's. */
export function languageOf(state: StateDefinition, inherited: QueryLanguage): QueryLanguage {
  return state.QueryLanguage ?? inherited;
}

function compileState(name: string, def: StateDefinition, inherited: QueryLanguage): StateNode {
  const language = languageOf(def, inherited);
  const jsonata = language === 'JSONata';
  const node: StateNode = {
    name,
    type: def.Type,
    language,
    definition: def,
    ...(typeof def.Next === 'string' ? { next: def.Next } : {}),
    resultPath: jsonata ? [] : resultPathSteps(def['ResultPath']),
    retriers: compileRetriers(def['Retry']),
    catchers: compileCatchers(def['Catch'], language),
  };
  if (jsonata) {
    if (def['Arguments'] !== undefined) node.parameters = jsonataSource('Arguments', def['Arguments']);
    if (def['Output'] !== undefined) node.output = jsonataSource('Output', def['Output']);
    if (def['Assign'] !== undefined) node.assign = jsonataSource('Assign', def['Assign']);
  } else {
    node.inputPath = optionalPath(def['InputPath']);
    node.outputPath = optionalPath(def['OutputPath']);
    if (def['Parameters'] !== undefined && def.Type !== 'Map') node.parameters = payloadSource('Parameters', def['Parameters']);
    if (def['ResultSelector'] !== undefined) node.resultSelector = payloadSource('ResultSelector', def['ResultSelector']);
    if (def['Assign'] !== undefined) node.assign = payloadSource('Assign', def['Assign']);
    if (def.Type === 'Pass' && 'Result' in def) node.result = { value: def['Result'] };
  }
  switch (def.Type) {
    case 'Task': {
      node.resource = describeResource(def['Resource'] as string);
      if (def['TimeoutSeconds'] !== undefined) node.timeoutSeconds = literalOrJsonata(language, 'TimeoutSeconds', def['TimeoutSeconds']);
      else if (typeof def['TimeoutSecondsPath'] === 'string') node.timeoutSeconds = pathSource('TimeoutSecondsPath', def['TimeoutSecondsPath']);
      if (def['HeartbeatSeconds'] !== undefined) node.heartbeatSeconds = literalOrJsonata(language, 'HeartbeatSeconds', def['HeartbeatSeconds']);
      else if (typeof def['HeartbeatSecondsPath'] === 'string') node.heartbeatSeconds = pathSource('HeartbeatSecondsPath', def['HeartbeatSecondsPath']);
      if (def['Credentials'] !== undefined) node.credentials = jsonata ? jsonataSource('Credentials', def['Credentials']) : payloadSource('Credentials', def['Credentials']);
      break;
    }
    case 'Wait': {
      if (def['Seconds'] !== undefined) node.seconds = literalOrJsonata(language, 'Seconds', def['Seconds']);
      else if (typeof def['SecondsPath'] === 'string') node.seconds = pathSource('SecondsPath', def['SecondsPath']);
      else if (def['Timestamp'] !== undefined) node.timestamp = literalOrJsonata(language, 'Timestamp', def['Timestamp']);
      else if (typeof def['TimestampPath'] === 'string') node.timestamp = pathSource('TimestampPath', def['TimestampPath']);
      break;
    }
    case 'Choice': {
      node.choices = (def['Choices'] as Record<string, unknown>[]).map((rule, i) => {
        const choice: ChoiceNode = { next: rule['Next'] as string };
        if (jsonata) {
          choice.condition = jsonataSource('Condition', rule['Condition']);
          if (rule['Output'] !== undefined) choice.output = jsonataSource('Output', rule['Output']);
          if (rule['Assign'] !== undefined) choice.assign = jsonataSource('Assign', rule['Assign']);
        } else {
          choice.test = compileChoiceRule(rule, `/Choices/${i}`);
          if (rule['Assign'] !== undefined) choice.assign = payloadSource('Assign', rule['Assign']);
        }
        return choice;
      });
      if (typeof def['Default'] === 'string') node.defaultNext = def['Default'];
      break;
    }
    case 'Fail': {
      if (def['Error'] !== undefined) node.error = literalOrJsonata(language, 'Error', def['Error']);
      else if (typeof def['ErrorPath'] === 'string') node.error = pathOrIntrinsicSource('ErrorPath', def['ErrorPath']);
      if (def['Cause'] !== undefined) node.cause = literalOrJsonata(language, 'Cause', def['Cause']);
      else if (typeof def['CausePath'] === 'string') node.cause = pathOrIntrinsicSource('CausePath', def['CausePath']);
      break;
    }
    case 'Parallel': {
      node.branches = (def['Branches'] as StatesBlock[]).map((branch) => compileGraph(branch, language));
      break;
    }
    case 'Map': {
      const processor = (def['ItemProcessor'] ?? def['Iterator']) as StatesBlock;
      const map: MapNode = { processor: compileGraph(processor, language) };
      if (jsonata) {
        if (def['Items'] !== undefined) map.items = jsonataSource('Items', def['Items']);
        if (def['ItemSelector'] !== undefined) map.itemSelector = jsonataSource('ItemSelector', def['ItemSelector']);
      } else {
        if (typeof def['ItemsPath'] === 'string') map.items = pathSource('ItemsPath', def['ItemsPath']);
        const selector = def['ItemSelector'] ?? def['Parameters'];
        if (selector !== undefined) map.itemSelector = payloadSource(def['ItemSelector'] !== undefined ? 'ItemSelector' : 'Parameters', selector);
      }
      const numeric = (field: string) => {
        if (def[field] !== undefined) return literalOrJsonata(language, field, def[field]);
        if (!jsonata && typeof def[`${field}Path`] === 'string') return pathSource(`${field}Path`, def[`${field}Path`] as string);
        return undefined;
      };
      const maxConcurrency = numeric('MaxConcurrency');
      if (maxConcurrency) map.maxConcurrency = maxConcurrency;
      const count = numeric('ToleratedFailureCount');
      if (count) map.toleratedFailureCount = count;
      const percentage = numeric('ToleratedFailurePercentage');
      if (percentage) map.toleratedFailurePercentage = percentage;
      node.map = map;
      break;
    }
    default:
      break;
  }
  return node;
}

/** Compiles a block of states (the machine, a branch, an ItemProcessor). */
export function compileGraph(block: StatesBlock, inherited: QueryLanguage): Graph {
  const language = block.QueryLanguage ?? inherited;
  const states = new Map<string, StateNode>();
  for (const [name, def] of Object.entries(block.States)) states.set(name, compileState(name, def, language));
  return { startAt: block.StartAt, states };
}
