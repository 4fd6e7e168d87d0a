/**
 * Opaque paging tokens (NextToken): the position to resume after, bound to the listing it came
 * from, so that a token of one listing (or of other filters) is refused by another.
 */

/** A token resuming `scope` after `position`. */
export function encodePageToken(scope: string, position: string): string {
  return Buffer.from(JSON.stringify([scope, position]), 'utf8').toString('base64url');
}

/** The position of a token of `scope`; undefined when the token is not one (each service answers its own error). */
export function decodePageToken(scope: string, token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === scope && typeof parsed[1] === 'string') return parsed[1];
  } catch {
    // not a token of ours
  }
  return undefined;
}
