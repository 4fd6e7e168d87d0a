/**
 * A state machine's role may invoke exactly the functions its definition calls. The definition is
 * an `Fn::Join` of JSON text and tokens (the imported function ARNs); each token is swapped for a
 * placeholder, the JSON is walked (Parallel branches and Map processors included), and every Lambda
 * task's `FunctionName` is mapped back to the token it was. The role's `lambda:InvokeFunction`
 * resources are then compared with those: the function itself, or its versions and aliases
 * (`<arn>:*`).
 */
import { policyStatements } from './policy-statements';
import { asList, canonical, isObject, resourcesOf, type CfnTemplate } from './template-values';

const PLACEHOLDER = /^@@token(\d+)@@$/;
const LAMBDA_INVOKE = /:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** The definition as JSON, each token replaced by `@@token<n>@@`, with the tokens by number. */
export function definitionWithPlaceholders(definition: unknown): { json: unknown; tokens: unknown[] } {
  const tokens: unknown[] = [];
  let text: string;
  if (typeof definition === 'string') text = definition;
  else if (isObject(definition) && Array.isArray(definition['Fn::Join']) && definition['Fn::Join'][0] === '') {
    text = (definition['Fn::Join'][1] as unknown[])
      .map((part) => {
        if (typeof part === 'string') return part;
        tokens.push(part);
        return `@@token${tokens.length - 1}@@`;
      })
      .join('');
  } else {
    throw new Error(`cannot read a definition given as ${JSON.stringify(definition).slice(0, 80)}`);
  }
  return { json: JSON.parse(text) as unknown, tokens };
}

/** Back from placeholder text to a template value: one token, plain text, or an Fn::Join of both. */
function toTemplateValue(text: string, tokens: unknown[]): unknown {
  const whole = PLACEHOLDER.exec(text);
  if (whole) return tokens[Number(whole[1])];
  const parts = text.split(/(@@token\d+@@)/).filter((p) => p !== '');
  if (parts.length === 1) return text;
  return { 'Fn::Join': ['', parts.map((p) => (PLACEHOLDER.test(p) ? tokens[Number(PLACEHOLDER.exec(p)?.[1])] : p))] };
}

export type State = Record<string, unknown>;

export function allStates(states: unknown): [string, State][] {
  if (!isObject(states)) return [];
  return Object.entries(states).flatMap(([name, state]) => {
    if (!isObject(state)) return [];
    const nested = [...asList(state['Branches']), state['Iterator'], state['ItemProcessor']].flatMap((child) => (isObject(child) ? allStates(child['States']) : []));
    return [[name, state] as [string, State], ...nested];
  });
}

/** The functions a definition's Lambda tasks call, as template values; problems it cannot judge. */
export function invokedFunctions(definition: unknown): { functions: unknown[]; problems: string[] } {
  const { json, tokens } = definitionWithPlaceholders(definition);
  const functions: unknown[] = [];
  const problems: string[] = [];
  for (const [name, state] of allStates(isObject(json) ? json['States'] : undefined)) {
    if (state['Type'] !== 'Task' || typeof state['Resource'] !== 'string') continue;
    const resource = state['Resource'];
    const parameters = (isObject(state['Parameters']) ? state['Parameters'] : isObject(state['Arguments']) ? state['Arguments'] : {}) as Record<string, unknown>;
    if (LAMBDA_INVOKE.test(resource)) {
      if (typeof parameters['FunctionName'] === 'string') functions.push(toTemplateValue(parameters['FunctionName'], tokens));
      else problems.push(`state ${name} chooses its function at run time, so its role cannot be checked against the definition`);
    } else if (/:lambda:/.test(resource) || PLACEHOLDER.test(resource)) {
      // The short form: the function ARN itself is the Task's resource.
      functions.push(toTemplateValue(resource, tokens));
    }
  }
  return { functions, problems };
}

/** The functions a state machine's role may invoke, as template values (`<arn>:*` folded into `<arn>`). */
function invokableFunctions(template: CfnTemplate, roleLogicalId: string): { functions: unknown[]; problems: string[] } {
  const attachedPolicies = new Set(
    resourcesOf(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => asList(policy.Properties?.['Roles']).some((r) => canonical(r) === canonical({ Ref: roleLogicalId })))
      .map(([id]) => id),
  );
  const functions: unknown[] = [];
  const problems: string[] = [];
  for (const statement of policyStatements(template)) {
    if (statement.effect !== 'Allow' || statement.kind !== 'identity') continue;
    if (!attachedPolicies.has(statement.logicalId) && statement.logicalId !== roleLogicalId) continue;
    if (!statement.actions.some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*')) continue;
    if (statement.actions.some((a) => a !== 'lambda:InvokeFunction')) problems.push(`statement ${statement.index} of ${statement.logicalId} grants more than lambda:InvokeFunction: ${statement.actions.join(', ')}`);
    for (const resource of statement.resources) {
      const join = isObject(resource) ? resource['Fn::Join'] : undefined;
      const versions = Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].length === 2 && join[1][1] === ':*';
      functions.push(versions ? (join[1] as unknown[])[0] : resource);
    }
  }
  return { functions, problems };
}

/** Why a template's state machines may invoke more (or fewer) functions than they call; empty when exact. */
export function stateMachineInvokeProblems(template: CfnTemplate): string[] {
  const problems: string[] = [];
  for (const [machineId, machine] of resourcesOf(template, 'AWS::StepFunctions::StateMachine')) {
    const roleArn = machine.Properties?.['RoleArn'];
    const getAtt = isObject(roleArn) ? roleArn['Fn::GetAtt'] : undefined;
    if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn' || typeof getAtt[0] !== 'string') {
      problems.push(`${machineId}: its role is not a role of this template, so its grants cannot be checked`);
      continue;
    }
    let called: { functions: unknown[]; problems: string[] };
    try {
      called = invokedFunctions(machine.Properties?.['DefinitionString'] ?? machine.Properties?.['Definition']);
    } catch (error) {
      problems.push(`${machineId}: ${(error as Error).message}`);
      continue;
    }
    const allowed = invokableFunctions(template, getAtt[0]);
    const calledKeys = new Set(called.functions.map(canonical));
    const allowedKeys = new Set(allowed.functions.map(canonical));
    problems.push(...[...called.problems, ...allowed.problems].map((p) => `${machineId}: ${p}`));
    for (const key of allowedKeys) if (!calledKeys.has(key)) problems.push(`${machineId}: its role may invoke ${key}, which the definition never calls`);
    for (const key of calledKeys) if (!allowedKeys.has(key)) problems.push(`${machineId}: the definition calls ${key}, which its role may not invoke`);
  }
  return problems;
}
