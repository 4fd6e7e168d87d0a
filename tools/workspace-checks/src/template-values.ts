/**
 * The small toolkit every check uses to read a CloudFormation template: its shape, lists that may
 * be single values, and a canonical form for comparing two template values (a `Ref` here and the
 * same `Ref` there). Intrinsics are rendered to text by `renderTemplateValue` of
 * `@onboarding/cdk-constructs/testing`, the renderer the teams' infra tests use too.
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
