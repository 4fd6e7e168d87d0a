/**
 * The small toolkit every check uses to read a CloudFormation template: its shape, lists that may
 * be single values, intrinsics rendered to readable text, and a canonical form for comparing two
 * template values (a `Ref` here and the same `Ref` there).
 */

/** One resource of a template, as much as the checks read. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** A synthesized CloudFormation template. */
export interface CfnTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown; NoEcho?: boolean }>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value?: unknown; Export?: unknown }>;
}

/** A value or a list of values, as IAM and CloudFormation allow, always as a list. */
export function asList<T = unknown>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resources of a template with their logical ids, optionally of one type. */
export function resourcesOf(template: CfnTemplate, type?: string): [string, CfnResource][] {
  return Object.entries(template.Resources ?? {}).filter(([, r]) => type === undefined || r.Type === type);
}

/**
 * Renders a template value as text: strings as they are, `Fn::Join` joined, and every other
 * intrinsic as `${...}` (`${Ref:X}`, `${GetAtt:X.Arn}`), so text checks can run on built strings.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(render).join(join[0]);
    if (typeof value['Ref'] === 'string') return `\${Ref:${value['Ref']}}`;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${GetAtt:${getAtt.join('.')}}`;
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  }
  return `\${${JSON.stringify(value)}}`;
}

/** A stable text form of a template value (object keys sorted), to compare values for equality. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every string in a value, with its dotted path, object keys included (as `path.<key>` entries). */
export function stringLeaves(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${path}[${index}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, `${path}.${key}`));
  return [];
}

/** Paths at which an object key with the given name occurs anywhere inside a value. */
export function keyPaths(value: unknown, key: string, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, key, `${path}[${index}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, item]) => [...(k === key ? [`${path}.${k}`] : []), ...keyPaths(item, key, `${path}.${k}`)]);
}
