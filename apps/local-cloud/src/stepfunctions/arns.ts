/**
 * Execution names and the ARNs Step Functions derives from them. The name rules are those of the
 * StartExecution API reference: 1 to 80 characters, no white space, brackets, wildcards, the
 * punctuation listed below, or control characters.
 */
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../model';

const MAX_NAME_LENGTH = 80;
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** What is wrong with an execution name; undefined when it is valid. */
export function executionNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (CONTROL.test(name)) return 'it contains a control character';
  if (FORBIDDEN.test(name)) return 'it contains white space, a bracket, a wildcard or one of " # % \\ ^ | ~ ` $ & , ; : /';
  return undefined;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` → `<name>`; undefined for other strings. */
export function stateMachineNameOf(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/.exec(arn);
  return match?.[1];
}

/** The ARN of an execution: Standard executions are named `execution:`, Express ones `express:` plus a unique id. */
export function executionArn(stateMachineName: string, name: string, type: 'STANDARD' | 'EXPRESS', uniqueId: string): string {
  const base = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}`;
  return type === 'EXPRESS' ? `${base}:express:${stateMachineName}:${name}:${uniqueId}` : `${base}:execution:${stateMachineName}:${name}`;
}

/** True when a string has the shape of an execution ARN (Standard or Express). */
export function isExecutionArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution:[^:]+:[^:]+|express:[^:]+:[^:]+:[^:]+)$/.test(arn);
}

/** The ARN of a role known by its logical id (the model keeps roles by logical id). */
export function roleArnOf(roleLogicalId: string | undefined, stateMachineName: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${roleLogicalId ?? `${stateMachineName}-role`}`;
}
