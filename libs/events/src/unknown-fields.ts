/**
 * Finds the fields a writer passed that its contract does not know. The contracts' schemas are open
 * objects that drop unknown fields when parsing (the tolerant reader), so every field present in
 * what was written but absent from what was parsed is one the contract does not declare, at any
 * depth, inside arrays too. This is what makes the writer strict without a second, closed schema.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The dotted paths (`detail.extra`, `detail.items.0.extra`) of the fields in `written` that are
 * missing from `parsed`. A field whose value is `undefined` is not written (JSON drops it).
 */
export function unknownFields(written: unknown, parsed: unknown, prefix: string): string[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (Array.isArray(written) && Array.isArray(parsed)) {
    return written.flatMap((item, index) => unknownFields(item, parsed[index], at(String(index))));
  }
  if (!isPlainObject(written) || !isPlainObject(parsed)) return [];
  return Object.keys(written).flatMap((key) => {
    if (written[key] === undefined) return [];
    if (!Object.hasOwn(parsed, key)) return [at(key)];
    return unknownFields(written[key], parsed[key], at(key));
  });
}
