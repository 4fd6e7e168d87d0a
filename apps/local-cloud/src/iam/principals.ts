/**
 * Who is calling: each function signs its AWS requests with its own access key id (see
 * src/lambda/function-environment.ts), so the key id of a request names the function, and the
 * function's execution role (`FunctionModel.roleArn` → `CloudModel.roles`) holds the statements
 * its calls are checked against. A key id that is no function's (tests, the CLI, the console, the
 * local cloud itself) is an administrator's and is not checked.
 */
import { functionAccessKeyId } from '../lambda/function-environment';
import { LOCAL_ACCOUNT, LOCAL_REGION, type CloudModel } from '../model';
import type { ContextValues } from './conditions';
import type { PolicyStatement } from './policy-evaluator';

/** A role session that is checked: a function, or a state machine calling its task integrations. */
export interface Principal {
  /** The function or state machine name, for messages and the denial log. */
  name: string;
  roleArn: string;
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<session>`, as AWS names the caller in AccessDenied messages. */
  sessionArn: string;
  statements: readonly PolicyStatement[];
  /** Global condition keys of this principal (`aws:PrincipalArn`, `lambda:SourceFunctionArn`, ...). */
  context: ContextValues;
}

/** The principals of the model by access key id, and what could not be checked. */
export interface PrincipalDirectory {
  /** More than one principal under a key id when two functions share a logical id: every one must allow. */
  byAccessKeyId: ReadonlyMap<string, readonly Principal[]>;
  notes: string[];
}

/** The session ARN of a role assumed under `sessionName`. */
export function sessionArnOf(roleArn: string, sessionName: string): string {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${roleName}/${sessionName}`;
}

/** The global condition keys every checked request carries. */
export function principalContext(roleArn: string, extra: Record<string, string> = {}): ContextValues {
  return {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': LOCAL_ACCOUNT,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:RequestedRegion': LOCAL_REGION,
    // Deployed functions call AWS over TLS; the local loopback hop is not what a policy is about.
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': 'false',
    ...extra,
  };
}

/** Builds the directory of a model's functions. */
export function principalDirectory(model: CloudModel): PrincipalDirectory {
  const byAccessKeyId = new Map<string, Principal[]>();
  const notes: string[] = [];
  const unchecked: string[] = [];
  for (const fn of model.functions) {
    const role = fn.roleArn ? model.roles[fn.roleArn] : undefined;
    if (!fn.roleArn || !role) {
      unchecked.push(fn.roleArn ? `${fn.functionName} (role ${fn.roleArn} is not in any template)` : `${fn.functionName} (no execution role)`);
      continue;
    }
    const principal: Principal = {
      name: fn.functionName,
      roleArn: fn.roleArn,
      sessionArn: sessionArnOf(fn.roleArn, fn.functionName),
      statements: role.statements,
      context: principalContext(fn.roleArn, { 'lambda:SourceFunctionArn': fn.arn }),
    };
    const key = functionAccessKeyId(fn);
    byAccessKeyId.set(key, [...(byAccessKeyId.get(key) ?? []), principal]);
  }
  if (unchecked.length) notes.push(`Local IAM does not check the AWS calls of ${unchecked.join(', ')}: no role policy to check them against.`);
  for (const [key, principals] of byAccessKeyId) {
    if (principals.length > 1) notes.push(`Functions ${principals.map((p) => p.name).join(', ')} share the access key id ${key} (the same logical id): each of their calls must be allowed by every one of their roles.`);
  }
  return { byAccessKeyId, notes };
}
