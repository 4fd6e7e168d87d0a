/**
 * The wildcard matching IAM uses: `*` (any run of characters, including none) and `?` (exactly
 * one character) in actions, resource ARNs and `...Like` condition values. Patterns are compiled
 * to regular expressions once and cached: a function's policy is matched on every AWS call it
 * makes, so this sits on the hot path of every signup.
 */

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 10_000;

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression for an IAM wildcard pattern.
 * @param ignoreCase action names are case-insensitive in IAM; ARNs and string values are not
 */
export function wildcardRegExp(pattern: string, ignoreCase = false): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escape(c)))
      .join('');
    compiled = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

/** True when `value` matches the IAM wildcard `pattern`. */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return wildcardRegExp(pattern, ignoreCase).test(value);
}

/** `service:Action` against an action pattern (`s3:Get*`, `*`): the service prefix and the name are both case-insensitive. */
export function matchesAction(pattern: string, action: string): boolean {
  return matchesWildcard(pattern, action, true);
}

/**
 * Splits an ARN into its six parts (`arn`, partition, service, region, account, resource); the
 * resource part keeps its own colons (`function:name:qualifier`). Undefined when it is not an ARN.
 */
export function arnParts(arn: string): string[] | undefined {
  const parts: string[] = [];
  let rest = arn;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(':');
    if (colon < 0) return undefined;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  return parts[0] === 'arn' ? parts : undefined;
}

/**
 * A resource ARN against a policy's `Resource` pattern, part by part as IAM compares them: a
 * wildcard in the region or account part never reaches into the resource part, while a wildcard
 * in the resource part spans `/` and `:` (`bucket/*` covers every key, `function:f:*` every
 * qualifier). `*` alone matches everything.
 */
export function matchesArn(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (pattern === arn) return true;
  const want = arnParts(pattern);
  const have = arnParts(arn);
  if (!want || !have) return false;
  for (let i = 0; i < 6; i++) {
    if (!matchesWildcard(want[i] as string, have[i] as string)) return false;
  }
  return true;
}
