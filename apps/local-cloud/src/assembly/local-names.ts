/**
 * Deterministic, readable physical names for resources the template leaves unnamed, as
 * CloudFormation would generate them but without the random suffix: `<Stack>-<ConstructPath>`,
 * e.g. `OnboardingUserService-UsersTable`. The same templates always give the same names, so data
 * kept in `--data-dir` stays attached to its table or bucket across restarts.
 */
import { createHash } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../model';

/** Naming rules of one kind of resource: allowed characters and length. */
interface NameRule {
  maxLength: number;
  invalid: RegExp;
  lowerCase?: boolean;
}

const RULES = {
  function: { maxLength: 64, invalid: /[^A-Za-z0-9_-]+/g },
  table: { maxLength: 255, invalid: /[^A-Za-z0-9_.-]+/g },
  bucket: { maxLength: 63, invalid: /[^a-z0-9.-]+/g, lowerCase: true },
  queue: { maxLength: 80, invalid: /[^A-Za-z0-9_-]+/g },
  rule: { maxLength: 64, invalid: /[^A-Za-z0-9_.-]+/g },
  stateMachine: { maxLength: 80, invalid: /[^A-Za-z0-9_-]+/g },
  bus: { maxLength: 256, invalid: /[^A-Za-z0-9_.-]+/g },
  role: { maxLength: 64, invalid: /[^A-Za-z0-9_+=,.@-]+/g },
  generic: { maxLength: 128, invalid: /[^A-Za-z0-9_.-]+/g },
} satisfies Record<string, NameRule>;

export type NameKind = keyof typeof RULES;

function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The readable part of a construct path: the path below the stack, without the `Resource` /
 * `Default` leaf CDK adds, joined with dashes (`Api/POST--signup/Resource` → `Api-POST-signup`).
 */
export function readablePath(constructPath: string | undefined, stackName: string, logicalId: string): string {
  if (!constructPath) return logicalId;
  const parts = constructPath.split('/').filter(Boolean);
  const stackIndex = parts.indexOf(stackName);
  const below = stackIndex >= 0 ? parts.slice(stackIndex + 1) : parts.slice(1);
  while (below.length > 1 && (below.at(-1) === 'Resource' || below.at(-1) === 'Default')) below.pop();
  return below.length > 0 ? below.join('-') : logicalId;
}

/** Applies a kind's naming rules; a name too long is cut and suffixed with a hash of the whole. */
export function sanitizeName(raw: string, kind: NameKind): string {
  const rule: NameRule = RULES[kind];
  let name = rule.lowerCase ? raw.toLowerCase() : raw;
  name = name.replace(rule.invalid, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (name.length < 3) name = `${name}-${shortHash(raw, 4)}`.replace(/^-/, '');
  if (name.length > rule.maxLength) name = `${name.slice(0, rule.maxLength - 9).replace(/[-.]+$/, '')}-${shortHash(raw)}`;
  return name;
}

/** `<stack>-<readable construct path>`, valid for the kind of resource. */
export function generatedName(stackName: string, constructPath: string | undefined, logicalId: string, kind: NameKind): string {
  return sanitizeName(`${stackName}-${readablePath(constructPath, stackName, logicalId)}`, kind);
}

/** A stable opaque id (API ids, key ids), derived from where the resource is declared. */
export function stableId(seed: string, length = 10): string {
  return BigInt(`0x${shortHash(seed, 16)}`).toString(36).padStart(length, '0').slice(0, length);
}

/** `arn:aws:<service>:us-east-1:000000000000:<resource>` (empty region/account where AWS leaves them empty). */
export function localArn(service: string, resource: string, options: { region?: boolean; account?: boolean } = {}): string {
  const region = options.region === false ? '' : LOCAL_REGION;
  const account = options.account === false ? '' : LOCAL_ACCOUNT;
  return `arn:aws:${service}:${region}:${account}:${resource}`;
}
