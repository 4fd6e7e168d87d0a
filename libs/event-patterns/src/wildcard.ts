/**
 * Wildcard operands: `*` stands for any run of characters (none included), `\*` is a literal
 * asterisk, `\\` a literal backslash. Any other backslash, and two `*` in a row, are refused, as
 * EventBridge refuses them, with the position EventBridge reports: a UTF-8 byte offset counted
 * from an opening quote (EventBridge parses the operand as the JSON string `"..."`).
 */

/** A parsed wildcard: the literal runs between the `*`s (one more run than there are `*`s). */
export type WildcardParts = readonly string[];

function byteOffsetOf(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8') + 1;
}

/** Parses a wildcard operand into its literal runs, or returns the reason it is refused. */
export function parseWildcard(text: string): WildcardParts | string {
  const parts: string[] = [];
  let run = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '*') {
      if (text[i + 1] === '*') return `Consecutive wildcard characters at pos ${byteOffsetOf(text, i)}`;
      parts.push(run);
      run = '';
    } else if (char === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') return `Invalid escape character at pos ${byteOffsetOf(text, i)}`;
      run += next;
      i++;
    } else {
      run += char;
    }
  }
  parts.push(run);
  return parts;
}

/**
 * A predicate for one parsed wildcard. With only `*` as a metacharacter, taking the leftmost
 * occurrence of each middle run is always right, so matching is linear passes of `indexOf`, no
 * backtracking, and no regular expression to build or to be attacked through.
 */
export function wildcardMatcher(parts: WildcardParts): (value: string) => boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return (value) => value === first;
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  const fixedLength = first.length + last.length;
  if (middle.length === 0) {
    return (value) => value.length >= fixedLength && value.startsWith(first) && value.endsWith(last);
  }
  return (value) => {
    if (value.length < fixedLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let position = first.length;
    for (const part of middle) {
      const found = value.indexOf(part, position);
      if (found < 0 || found + part.length > end) return false;
      position = found + part.length;
    }
    return true;
  };
}
